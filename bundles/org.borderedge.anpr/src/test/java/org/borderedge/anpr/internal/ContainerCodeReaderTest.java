package org.borderedge.anpr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerCodeReaderTest {

    @Test
    void aValidNumberIsReadAsIs() {
        ContainerCodeReader.Reading r = ContainerCodeReader.read(Glyphs.of("CSQU3054383")).orElseThrow();
        assertEquals("CSQU3054383", r.number().value());
        assertFalse(r.repaired());
    }

    @Test
    void positionClassesFixLettersAndDigitsBeforeTheCheckDigitIsConsulted() {
        // O read as 0 in the owner code, B read for 8 in the serial: fixed by position, not a repair.
        ContainerCodeReader.Reading r = ContainerCodeReader.read(Glyphs.of("00LU8939564")).orElseThrow();
        assertEquals("OOLU8939564", r.number().value());
        assertFalse(r.repaired());
    }

    @Test
    void oneConfusedDigitIsRepairedWithTheCheckDigit() {
        // CSQU3054383 with the 5 misread as 6, but the model also saw a 5 there.
        List<Glyph> glyphs = new ArrayList<>(Glyphs.of("CSQU30"));
        glyphs.add(Glyphs.withAlternative('6', 0.6f, '5', 0.3f));
        glyphs.addAll(Glyphs.of("4383"));
        ContainerCodeReader.Reading r = ContainerCodeReader.read(glyphs).orElseThrow();
        assertEquals("CSQU3054383", r.number().value());
        assertTrue(r.repaired());
    }

    @Test
    void twoEquallyPlausibleRepairsAreRefused() {
        // CBHU3202732 with its second 3 read as 8: changing either 3/8 position makes the check digit hold
        // (CBHU3202732 and CBHU8202782), so the check digit cannot tell which: no reading.
        assertTrue(ContainerCodeReader.read(Glyphs.of("CBHU3202782")).isEmpty());
    }

    @Test
    void noRepairWithoutEvidenceSoTheCheckDigitCannotInventANumber() {
        // Two unrelated errors: no single look-alike change makes the check digit hold.
        assertTrue(ContainerCodeReader.read(Glyphs.of("CSQU3094303")).isEmpty());
        assertTrue(ContainerCodeReader.read(Glyphs.of("CSQU305")).isEmpty());
    }

    @Test
    void anOwnerLetterWhosePaintARibHidPartlyIsRepaired() {
        // Q's tail lost under a rib (read O), L's foot under a locking bar (read I): the check digit decides.
        ContainerCodeReader.Reading q = ContainerCodeReader.read(Glyphs.of("CSOU3054383")).orElseThrow();
        assertEquals("CSQU3054383", q.number().value());
        assertTrue(q.repaired() && ContainerCodeReader.reportable(q), q.toString());
        assertEquals("HLXU3982599", ContainerCodeReader.read(Glyphs.of("HIXU3982599")).orElseThrow().number().value());
        // HLXU1880664 read HIXU1880664: L for I fits, but so does 0 for the first 8 (as good a look-alike): refused.
        assertTrue(ContainerCodeReader.read(Glyphs.of("HIXU1880664")).isEmpty());
    }

    @Test
    void aFitTheRecogniserBarelySupportedIsNotReportable() {
        // Every character read with 0.2: the check digit holds, but nothing says the read is right.
        List<Glyph> faint = new ArrayList<>();
        for (char c : "CSQU3054383".toCharArray()) {
            faint.add(Glyphs.glyph(c, 0.2f));
        }
        ContainerCodeReader.Reading r = ContainerCodeReader.read(faint).orElseThrow();
        assertFalse(ContainerCodeReader.reportable(r), r.toString());
        assertTrue(ContainerCodeReader.reportable(ContainerCodeReader.read(Glyphs.of("CSQU3054383")).orElseThrow()));
    }

    @Test
    void theNumberIsFoundInsideALongerLine() {
        List<Glyph> glyphs = new ArrayList<>(Glyphs.of("X"));
        glyphs.addAll(Glyphs.of("CSQU3054383"));
        glyphs.addAll(Glyphs.of("22G1"));
        assertEquals("CSQU3054383", ContainerCodeReader.read(glyphs).orElseThrow().number().value());
    }
}
