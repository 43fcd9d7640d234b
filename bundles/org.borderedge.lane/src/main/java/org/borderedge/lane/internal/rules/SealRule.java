package org.borderedge.lane.internal.rules;

import org.borderedge.device.Observation.SealLock;
import org.borderedge.lane.RuleResult;

/** A declared seal must be present, be the declared (or centrally assigned) one, and be locked. */
public final class SealRule implements Rule {

    @Override
    public String name() {
        return "seal";
    }

    @Override
    public RuleResult evaluate(DecisionContext c) {
        if (!c.sealApplies()) {
            return Rules.notApplicable(name(), "lane does not check e-seals");
        }
        if (c.declaration() == null) {
            return Rules.notApplicable(name(), "no declaration to compare with");
        }
        var declared = c.declaration().sealIds().stream().sorted().toList();
        if (declared.isEmpty()) {
            return Rules.notApplicable(name(), "no seal declared");
        }
        if (c.seal() == null) {
            return Rules.hold(name(), "declared seal " + declared + " not read within "
                    + c.config().sealTimeout.toSeconds() + " s", Rules.data("declared", declared));
        }
        String id = c.seal().sealId();
        boolean assigned = declared.contains(id) || (c.reference() != null
                && c.reference().sealAssignment(id).filter(c.declaration().id()::equals).isPresent());
        var data = Rules.data("sealId", id, "lock", c.seal().lock().name(), "declared", declared,
                "batteryPct", c.seal().batteryPct());
        if (!assigned) {
            return Rules.hold(name(), "seal " + id + " is not the one declared on " + c.declaration().id(), data);
        }
        if (c.seal().lock() != SealLock.LOCKED) {
            return Rules.hold(name(), "seal " + id + " is " + c.seal().lock(), data);
        }
        return Rules.pass(name(), "seal " + id + " locked and declared", data);
    }
}
