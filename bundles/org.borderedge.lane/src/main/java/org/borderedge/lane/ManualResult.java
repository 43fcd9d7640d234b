package org.borderedge.lane;

/**
 * Result of a manual action. The HTTP API maps INVALID to 400 and both refusals to 409.
 */
public record ManualResult(Status status, String reason) {

    public enum Status {
        ACCEPTED,
        /** The request itself was malformed: no user, no reason, no action. */
        INVALID,
        /** The safety interlock refused it (e.g. CLOSE with the safety loop occupied). */
        REFUSED_INTERLOCK,
        /** Not possible in the lane's state (nothing to release, barrier offline). */
        REFUSED_STATE
    }

    public static ManualResult accepted(String reason) {
        return new ManualResult(Status.ACCEPTED, reason);
    }

    public static ManualResult invalid(String reason) {
        return new ManualResult(Status.INVALID, reason);
    }

    public static ManualResult refusedInterlock(String reason) {
        return new ManualResult(Status.REFUSED_INTERLOCK, reason);
    }

    public static ManualResult refusedState(String reason) {
        return new ManualResult(Status.REFUSED_STATE, reason);
    }

    public boolean accepted() {
        return status == Status.ACCEPTED;
    }
}
