package org.borderedge.device.reader.internal;

/** A frame that cannot be read: {@code counter} is the device counter to raise, the message says why. */
final class Rejected extends Exception {

    private static final long serialVersionUID = 1L;
    final String counter;

    Rejected(String counter, String message) {
        super(message, null, false, false);
        this.counter = counter;
    }
}
