package org.borderedge.evidence;

/** Evidence could not be stored or read; the message says which item and why. */
public class EvidenceException extends Exception {

    private static final long serialVersionUID = 1L;

    public EvidenceException(String message) {
        super(message);
    }

    public EvidenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
