package org.borderedge.sim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import org.borderedge.outbox.internal.JournalSettings;
import org.borderedge.outbox.internal.SqliteJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the benchmark runnable: a few real cycles against the real outbox journal. */
class LaneDecisionBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void fullCyclesRunAndEveryEventIsJournalled() throws Exception {
        try (SqliteJournal journal = SqliteJournal.open(JournalSettings.of(dir.resolve("journal.db"), "test-gw"), Clock.systemUTC())) {
            double[] p = LaneDecisionBenchmark.measure(journal, 2, 10);
            assertTrue(p[0] > 0 && p[1] >= p[0], "p50 " + p[0] + " p99 " + p[1]);
            // 12 cycles of VEHICLE_ARRIVED, WEIGHT_MEASURED, PLATE_READ, SEAL_CHECKED, DECISION,
            // BARRIER_OPENED, VEHICLE_PASSED, BARRIER_CLOSED, CYCLE_COMPLETED.
            assertEquals(12 * 9, journal.stats().lastSeq());
        }
    }
}
