package org.borderedge.anpr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.borderedge.core.PlateFormat;
import org.junit.jupiter.api.Test;

class PlateGrammarTest {

    private static PlateGrammar.Match best(List<Glyph> glyphs) {
        return PlateGrammar.best(glyphs).orElseThrow();
    }

    @Test
    void cleanReadsOfEveryFormatPassUnchanged() {
        for (String plate : List.of("51F67890", "29C1234", "59X123456", "51LD12345", "桂A12345", "云AB1234")) {
            PlateGrammar.Match m = best(Glyphs.of(plate));
            assertEquals(plate, m.plate().text(), plate);
            assertEquals(0, m.corrections(), plate);
            assertTrue(m.confidence() > 0.9, plate);
        }
        assertEquals(PlateFormat.CN, best(Glyphs.of("桂A12345")).plate().format());
        assertEquals(PlateFormat.VN, best(Glyphs.of("59X123456")).plate().format());
    }

    @Test
    void lettersInDigitPositionsBecomeLookAlikeDigits() {
        PlateGrammar.Match m = best(Glyphs.of("51F6789O"));
        assertEquals("51F67890", m.plate().text());
        assertEquals(1, m.corrections());
        assertEquals("29C12345", best(Glyphs.of("Z9C1Z345")).plate().text());
        assertEquals("51F67880", best(Glyphs.of("S1F678BO")).plate().text());
    }

    @Test
    void digitsInTheSeriesBecomeLetters() {
        assertEquals("51B67890", best(Glyphs.of("5186789O")).plate().text());
        assertEquals("30D12345", best(Glyphs.of("30012345")).plate().text());
    }

    @Test
    void theRecognisersRunnerUpWinsOverTheStaticLookAlikeTable() {
        List<Glyph> glyphs = new ArrayList<>(Glyphs.of("51F6789"));
        // Read "A" at the last place, but the model gave "4" a fair score: a digit is required, 4 wins.
        glyphs.add(Glyphs.withAlternative('A', 0.6f, '4', 0.35f));
        assertEquals("51F67894", best(glyphs).plate().text());
    }

    @Test
    void strayGlyphsFromBordersAndScrewsAreDropped() {
        List<Glyph> glyphs = new ArrayList<>();
        glyphs.add(Glyphs.glyph('1', 0.3f));
        glyphs.addAll(Glyphs.of("51F67890"));
        glyphs.add(Glyphs.glyph('I', 0.25f));
        PlateGrammar.Match m = best(glyphs);
        assertEquals("51F67890", m.plate().text());
        assertTrue(m.confidence() > 0.5);
    }

    @Test
    void correctionsLowerTheConfidence() {
        double clean = best(Glyphs.of("51F67890")).confidence();
        double corrected = best(Glyphs.of("5IF6789O")).confidence();
        assertTrue(corrected < clean - 0.2, clean + " vs " + corrected);
    }

    @Test
    void textThatFitsNoFormatIsRejectedOrScoredLow() {
        assertTrue(PlateGrammar.best(Glyphs.of("HOTLINE1900ABC")).isEmpty());
        assertTrue(PlateGrammar.best(Glyphs.of("ISUZU")).isEmpty());
        assertTrue(best(Glyphs.of("HOTLINE1")).confidence() < 0.35);
    }

    @Test
    void aChineseProvinceCharacterIsOnlyAcceptedFirst() {
        assertEquals(PlateFormat.CN, best(Glyphs.of("粤B12345")).plate().format());
        assertTrue(best(Glyphs.of("1粤B2345")).confidence() < 0.35);
    }
}
