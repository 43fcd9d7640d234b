package org.borderedge.outbox;

/** An append that did not reach the journal; the event is not stored. */
public class OutboxException extends Exception {

    private static final long serialVersionUID = 1L;

    public OutboxException(String message, Throwable cause) {
        super(message, cause);
    }

    public OutboxException(String message) {
        super(message);
    }
}
