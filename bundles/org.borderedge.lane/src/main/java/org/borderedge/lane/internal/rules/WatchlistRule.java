package org.borderedge.lane.internal.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.borderedge.core.WatchlistEntry;
import org.borderedge.core.WatchlistEntry.Subject;
import org.borderedge.lane.RuleResult;

/** A plate (as read and as declared), container or seal on the central watchlist holds the vehicle. */
public final class WatchlistRule implements Rule {

    @Override
    public String name() {
        return "watchlist";
    }

    @Override
    public RuleResult evaluate(DecisionContext c) {
        if (c.reference() == null) {
            return Rules.notApplicable(name(), "no reference data: watchlist unavailable");
        }
        Set<String> plates = new LinkedHashSet<>();
        if (c.plateRead() != null) {
            plates.add(c.plateRead().text());
            plates.add(PlateRule.effectivePlate(c.plateRead().text(), c));
        }
        if (c.declaration() != null) {
            plates.addAll(c.declaration().plates());
        }
        List<String> hits = new ArrayList<>();
        for (String p : plates) {
            check(c, Subject.PLATE, p).ifPresent(e -> hits.add("plate " + p + ": " + e.reason()));
        }
        for (String n : c.containersRead()) {
            check(c, Subject.CONTAINER, n).ifPresent(e -> hits.add("container " + n + ": " + e.reason()));
        }
        if (c.seal() != null) {
            check(c, Subject.SEAL, c.seal().sealId()).ifPresent(e -> hits.add("seal " + c.seal().sealId() + ": " + e.reason()));
        }
        var data = Rules.data("plates", List.copyOf(plates), "containers", c.containersRead(),
                "seal", c.seal() == null ? null : c.seal().sealId(), "hits", hits);
        return hits.isEmpty() ? Rules.pass(name(), "no watchlist hit", data)
                : Rules.hold(name(), "watchlisted " + String.join("; ", hits), data);
    }

    private static Optional<WatchlistEntry> check(DecisionContext c, Subject subject, String value) {
        return c.reference().watchlisted(subject, value);
    }
}
