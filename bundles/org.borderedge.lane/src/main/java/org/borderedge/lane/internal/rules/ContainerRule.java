package org.borderedge.lane.internal.rules;

import java.util.ArrayList;
import java.util.List;
import org.borderedge.lane.RuleResult;

/** Every container read must be declared and every declared container read (port lanes). */
public final class ContainerRule implements Rule {

    @Override
    public String name() {
        return "containers";
    }

    @Override
    public RuleResult evaluate(DecisionContext c) {
        if (!c.config().checkContainers) {
            return Rules.notApplicable(name(), "lane does not check containers");
        }
        if (c.declaration() == null) {
            return Rules.notApplicable(name(), "no declaration to compare with");
        }
        var declared = c.declaration().containers();
        if (declared.isEmpty() && c.containersRead().isEmpty()) {
            return Rules.notApplicable(name(), "no container declared or read");
        }
        List<String> undeclared = c.containersRead().stream().filter(n -> !declared.contains(n)).toList();
        List<String> missing = new ArrayList<>(declared.stream().filter(n -> !c.containersRead().contains(n)).sorted().toList());
        var data = Rules.data("read", c.containersRead(), "declared", declared.stream().sorted().toList(),
                "invalidReads", c.containersInvalid());
        if (!undeclared.isEmpty()) {
            return Rules.hold(name(), "containers " + undeclared + " are not on declaration " + c.declaration().id(), data);
        }
        if (!missing.isEmpty()) {
            return Rules.hold(name(), "declared containers " + missing + " were not read"
                    + (c.containersInvalid().isEmpty() ? "" : " (reads failing the ISO 6346 check digit: " + c.containersInvalid() + ")"), data);
        }
        return Rules.pass(name(), "containers match the declaration", data);
    }
}
