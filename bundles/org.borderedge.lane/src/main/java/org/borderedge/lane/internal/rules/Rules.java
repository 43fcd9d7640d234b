package org.borderedge.lane.internal.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.borderedge.core.LaneType;
import org.borderedge.lane.RuleResult;
import org.borderedge.lane.Verdict;

/** The rule set of a lane, evaluated in order; every rule is evaluated and recorded. */
public final class Rules {

    private final List<Rule> rules;

    public Rules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static Rules standard() {
        return new Rules(List.of(new DeclarationRule(), new PlateRule(), new ContainerRule(), new WatchlistRule(),
                new WeightRule(), new SealRule(), new OfflinePolicyRule(), new ChannelRule()));
    }

    /**
     * Border residents buying under the value quota: no declaration, plate, weight or seal checks; the
     * quota rule, the watchlist (a plate, when one was read) and the offline policy.
     */
    public static Rules residentTrade() {
        return new Rules(List.of(new ResidentQuotaRule(), new WatchlistRule(), new OfflinePolicyRule()));
    }

    /** The rule set of a lane type. */
    public static Rules forLane(LaneType type) {
        return type == LaneType.RESIDENT_TRADE ? residentTrade() : standard();
    }

    public List<RuleResult> evaluate(DecisionContext context) {
        List<RuleResult> out = new ArrayList<>(rules.size());
        for (Rule r : rules) {
            RuleResult result;
            try {
                result = r.evaluate(context);
            } catch (RuntimeException e) {
                // A broken rule must never release a vehicle.
                result = hold(r.name(), "rule failed: " + e, Map.of());
            }
            out.add(result);
        }
        return out;
    }

    /** HOLD beats INSPECT beats RELEASE. */
    public static Verdict verdict(List<RuleResult> results) {
        boolean inspect = false;
        for (RuleResult r : results) {
            if (r.outcome() == RuleResult.Outcome.HOLD) {
                return Verdict.HOLD;
            }
            inspect |= r.outcome() == RuleResult.Outcome.INSPECT;
        }
        return inspect ? Verdict.INSPECT : Verdict.RELEASE;
    }

    static RuleResult pass(String rule, String reason, Map<String, Object> data) {
        return new RuleResult(rule, RuleResult.Outcome.PASS, reason, data);
    }

    static RuleResult hold(String rule, String reason, Map<String, Object> data) {
        return new RuleResult(rule, RuleResult.Outcome.HOLD, reason, data);
    }

    static RuleResult inspect(String rule, String reason, Map<String, Object> data) {
        return new RuleResult(rule, RuleResult.Outcome.INSPECT, reason, data);
    }

    static RuleResult notApplicable(String rule, String reason) {
        return new RuleResult(rule, RuleResult.Outcome.NOT_APPLICABLE, reason, Map.of());
    }

    /** An insertion-ordered map that skips null values (Map.of refuses them). */
    static Map<String, Object> data(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                m.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return m;
    }
}
