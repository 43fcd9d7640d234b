package org.borderedge.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.borderedge.console.CycleRecord;
import org.junit.jupiter.api.Test;

class StageStatsTest {

    @Test
    void nearestRankPercentilesAndCumulativeBuckets() {
        StageStats s = new StageStats();
        for (int i = 1; i <= 100; i++) {
            Map<String, Duration> st = new LinkedHashMap<>();
            st.put("plate", Duration.ofMillis(i * 10L));
            st.put("weighing", Duration.ofSeconds(3));
            s.record(new CycleRecord("L1", i % 10 == 0 ? "HOLD" : "RELEASE", st, Instant.EPOCH));
        }
        var plate = s.percentiles().get("L1").get(0);
        assertEquals("plate", plate.stage());
        assertEquals(500.0, plate.p50Ms());
        assertEquals(950.0, plate.p95Ms());
        assertEquals(100, s.cycles().get("L1"));
        assertEquals(90, s.outcomes().get("L1").get("RELEASE"));
        assertEquals(10, s.outcomes().get("L1").get("HOLD"));
        StageStats.Histogram h = s.histograms().get("L1").get("plate");
        assertEquals(5, h.cumulative()[0]); // <= 50 ms
        assertEquals(100, h.cumulative()[4]); // <= 1 s
        assertEquals(0, s.histograms().get("L1").get("weighing").cumulative()[5]); // 3 s > 2.5 s
        assertEquals(100, s.histograms().get("L1").get("weighing").cumulative()[6]); // <= 5 s
    }

    @Test
    void emptyWindowGivesZero() {
        assertEquals(0.0, StageStats.quantile(new double[0], 0.95));
    }
}
