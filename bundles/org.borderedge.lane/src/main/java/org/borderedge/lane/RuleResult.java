package org.borderedge.lane;

import java.util.Map;

/**
 * One rule's contribution to a decision, with the data it used, so a decision can be audited later
 * without the reference data of that moment.
 */
public record RuleResult(String rule, Outcome outcome, String reason, Map<String, Object> data) {

    public enum Outcome {
        PASS,
        HOLD,
        INSPECT,
        /** The rule does not apply to this lane or vehicle (e.g. no seal declared). */
        NOT_APPLICABLE
    }

    public RuleResult {
        reason = reason == null ? "" : reason;
        data = data == null ? Map.of() : Map.copyOf(data);
    }
}
