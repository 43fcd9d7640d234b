package org.borderedge.resident.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.borderedge.lane.ResidentPurchase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteResidentLedgerTest {

    @TempDir
    Path dir;

    static ResidentPurchase purchase(String id, String resident, String period, long vnd, String time) {
        return new ResidentPurchase(id, resident, "", period, vnd, "R1", Instant.parse(time), false, "engine");
    }

    @Test
    void totalsArePerResidentAndPeriodAndARepeatedPurchaseCountsOnce() {
        try (SqliteResidentLedger l = SqliteResidentLedger.open(dir.resolve("q.db"))) {
            assertEquals(700_000, l.record(purchase("c1", "LS-1", "2026-11-23", 700_000, "2026-11-23T01:00:00Z")));
            assertEquals(700_000, l.record(purchase("c1", "LS-1", "2026-11-23", 700_000, "2026-11-23T01:00:00Z")));
            assertEquals(1_000_000, l.record(purchase("c2", "LS-1", "2026-11-23", 300_000, "2026-11-23T02:00:00Z")));
            l.record(purchase("c3", "LS-2", "2026-11-23", 50_000, "2026-11-23T02:00:00Z"));
            l.record(purchase("c4", "LS-1", "2026-11-24", 90_000, "2026-11-24T02:00:00Z"));
            assertEquals(1_000_000, l.usedVnd("LS-1", "2026-11-23"));
            assertEquals(90_000, l.usedVnd("LS-1", "2026-11-24"));
            assertEquals(0, l.usedVnd("LS-3", "2026-11-23"));

            assertEquals(3, l.purgeBefore(Instant.parse("2026-11-24T00:00:00Z")));
            assertEquals(0, l.usedVnd("LS-1", "2026-11-23"));
            assertEquals(90_000, l.usedVnd("LS-1", "2026-11-24"));
        }
    }

    @Test
    void aFileThatIsNotALedgerIsRefusedNamingIt() throws Exception {
        Path bad = dir.resolve("garbage.db");
        Files.writeString(bad, "this is not an SQLite database, just a text file that is long enough to have a header");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SqliteResidentLedger.open(bad));
        assertTrue(e.getMessage().contains("garbage.db"), e.getMessage());
    }
}
