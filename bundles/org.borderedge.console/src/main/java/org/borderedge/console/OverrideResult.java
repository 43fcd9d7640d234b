package org.borderedge.console;

/**
 * The lane's answer to a manual action.
 *
 * @param refusal empty when accepted, otherwise the interlock's reason (e.g. "loop occupied")
 */
public record OverrideResult(boolean accepted, String state, String refusal) {

    public static OverrideResult accepted(String newState) {
        return new OverrideResult(true, newState, "");
    }

    public static OverrideResult refused(String reason) {
        return new OverrideResult(false, null, reason);
    }
}
