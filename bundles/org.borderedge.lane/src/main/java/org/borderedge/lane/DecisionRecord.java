package org.borderedge.lane;

import java.time.Instant;
import java.util.List;

/**
 * A decision with every rule evaluated, whether it was made on fresh central data or offline on the
 * cache, and the age of that cache.
 *
 * @param decidedBy "engine" or the user of a manual release / hold
 * @param referenceAgeMs age of the reference data used; -1 when there was none
 * @param offlinePolicy the offline policy applied when not online, else empty
 */
public record DecisionRecord(Verdict verdict, String channel, List<RuleResult> rules, boolean online,
        long referenceAgeMs, long referenceVersion, String offlinePolicy, String decidedBy, Instant time) {

    public DecisionRecord {
        rules = List.copyOf(rules);
        channel = channel == null ? "" : channel;
        offlinePolicy = offlinePolicy == null ? "" : offlinePolicy;
    }

    /** Reasons of the rules that did not pass, in evaluation order. */
    public List<String> reasons() {
        return rules.stream()
                .filter(r -> r.outcome() == RuleResult.Outcome.HOLD || r.outcome() == RuleResult.Outcome.INSPECT)
                .map(r -> r.rule() + ": " + r.reason())
                .toList();
    }
}
