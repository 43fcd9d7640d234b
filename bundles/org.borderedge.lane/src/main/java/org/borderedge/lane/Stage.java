package org.borderedge.lane;

/**
 * Milestones of a lane cycle (WCO Time Release Study). A stage's duration is measured from the
 * previous milestone the cycle reached, on the monotonic ticker.
 */
public enum Stage {
    ARRIVED,
    IDENTIFIED,
    WEIGHED,
    SEAL_CHECKED,
    DECIDED,
    SCAN_REQUESTED,
    SCAN_COMPLETED,
    BARRIER_OPENED,
    PASSED,
    BARRIER_CLOSED
}
