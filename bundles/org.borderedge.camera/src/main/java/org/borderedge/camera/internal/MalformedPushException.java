package org.borderedge.camera.internal;

/** A push that cannot be understood; the message names what was wrong for the technician's log. */
final class MalformedPushException extends Exception {

    private static final long serialVersionUID = 1L;

    MalformedPushException(String message) {
        super(message);
    }

    MalformedPushException(String message, Throwable cause) {
        super(message, cause);
    }
}
