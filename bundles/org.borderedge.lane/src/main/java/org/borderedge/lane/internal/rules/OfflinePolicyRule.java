package org.borderedge.lane.internal.rules;

import org.borderedge.lane.RuleResult;
import org.borderedge.lane.internal.OfflinePolicy;

/** Applies the lane's offline policy when the central link or the reference data is too old. */
public final class OfflinePolicyRule implements Rule {

    @Override
    public String name() {
        return "offline-policy";
    }

    @Override
    public RuleResult evaluate(DecisionContext c) {
        var data = Rules.data("online", c.online(), "referenceAgeMs", c.referenceAgeMs(),
                "maxReferenceAgeMs", c.config().maxReferenceAge.toMillis(), "policy", c.config().offlinePolicy.name());
        if (c.online()) {
            return Rules.pass(name(), "online", data);
        }
        String age = c.referenceAgeMs() < 0 ? "no reference data" : "reference data " + c.referenceAgeMs() / 1000 + " s old";
        if (c.config().offlinePolicy == OfflinePolicy.DECIDE_ON_CACHE) {
            return Rules.pass(name(), "offline (" + age + "): deciding on the cache", data);
        }
        if (c.plateRead() != null) {
            String plate = PlateRule.effectivePlate(c.plateRead().text(), c);
            if (c.config().offlineWhitelist.contains(plate)) {
                return Rules.pass(name(), "offline (" + age + "): plate " + plate + " is on the offline whitelist", data);
            }
        }
        return Rules.hold(name(), "offline (" + age + "): holding every vehicle not on the offline whitelist", data);
    }
}
