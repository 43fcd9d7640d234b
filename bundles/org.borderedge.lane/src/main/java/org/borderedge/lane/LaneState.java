package org.borderedge.lane;

/** Where a lane is in its cycle. MANUAL means a technician owns the barrier until RELEASE. */
public enum LaneState {
    /** Waiting to learn loop and barrier states after a (re)start. */
    STARTING,
    IDLE,
    IDENTIFYING,
    WEIGHING,
    SEAL_CHECK,
    /** Red channel: waiting for the scanner's verdict. */
    SCANNING,
    /** Yellow channel (or red without an automatic release): an officer checks and releases. */
    INSPECTION,
    /** A check failed or a technician held the lane; the barrier stays (or goes) closed when safe. */
    HELD,
    OPENING,
    /** Barrier open, waiting for the vehicle to pass the exit loop and clear the safety loop. */
    PASSING,
    /** Vehicle passed; waiting for the clearance delay before closing. */
    CLEARING,
    CLOSING,
    MANUAL;

    public LaneMode mode() {
        return this == MANUAL ? LaneMode.MANUAL : LaneMode.AUTO;
    }
}
