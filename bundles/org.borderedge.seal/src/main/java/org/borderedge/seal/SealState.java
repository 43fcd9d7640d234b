package org.borderedge.seal;

/** Where a seal is in its life at this gateway. */
public enum SealState {
    /** Given to a declaration or vehicle, not locked yet. */
    ASSIGNED,
    /** Locked on the container or truck. */
    APPLIED,
    /** Taken off at the destination gate. */
    REMOVED,
    /** Back in the gateway's pool, ready to be assigned again. */
    RETURNED,
    /** Reported tamper, low battery or a fault: out of rotation until repaired. */
    FAULTY
}
