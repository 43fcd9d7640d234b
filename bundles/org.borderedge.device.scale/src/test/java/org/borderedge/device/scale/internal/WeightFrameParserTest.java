package org.borderedge.device.scale.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.borderedge.core.ScaleState;
import org.borderedge.core.WeightUnit;
import org.borderedge.testing.ShippedProfiles;
import org.junit.jupiter.api.Test;

class WeightFrameParserTest {

    private static WeightFrameParser parser(String profileId) {
        return new WeightFrameParser(ShippedProfiles.get(profileId).section("weight"));
    }

    private static WeightFrameParser.Outcome parse(WeightFrameParser p, String frame) {
        return p.parse(frame.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void assertWeight(WeightFrameParser.Outcome o, String kg, ScaleState state, Boolean flag) {
        assertNull(o.rejection(), () -> "rejected: " + o.rejection());
        assertNotNull(o.reading(), "skipped");
        assertEquals(state, o.reading().state());
        assertEquals(0, new BigDecimal(kg).compareTo(o.reading().unit().toKilograms(o.reading().value())),
                () -> "weight " + o.reading());
        assertEquals(flag, o.reading().stableFlag());
    }

    private static void assertState(WeightFrameParser.Outcome o, ScaleState state) {
        assertNull(o.rejection(), () -> "rejected: " + o.rejection());
        assertEquals(state, o.reading().state());
        assertNull(o.reading().value());
    }

    private static void assertRejected(WeightFrameParser.Outcome o, String counter, String detailPart) {
        assertNotNull(o.rejection(), () -> "accepted: " + o.reading());
        assertEquals(counter, o.rejection().counter());
        assertTrue(o.rejection().detail().contains(detailPart), o.rejection().detail());
    }

    @Test
    void yaohuaA9RealCaptureAndChecksum() {
        WeightFrameParser p = parser("scale/yaohua-xk3190a9");
        // 02 2B 30 30 31 35 36 30 30 31 39 03 without STX/ETX: +1560 kg, 0 decimals, checksum 19
        assertWeight(parse(p, "+001560019"), "1560", null, null);
        assertWeight(parse(p, "+123456" + "2" + xor("+1234562")), "1234.56", null, null);
        assertState(parse(p, "-000120" + "0" + xor("-0001200")), ScaleState.NEGATIVE);
        assertRejected(parse(p, "+001660019"), WeightFrameParser.BAD_CHECKSUM, "computed");
        assertRejected(parse(p, "+0015600"), WeightFrameParser.UNPARSED, "pattern");
    }

    @Test
    void yaohuaA12Lines() {
        WeightFrameParser p = parser("scale/yaohua-xk3190a12");
        assertWeight(parse(p, "ww012.340kg"), "12.34", null, null);
        assertWeight(parse(p, "ww32560kg\r"), "32560", null, null);
        assertFalse(parse(p, "wn001200kg").reading().gross());
        assertTrue(parse(p, "wt000500kg").skipped(), "a tare line is no weighing");
        assertState(parse(p, "ww-000.020kg"), ScaleState.NEGATIVE);
        assertRejected(parse(p, "ww0#2.340kg"), WeightFrameParser.UNPARSED, "pattern");
    }

    @Test
    void mettlerToledoStatusBits() {
        WeightFrameParser p = parser("scale/mettlertoledo-continuous");
        // SWA '*': bits 0-2 = 2 (no decimals); SWB '0': kg, gross, not moving
        assertWeight(parse(p, "*0 012340000000"), "12340", null, null);
        // SWA ',' bits 0-2 = 4: two decimals
        assertWeight(parse(p, ",0 001234000000"), "12.34", null, null);
        assertWeight(parse(p, "*8 012340000000"), "12340", ScaleState.MOTION, false);
        assertState(parse(p, "*2 000120000000"), ScaleState.NEGATIVE);
        assertState(parse(p, "*4 999999000000"), ScaleState.OVERLOAD);
        WeightFrameParser.Outcome lb = parse(p, "*  012340000000");
        assertEquals(WeightUnit.LB, lb.reading().unit(), "bit 4 clear means pounds");
        assertFalse(parse(p, "*1 012340000000").reading().gross(), "bit 0 means net");
        assertRejected(parse(p, "*0 01a340000000"), WeightFrameParser.UNPARSED, "pattern");
    }

    @Test
    void mtSicsReplies() {
        WeightFrameParser p = parser("scale/mettlertoledo-sics");
        assertWeight(parse(p, "S S     100.00 kg"), "100.00", null, true);
        assertWeight(parse(p, "S D     100.02 kg"), "100.02", ScaleState.MOTION, false);
        assertWeight(parse(p, "S S      12.5 t"), "12500", null, true);
        assertState(parse(p, "S +"), ScaleState.OVERLOAD);
        assertState(parse(p, "S -"), ScaleState.UNDERLOAD);
        assertState(parse(p, "S S    -  1.00 kg"), ScaleState.NEGATIVE);
        assertTrue(parse(p, "S I").skipped(), "busy is no reading");
        assertRejected(parse(p, "ES"), WeightFrameParser.UNPARSED, "pattern");
        assertRejected(parse(p, "S S     100.00 oz"), WeightFrameParser.UNPARSED, "unit");
    }

    @Test
    void smaReplies() {
        WeightFrameParser p = parser("scale/generic-sma");
        assertWeight(parse(p, "  G     25000.000kg "), "25000", null, null);
        assertWeight(parse(p, "Z G      0.000kg "), "0", null, null);
        assertWeight(parse(p, "  GM    24980.000kg "), "24980", ScaleState.MOTION, false);
        assertState(parse(p, "O G  99999.999kg "), ScaleState.OVERLOAD);
        assertState(parse(p, "E G      0.000kg "), ScaleState.ERROR);
        assertState(parse(p, "  G  -    20.000kg "), ScaleState.NEGATIVE);
        assertRejected(parse(p, "X G  25000.000kg "), WeightFrameParser.UNPARSED, "pattern");
    }

    @Test
    void genericStGsLines() {
        WeightFrameParser p = parser("scale/generic-stgs");
        assertWeight(parse(p, "ST,GS,+0012.34 kg"), "12.34", null, true);
        assertWeight(parse(p, "ST,GS,+0012.34kg\r"), "12.34", null, true);
        assertWeight(parse(p, "ST,GS,+  12.34 t"), "12340", null, true);
        assertWeight(parse(p, "US,GS,+0012.40 kg"), "12.40", ScaleState.MOTION, false);
        assertState(parse(p, "OL,GS,         kg"), ScaleState.OVERLOAD);
        assertState(parse(p, "ST,GS,-0000.50 kg"), ScaleState.NEGATIVE);
        assertTrue(parse(p, "ST,TR,+0001.00 kg").skipped());
        assertFalse(parse(p, "ST,NT,+0011.34 kg").reading().gross());
        assertRejected(parse(p, "ST,GS,+00x2.34 kg"), WeightFrameParser.UNPARSED, "pattern");
    }

    @Test
    void profileMistakesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WeightFrameParser(Map.of("pattern", "(?<weight>[0-9]+)")));
        assertTrue(e.getMessage().contains("value"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new WeightFrameParser(Map.of("pattern", "(?<value>[0-9]+)",
                "codes", Map.of("status", Map.of("ST", "stable")))));
        assertTrue(e.getMessage().contains("weight.codes.status"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new WeightFrameParser(Map.of("pattern", "(?<value>[0-9]+)(?<s>..)",
                "codes", Map.of("s", Map.of("ST", "steady")))));
        assertTrue(e.getMessage().contains("steady"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new WeightFrameParser(Map.of("pattern", "(?<value>[0-9")));
        assertTrue(e.getMessage().contains("regular expression"), e.getMessage());
    }

    static String xor(String s) {
        int x = 0;
        for (byte b : s.getBytes(StandardCharsets.ISO_8859_1)) {
            x ^= b & 0xFF;
        }
        return String.format("%02X", x);
    }
}
