package org.borderedge.lane.internal.rules;

import org.borderedge.lane.RuleResult;
import org.borderedge.lane.internal.ResidentCheck;

/**
 * Border-resident trade: the resident must be identified by a valid resident code, and the goods value
 * declared in it plus what the resident already bought in the quota period must stay within the quota.
 * An unreadable ledger holds: a quota that cannot be checked is not granted.
 */
public final class ResidentQuotaRule implements Rule {

    @Override
    public String name() {
        return "resident-quota";
    }

    @Override
    public RuleResult evaluate(DecisionContext c) {
        ResidentCheck r = c.resident();
        if (r == null) {
            return Rules.notApplicable(name(), "not a resident-trade lane");
        }
        if (r.pass() == null) {
            return Rules.hold(name(), "no resident identified: " + r.passProblem(), Rules.data("problem", r.passProblem()));
        }
        var data = Rules.data("residentId", r.pass().residentId(), "valueVnd", r.pass().valueVnd(), "quotaVnd", r.quotaVnd(),
                "period", r.periodKey(), "periodKind", r.period().name(), "quotaSource", r.quotaSource(), "usedVnd", r.usedVnd());
        if (r.usedVnd() == null) {
            return Rules.hold(name(), "quota ledger unavailable: " + r.ledgerProblem(), data);
        }
        long used = r.usedVnd();
        long after = used + r.pass().valueVnd();
        if (after > r.quotaVnd()) {
            return Rules.hold(name(), "quota exceeded: " + used + " VND already used in " + r.periodKey() + " + "
                    + r.pass().valueVnd() + " VND now > quota " + r.quotaVnd() + " VND", data);
        }
        return Rules.pass(name(), "within quota: " + (r.quotaVnd() - after) + " VND left in " + r.periodKey(), data);
    }
}
