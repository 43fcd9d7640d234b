package org.borderedge.seal;

/** What an officer or technician does to a seal; FAULT also comes from the reader (tamper, low battery). */
public enum SealAction {
    ASSIGN,
    APPLY,
    REMOVE,
    RETURN,
    FAULT,
    /** A repaired seal goes back to the pool (RETURNED). */
    REPAIR
}
