package org.borderedge.lane.internal.rules;

import org.borderedge.lane.RuleResult;

/** A vehicle without a matching declaration in the cache is unknown: hold it. */
public final class DeclarationRule implements Rule {

    @Override
    public String name() {
        return "declaration";
    }

    @Override
    public RuleResult evaluate(DecisionContext c) {
        if (c.declaration() != null) {
            return Rules.pass(name(), "declaration " + c.declaration().id() + " matched by " + c.declarationSource(),
                    Rules.data("declarationId", c.declaration().id(), "source", c.declarationSource()));
        }
        var data = Rules.data("plate", c.plateRead() == null ? null : c.plateRead().text(),
                "qrDeclarationId", c.qrDeclarationId(), "containers", c.containersRead());
        if (c.reference() == null) {
            return Rules.hold(name(), "unknown vehicle: no reference data on this gateway", data);
        }
        if (c.qrDeclarationId() != null) {
            return Rules.hold(name(), "QR names declaration " + c.qrDeclarationId() + " which is not in the cache", data);
        }
        return Rules.hold(name(), "unknown vehicle: no declaration for "
                + (c.plateRead() == null ? "an unread plate" : "plate " + c.plateRead().text())
                + (c.containersRead().isEmpty() ? "" : " or containers " + c.containersRead()), data);
    }
}
