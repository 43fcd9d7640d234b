package org.borderedge.lane;

/** What a technician may do on a lane (console and API). */
public enum ManualAction {
    /** Open the barrier; the lane goes MANUAL. */
    OPEN,
    /** Close the barrier if the safety interlock allows; the lane goes MANUAL. */
    CLOSE,
    /** Stop automatic processing; the barrier closes when safe and stays closed. */
    HOLD,
    /** Release the held vehicle (opens the barrier) or give the lane back to AUTO. */
    RELEASE
}
