package org.borderedge.device.scale.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.borderedge.testing.ShippedProfiles;

/**
 * "A wrong weight must be impossible from a garbled frame": random damage (a byte replaced,
 * dropped or inserted) either rejects the frame or, for protocols without a checksum, is outvoted
 * or breaks the run; no stable weight other than the true one ever comes out.
 */
class GarbledFramesTest {

    private static final WeightFrameParser A9 = new WeightFrameParser(ShippedProfiles.get("scale/yaohua-xk3190a9").section("weight"));

    @Property(tries = 2000)
    void yaohuaChecksumCatchesEverySingleByteDamage(@ForAll @IntRange(min = 0, max = 999999) int digits,
            @ForAll @IntRange(min = 0, max = 3) int decimals, @ForAll long seed) {
        String body = "+" + String.format("%06d", digits) + decimals;
        byte[] good = (body + WeightFrameParserTest.xor(body)).getBytes(StandardCharsets.ISO_8859_1);
        BigDecimal truth = new BigDecimal(digits).movePointLeft(decimals);
        byte[] bad = damage(good, new Random(seed));
        WeightFrameParser.Outcome o = A9.parse(bad);
        if (o.reading() != null && o.reading().value() != null) {
            assertEquals(0, truth.compareTo(o.reading().value()),
                    "garbled frame " + WeightFrameParser.printable(new String(bad, StandardCharsets.ISO_8859_1)) + " gave " + o.reading());
        }
    }

    @Property(tries = 300)
    void lineProtocolsNeverSettleOnAGarbledWeight(@ForAll @LongRange(min = 0, max = 99_999) long tenths,
            @ForAll @IntRange(min = 0, max = 3) int protocol, @ForAll long seed) {
        Random random = new Random(seed);
        String weight = String.format("%05d.%d", tenths / 10, tenths % 10);
        String[] profiles = {"scale/generic-stgs", "scale/yaohua-xk3190a12", "scale/generic-sma", "scale/mettlertoledo-sics"};
        String[] frames = {"ST,GS,+" + weight + " kg", "ww" + weight + "kg", "  G  " + weight + "kg ", "S S " + weight + " kg"};
        WeightFrameParser parser = new WeightFrameParser(ShippedProfiles.get(profiles[protocol]).section("weight"));
        byte[] good = frames[protocol].getBytes(StandardCharsets.ISO_8859_1);
        BigDecimal truth = new BigDecimal(weight);
        StabilityRule rule = new StabilityRule(3, 0, BigDecimal.valueOf(20));
        List<String> stable = new ArrayList<>();
        int lastDamaged = -10;
        for (int i = 0; i < 60; i++) {
            byte[] frame = good;
            // at most one damaged frame in any three: the rule's promise is about a majority of good frames
            if (i - lastDamaged >= 3 && random.nextInt(3) == 0) {
                frame = damage(good, random);
                lastDamaged = i;
            }
            WeightFrameParser.Outcome o = parser.parse(frame);
            if (o.reading() == null) {
                continue;
            }
            if (rule.offer(o.reading(), i) == StabilityRule.Verdict.STABLE) {
                WeightFrameParser.Reading r = rule.stableReading();
                if (truth.compareTo(r.unit().toKilograms(r.value())) != 0) {
                    stable.add(r.value() + " " + r.unit() + " after " + new String(frame, StandardCharsets.ISO_8859_1));
                }
            }
        }
        assertEquals(List.of(), stable, "stable weights other than " + truth);
    }

    private static byte[] damage(byte[] good, Random random) {
        int at = random.nextInt(good.length);
        switch (random.nextInt(3)) {
            case 0: {
                byte[] b = good.clone();
                byte replacement;
                do {
                    replacement = (byte) random.nextInt(256);
                } while (replacement == b[at]);
                b[at] = replacement;
                return b;
            }
            case 1: {
                byte[] b = new byte[good.length - 1];
                System.arraycopy(good, 0, b, 0, at);
                System.arraycopy(good, at + 1, b, at, good.length - at - 1);
                return b;
            }
            default: {
                byte[] b = new byte[good.length + 1];
                System.arraycopy(good, 0, b, 0, at);
                b[at] = (byte) random.nextInt(256);
                System.arraycopy(good, at, b, at + 1, good.length - at);
                return b;
            }
        }
    }
}
