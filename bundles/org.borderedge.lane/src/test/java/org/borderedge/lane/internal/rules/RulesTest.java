package org.borderedge.lane.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.borderedge.core.Channel;
import org.borderedge.core.Declaration;
import org.borderedge.core.LaneType;
import org.borderedge.core.Plate;
import org.borderedge.device.Observation.SealLock;
import org.borderedge.device.Observation.SealObserved;
import org.borderedge.device.Observation.ScanVerdict;
import org.borderedge.lane.RuleResult;
import org.borderedge.lane.RuleResult.Outcome;
import org.borderedge.lane.Verdict;
import org.borderedge.lane.internal.LaneConfig;
import org.junit.jupiter.api.Test;

/** The rules as pure functions of their context. */
class RulesTest {

    private static final LaneConfig CONFIG = LaneConfig.builder("L1", LaneType.ROAD_IMPORT).build();
    private static final Declaration D1 = new Declaration("D1", Set.of("51F67890"), Set.of(), Set.of("S1"),
            BigDecimal.valueOf(20_000), Channel.GREEN);

    private static DecisionContext ctx(String plate, Declaration d, String source, BigDecimal kg, SealObserved seal) {
        return new DecisionContext(CONFIG, plate == null ? null : Plate.of(plate), d, source, null, List.of(), List.of(),
                kg, true, seal, true, null, true, 0, Map.of());
    }

    @Test
    void confusableCharactersAreOnlyTheRecognisersUsualOnes() {
        assertEquals(Optional.of(5), PlateConfusion.singleConfusableDifference("51F67B90", "51F67890"));
        assertEquals(Optional.of(0), PlateConfusion.singleConfusableDifference("S1F67890", "51F67890"));
        assertEquals(Optional.empty(), PlateConfusion.singleConfusableDifference("51F67390", "51F67890"), "3 and 8 are not confusable");
        assertEquals(Optional.empty(), PlateConfusion.singleConfusableDifference("5IF67B90", "51F67890"), "two differences");
        assertEquals(Optional.empty(), PlateConfusion.singleConfusableDifference("51F6789", "51F67890"), "length differs");
        assertEquals(Optional.empty(), PlateConfusion.singleConfusableDifference("51F67890", "51F67890"), "no difference");
    }

    @Test
    void plateCorrectionNeedsTheQr() {
        assertEquals(Outcome.HOLD, new PlateRule().evaluate(ctx("51F67B90", D1, "plate", null, null)).outcome());
        RuleResult viaQr = new PlateRule().evaluate(ctx("51F67B90", D1, "qr", null, null));
        assertEquals(Outcome.PASS, viaQr.outcome());
        assertEquals(true, viaQr.data().get("corrected"));
    }

    @Test
    void weightToleranceIsTheLargerOfPercentAndAbsolute() {
        WeightRule rule = new WeightRule();
        // 5 % of 20,000 = 1,000 kg > 500 kg absolute.
        assertEquals(Outcome.PASS, rule.evaluate(ctx("51F67890", D1, "plate", BigDecimal.valueOf(21_000), null)).outcome());
        assertEquals(Outcome.HOLD, rule.evaluate(ctx("51F67890", D1, "plate", BigDecimal.valueOf(21_001), null)).outcome());
        assertEquals(Outcome.HOLD, rule.evaluate(ctx("51F67890", D1, "plate", BigDecimal.valueOf(18_999), null)).outcome());
        Declaration light = new Declaration("D2", Set.of("51F67890"), Set.of(), Set.of(), BigDecimal.valueOf(3_000), Channel.GREEN);
        // 5 % of 3,000 = 150 kg < 500 kg absolute.
        assertEquals(Outcome.PASS, rule.evaluate(ctx("51F67890", light, "plate", BigDecimal.valueOf(3_500), null)).outcome());
        RuleResult over = rule.evaluate(ctx("51F67890", light, "plate", BigDecimal.valueOf(3_501), null));
        assertEquals(Outcome.HOLD, over.outcome());
        assertTrue(over.reason().startsWith("overweight by 501 kg"), over.reason());
        assertEquals(Outcome.HOLD, rule.evaluate(ctx("51F67890", D1, "plate", null, null)).outcome(), "no stable weight");
    }

    @Test
    void sealMustBeDeclaredAndLocked() {
        SealRule rule = new SealRule();
        Instant t = Instant.EPOCH;
        assertEquals(Outcome.PASS, rule.evaluate(ctx("51F67890", D1, "plate", null, new SealObserved("S1", SealLock.LOCKED, null, null, null, t))).outcome());
        assertEquals(Outcome.HOLD, rule.evaluate(ctx("51F67890", D1, "plate", null, new SealObserved("S1", SealLock.UNLOCKED, null, null, null, t))).outcome());
        assertEquals(Outcome.HOLD, rule.evaluate(ctx("51F67890", D1, "plate", null, new SealObserved("S2", SealLock.LOCKED, null, null, null, t))).outcome());
        assertEquals(Outcome.HOLD, rule.evaluate(ctx("51F67890", D1, "plate", null, null)).outcome());
    }

    @Test
    void verdictIsHoldOverInspectOverRelease() {
        RuleResult pass = new RuleResult("a", Outcome.PASS, "", Map.of());
        RuleResult inspect = new RuleResult("b", Outcome.INSPECT, "", Map.of());
        RuleResult hold = new RuleResult("c", Outcome.HOLD, "", Map.of());
        assertEquals(Verdict.RELEASE, Rules.verdict(List.of(pass, pass)));
        assertEquals(Verdict.INSPECT, Rules.verdict(List.of(pass, inspect)));
        assertEquals(Verdict.HOLD, Rules.verdict(List.of(inspect, hold, pass)));
    }

    @Test
    void aFailingRuleHoldsInsteadOfReleasing() {
        Rule broken = new Rule() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public RuleResult evaluate(DecisionContext context) {
                throw new IllegalStateException("bug");
            }
        };
        List<RuleResult> r = new Rules(List.of(broken)).evaluate(ctx("51F67890", D1, "plate", null, null));
        assertEquals(Verdict.HOLD, Rules.verdict(r));
    }

    @Test
    void scanVerdicts() {
        assertEquals(Outcome.PASS, ScanRule.evaluate(ScanVerdict.CLEAR, null, true).outcome());
        assertEquals(Outcome.INSPECT, ScanRule.evaluate(ScanVerdict.CLEAR, null, false).outcome());
        assertEquals(Outcome.HOLD, ScanRule.evaluate(ScanVerdict.SUSPECT, "organic mass", true).outcome());
        assertEquals(Outcome.HOLD, ScanRule.evaluate(ScanVerdict.ERROR, null, true).outcome());
        assertEquals(Outcome.HOLD, ScanRule.evaluate(null, null, true).outcome());
    }
}
