package org.borderedge.lane;

/** What the lane decided for a vehicle. */
public enum Verdict {
    /** Green channel (or inspection cleared) and every check passed: open the barrier. */
    RELEASE,
    /** A check failed, a watchlist hit, an unknown vehicle, a tampered seal: a technician must act. */
    HOLD,
    /** Yellow (documents) or red (scan) channel. */
    INSPECT
}
