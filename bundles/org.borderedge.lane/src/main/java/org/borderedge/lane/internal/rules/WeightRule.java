package org.borderedge.lane.internal.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.borderedge.lane.RuleResult;

/**
 * The stable weight must agree with the declared gross weight within the larger of a percentage and
 * an absolute tolerance. The central's rule parameters {@code weight.tolerance.pct} and
 * {@code weight.tolerance.kg} override the lane's configuration.
 */
public final class WeightRule implements Rule {

    public static final String PARAM_PCT = "weight.tolerance.pct";
    public static final String PARAM_KG = "weight.tolerance.kg";

    @Override
    public String name() {
        return "weight";
    }

    @Override
    public RuleResult evaluate(DecisionContext c) {
        if (!c.weighingApplies()) {
            return Rules.notApplicable(name(), "lane does not weigh");
        }
        if (c.weightKg() == null) {
            return Rules.hold(name(), "no stable weight within " + c.config().weighingTimeout.toSeconds() + " s", Rules.data());
        }
        if (c.declaration() == null || c.declaration().declaredGrossKg() == null) {
            return Rules.notApplicable(name(), "no declared gross weight to compare with");
        }
        BigDecimal pct = parameter(c, PARAM_PCT, c.config().weightTolerancePct);
        BigDecimal kg = parameter(c, PARAM_KG, c.config().weightToleranceKg);
        BigDecimal declared = c.declaration().declaredGrossKg();
        BigDecimal allowed = declared.multiply(pct).divide(BigDecimal.valueOf(100), 3, RoundingMode.HALF_UP).max(kg);
        BigDecimal diff = c.weightKg().subtract(declared);
        var data = Rules.data("measuredKg", c.weightKg(), "declaredKg", declared, "tolerancePct", pct,
                "toleranceKg", kg, "allowedKg", allowed, "differenceKg", diff);
        if (diff.abs().compareTo(allowed) > 0) {
            return Rules.hold(name(), (diff.signum() > 0 ? "overweight" : "underweight") + " by "
                    + diff.abs().stripTrailingZeros().toPlainString() + " kg (allowed "
                    + allowed.stripTrailingZeros().toPlainString() + " kg)", data);
        }
        return Rules.pass(name(), "weight within tolerance", data);
    }

    private static BigDecimal parameter(DecisionContext c, String key, BigDecimal fallback) {
        String v = c.ruleParameters().get(key);
        if (v == null) {
            return fallback;
        }
        try {
            BigDecimal parsed = new BigDecimal(v.strip());
            return parsed.signum() < 0 ? fallback : parsed;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
