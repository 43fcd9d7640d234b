package org.borderedge.lane.internal.rules;

import java.util.Optional;
import org.borderedge.lane.RuleResult;

/**
 * The plate read must be one the declaration names. The only tolerance for recogniser confusions:
 * when a QR named the declaration and the read differs from a declared plate in one confusable
 * character, the declared plate is used and the correction recorded.
 */
public final class PlateRule implements Rule {

    @Override
    public String name() {
        return "plate";
    }

    @Override
    public RuleResult evaluate(DecisionContext c) {
        if (c.plateRead() == null) {
            return c.config().requirePlate
                    ? Rules.hold(name(), "no plate read", Rules.data())
                    : Rules.notApplicable(name(), "lane does not require a plate read");
        }
        if (c.declaration() == null) {
            return Rules.notApplicable(name(), "no declaration to compare with");
        }
        String read = c.plateRead().text();
        if (c.declaration().plates().contains(read)) {
            return Rules.pass(name(), "plate " + read + " is declared", Rules.data("read", read));
        }
        if ("qr".equals(c.declarationSource())) {
            Optional<Correction> correction = correction(read, c);
            if (correction.isPresent()) {
                Correction k = correction.get();
                return Rules.pass(name(), "plate read " + read + " corrected to " + k.declared + " by the QR's declaration",
                        Rules.data("read", read, "declared", k.declared, "corrected", true, "position", k.position,
                                "readChar", String.valueOf(read.charAt(k.position)),
                                "declaredChar", String.valueOf(k.declared.charAt(k.position))));
            }
        }
        return Rules.hold(name(), "plate " + read + " is not on declaration " + c.declaration().id(),
                Rules.data("read", read, "declared", c.declaration().plates().stream().sorted().toList()));
    }

    private record Correction(String declared, int position) {
    }

    private static Optional<Correction> correction(String read, DecisionContext c) {
        return c.declaration().plates().stream().sorted()
                .flatMap(p -> PlateConfusion.singleConfusableDifference(read, p).map(pos -> new Correction(p, pos)).stream())
                .findFirst();
    }

    /** The plate the lane should use for a read: the declared one after a QR correction, else the read. */
    public static String effectivePlate(String read, DecisionContext c) {
        if (c.declaration() != null && "qr".equals(c.declarationSource()) && !c.declaration().plates().contains(read)) {
            return correction(read, c).map(Correction::declared).orElse(read);
        }
        return read;
    }
}
