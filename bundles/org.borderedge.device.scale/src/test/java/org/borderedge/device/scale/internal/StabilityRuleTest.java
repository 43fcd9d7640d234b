package org.borderedge.device.scale.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import org.borderedge.core.ScaleState;
import org.borderedge.core.WeightUnit;
import org.junit.jupiter.api.Test;

class StabilityRuleTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private static WeightFrameParser.Reading kg(String v) {
        return new WeightFrameParser.Reading(null, new BigDecimal(v), WeightUnit.KG, true, null);
    }

    @Test
    void stableOnlyAfterEnoughReadingsOverTheWindow() {
        StabilityRule rule = new StabilityRule(3, 500 * MS, BigDecimal.valueOf(20));
        assertEquals(StabilityRule.Verdict.SETTLING, rule.offer(kg("25000"), 0));
        assertEquals(StabilityRule.Verdict.SETTLING, rule.offer(kg("25010"), 100 * MS));
        assertEquals(StabilityRule.Verdict.SETTLING, rule.offer(kg("25000"), 200 * MS), "3 readings but only 200 ms");
        assertEquals(StabilityRule.Verdict.STABLE, rule.offer(kg("25000"), 500 * MS));
        assertEquals(0, new BigDecimal("25000").compareTo(rule.stableReading().value()), "the value most readings agree on");
    }

    @Test
    void aJumpBreaksTheRunAndIsMotion() {
        StabilityRule rule = new StabilityRule(2, 0, BigDecimal.valueOf(20));
        rule.offer(kg("10000"), 0);
        assertEquals(StabilityRule.Verdict.STABLE, rule.offer(kg("10000"), MS));
        assertEquals(StabilityRule.Verdict.MOTION, rule.offer(kg("14000"), 2 * MS));
        assertEquals(StabilityRule.Verdict.STABLE, rule.offer(kg("14000"), 3 * MS));
    }

    @Test
    void indicatorMotionAndStatesResetTheRun() {
        StabilityRule rule = new StabilityRule(2, 0, BigDecimal.valueOf(20));
        rule.offer(kg("10000"), 0);
        assertEquals(StabilityRule.Verdict.MOTION,
                rule.offer(new WeightFrameParser.Reading(ScaleState.MOTION, new BigDecimal("10000"), WeightUnit.KG, true, false), MS));
        assertEquals(StabilityRule.Verdict.SETTLING, rule.offer(kg("10000"), 2 * MS));
        assertEquals(StabilityRule.Verdict.STATE,
                rule.offer(new WeightFrameParser.Reading(ScaleState.OVERLOAD, null, null, true, null), 3 * MS));
        assertEquals(StabilityRule.Verdict.SETTLING, rule.offer(kg("10000"), 4 * MS));
    }

    @Test
    void oneGarbledDigitInsideTheToleranceIsOutvoted() {
        StabilityRule rule = new StabilityRule(3, 0, BigDecimal.valueOf(20));
        rule.offer(kg("25000"), 0);
        rule.offer(kg("25000"), MS);
        assertEquals(StabilityRule.Verdict.STABLE, rule.offer(kg("25010"), 2 * MS));
        assertEquals(0, new BigDecimal("25000").compareTo(rule.stableReading().value()));
    }
}
