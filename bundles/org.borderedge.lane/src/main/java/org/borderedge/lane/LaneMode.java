package org.borderedge.lane;

/** AUTO: the engine drives the barrier. MANUAL: only a technician does, until RELEASE. */
public enum LaneMode {
    AUTO,
    MANUAL
}
