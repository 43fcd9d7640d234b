package org.borderedge.lane.internal.rules;

import org.borderedge.device.Observation.ScanVerdict;
import org.borderedge.lane.RuleResult;

/** Turns a scanner verdict into an outcome: CLEAR releases if policy allows, anything else holds. */
public final class ScanRule {

    public static final String NAME = "scan";

    private ScanRule() {
    }

    public static RuleResult evaluate(ScanVerdict verdict, String detail, boolean releaseOnClear) {
        var data = Rules.data("verdict", verdict == null ? "TIMEOUT" : verdict.name(), "detail", detail);
        if (verdict == null) {
            return Rules.hold(NAME, "no scan verdict in time", data);
        }
        return switch (verdict) {
            case CLEAR -> releaseOnClear ? Rules.pass(NAME, "scan CLEAR", data)
                    : Rules.inspect(NAME, "scan CLEAR; an officer releases", data);
            case SUSPECT -> Rules.hold(NAME, "scan SUSPECT" + (detail == null || detail.isBlank() ? "" : ": " + detail), data);
            case ERROR -> Rules.hold(NAME, "scanner error" + (detail == null || detail.isBlank() ? "" : ": " + detail), data);
        };
    }
}
