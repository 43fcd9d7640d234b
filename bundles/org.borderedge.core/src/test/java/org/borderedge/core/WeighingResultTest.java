package org.borderedge.core;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WeighingResultTest {

    private static final Instant T = Instant.parse("2026-11-23T01:00:00Z");

    @Test
    void statesCarryNoNumber() {
        assertThrows(IllegalArgumentException.class,
                () -> new WeighingResult(ScaleState.OVERLOAD, BigDecimal.TEN, WeightUnit.KG, true, T));
        assertTrue(WeighingResult.state(ScaleState.NEGATIVE, T).kilograms().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> WeighingResult.stable(new BigDecimal("-5"), WeightUnit.KG, T));
    }

    @Test
    void convertsUnits() {
        assertEquals(0, new BigDecimal("12340").compareTo(
                WeighingResult.stable(new BigDecimal("12.34"), WeightUnit.T, T).kilograms().orElseThrow()));
    }
}
