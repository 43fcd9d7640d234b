package org.borderedge.transport.serial;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FramerTest {

    private final List<String> frames = new ArrayList<>();
    private final List<String> discards = new ArrayList<>();

    private Framer framer(FrameSpec spec) {
        return new Framer(spec, new Framer.Sink() {
            @Override
            public void frame(byte[] frame) {
                frames.add(new String(frame, StandardCharsets.ISO_8859_1));
            }

            @Override
            public void discarded(Discard why, byte[] bytes) {
                discards.add(why + ":" + new String(bytes, StandardCharsets.ISO_8859_1));
            }
        });
    }

    private static void feed(Framer f, String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        f.accept(b, 0, b.length);
    }

    @Test
    void linesSplitAcrossReadsAndJoined() {
        Framer f = framer(FrameSpec.lines("\r\n", 64));
        feed(f, "ST,GS,+0012.34 kg\r");
        feed(f, "\nUS,GS,+0012.40 kg\r\nOL");
        feed(f, ",GS\r\n");
        assertEquals(List.of("ST,GS,+0012.34 kg", "US,GS,+0012.40 kg", "OL,GS"), frames);
        assertEquals(List.of(), discards);
    }

    @Test
    void overlongLineIsDiscardedAndTheNextLineStillFrames() {
        Framer f = framer(FrameSpec.lines("\r\n", 16));
        feed(f, "x".repeat(40) + "\r\nok\r\n");
        assertEquals(List.of("ok"), frames);
        assertEquals(1, discards.size());
        assertTrue(discards.get(0).startsWith("OVERSIZE:"), discards.toString());
    }

    @Test
    void overlongLineWithDelimiterSplitAtTheLimitStillResyncs() {
        Framer f = framer(FrameSpec.lines("\r\n", 8));
        feed(f, "1234567\r\nok\r\n");
        assertEquals(List.of("ok"), frames);
    }

    @Test
    void yaohuaFramesResyncAfterGarbageAndTruncation() {
        Framer f = framer(FrameSpec.stxEtx(0x02, 0x03, 12, 0, 32));
        String good = "\u0002+001560019\u0003";
        feed(f, "\u00ff\u0013noise" + good + "\u0002+00156" + good + "\u0002+00156001\u0003" + "\u0002+001560019XY\u0003" + good);
        assertEquals(List.of("+001560019", "+001560019", "+001560019"), frames);
        assertEquals(List.of("GARBAGE:\u00ff\u0013noise", "TRUNCATED:+00156", "TRUNCATED:+00156001", "TRUNCATED:+001560019",
                "GARBAGE:XY\u0003"), discards);
    }

    @Test
    void trailerBytesFollowTheEndMarker() {
        Framer f = framer(FrameSpec.fromMap(Map.of("mode", "stx-etx", "stx", "\u0002", "etx", "\r", "trailer", 1)));
        feed(f, "\u00024p0  1230  0000\rK\u00024p0  1240  0000\rL");
        assertEquals(List.of("4p0  1230  0000K", "4p0  1240  0000L"), frames);
    }

    @Test
    void startByteOpensAFrameAndASecondStartMeansTheFirstWasCut() {
        Framer f = framer(FrameSpec.fromMap(Map.of("mode", "delimiter", "start", "\n", "end", "\r")));
        feed(f, "junk\n  G    1500.000kg \r\n  G  \n  G    1600.000kg \r");
        assertEquals(List.of("  G    1500.000kg ", "  G    1600.000kg "), frames);
        assertEquals(List.of("GARBAGE:junk", "TRUNCATED:  G  "), discards);
    }

    @Test
    void resetReportsAFrameInProgress() {
        Framer f = framer(FrameSpec.lines("\n", 64));
        feed(f, "half a li");
        f.reset();
        feed(f, "whole\n");
        assertEquals(List.of("whole"), frames);
        assertEquals(List.of("TRUNCATED:half a li"), discards);
    }

    @Test
    void badSpecsAreRefusedWithTheFieldNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FrameSpec.fromMap(Map.of("mode", "stx-etx", "length", 500, "maxLength", 64)));
        assertTrue(e.getMessage().contains("length"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FrameSpec.fromMap(Map.of("mode", "chunks")));
        assertTrue(e.getMessage().contains("frame.mode"), e.getMessage());
    }
}
