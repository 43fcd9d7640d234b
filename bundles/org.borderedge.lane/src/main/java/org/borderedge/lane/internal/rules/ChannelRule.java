package org.borderedge.lane.internal.rules;

import org.borderedge.lane.RuleResult;

/** Green passes; yellow needs a document check; red a physical inspection (scan where there is a scanner). */
public final class ChannelRule implements Rule {

    @Override
    public String name() {
        return "channel";
    }

    @Override
    public RuleResult evaluate(DecisionContext c) {
        if (c.declaration() == null) {
            return Rules.notApplicable(name(), "no declaration");
        }
        var data = Rules.data("channel", c.declaration().channel().name());
        return switch (c.declaration().channel()) {
            case GREEN -> Rules.pass(name(), "green channel", data);
            case YELLOW -> Rules.inspect(name(), "yellow channel: document check", data);
            case RED -> Rules.inspect(name(), "red channel: physical inspection", data);
        };
    }
}
