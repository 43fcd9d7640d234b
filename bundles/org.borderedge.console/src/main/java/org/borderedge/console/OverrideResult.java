package org.borderedge.console;

import java.util.Objects;

/**
 * The lane's answer to a manual action.
 *
 * @param state the lane's state after an accepted action, else null
 * @param message why it was refused or invalid (e.g. "safety loop occupied"); empty when accepted
 */
public record OverrideResult(Outcome outcome, String state, String message) {

    public enum Outcome {
        ACCEPTED,
        /** The safety interlock or the lane's state said no (HTTP 409). */
        REFUSED,
        /** The request itself was malformed in the lane's eyes (HTTP 400). */
        INVALID
    }

    public OverrideResult {
        Objects.requireNonNull(outcome, "outcome");
        message = message == null ? "" : message;
    }

    public static OverrideResult accepted(String newState) {
        return new OverrideResult(Outcome.ACCEPTED, newState, "");
    }

    public static OverrideResult refused(String reason) {
        return new OverrideResult(Outcome.REFUSED, null, reason);
    }

    public static OverrideResult invalid(String reason) {
        return new OverrideResult(Outcome.INVALID, null, reason);
    }

    public boolean accepted() {
        return outcome == Outcome.ACCEPTED;
    }
}
