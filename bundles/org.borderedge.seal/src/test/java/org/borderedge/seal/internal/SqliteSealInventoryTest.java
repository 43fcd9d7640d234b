package org.borderedge.seal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.borderedge.core.EventType;
import org.borderedge.core.GateEvent;
import org.borderedge.device.Observation;
import org.borderedge.device.Observation.SealLock;
import org.borderedge.outbox.internal.JournalSettings;
import org.borderedge.outbox.internal.SqliteJournal;
import org.borderedge.seal.SealAction;
import org.borderedge.seal.SealRecord;
import org.borderedge.seal.SealRequest;
import org.borderedge.seal.SealState;
import org.borderedge.seal.SealTransition;
import org.borderedge.seal.SealTransition.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inventory over a real SQLite file and the real journal. */
class SqliteSealInventoryTest {

    @TempDir
    Path dir;

    private static SealRequest req(SealAction a, String reason) {
        return new SealRequest(a, "officer.lan", reason, a == SealAction.ASSIGN ? "TK-2026-0042" : "", a == SealAction.ASSIGN ? "15C-123.45" : "");
    }

    private static List<GateEvent> lifecycle(SqliteJournal journal) {
        return journal.readAfter(0, 100).stream().filter(e -> e.type() == EventType.SEAL_LIFECYCLE).toList();
    }

    @Test
    void aSealGoesRoundWithAnEventPerStepAndSurvivesARestart() throws Exception {
        Instant t = Instant.parse("2026-11-23T01:00:00Z");
        try (SqliteJournal journal = SqliteJournal.open(JournalSettings.of(dir.resolve("outbox.db"), "gw-1"), Clock.systemUTC())) {
            try (SqliteSealInventory inv = new SqliteSealInventory(dir.resolve("seals.db"), journal, Clock.systemUTC(), 20)) {
                assertTrue(inv.transition("ES-0001", req(SealAction.ASSIGN, "transit to ICD Tien Son")).accepted());
                // the reader sees it locked on the container: applied, with battery recorded
                inv.sighted(new Observation.SealObserved("ES-0001", SealLock.LOCKED, 87, 21.0, 105.8, t), "L1", "eseal-1");
                assertEquals(SealState.APPLIED, inv.find("ES-0001").orElseThrow().state());
                SealTransition refused = inv.transition("ES-0001", req(SealAction.RETURN, "skip removal"));
                assertEquals(Status.REFUSED, refused.status());
                assertEquals("RETURN refused: seal is APPLIED; only a REMOVED seal (or an unused ASSIGNED one) can be returned",
                        refused.reason());
                assertTrue(inv.transition("ES-0001", req(SealAction.REMOVE, "arrived at destination gate")).accepted());
                assertTrue(inv.transition("ES-0001", req(SealAction.RETURN, "back to the pool")).accepted());
            }
            List<GateEvent> events = lifecycle(journal);
            assertEquals(List.of("ASSIGN", "APPLY", "REMOVE", "RETURN"), events.stream().map(e -> e.payload().get("action")).toList());
            assertEquals(List.of("ASSIGNED", "APPLIED", "REMOVED", "RETURNED"), events.stream().map(e -> e.payload().get("to")).toList());
            assertEquals("reader:eseal-1", events.get(1).payload().get("user"));
            assertEquals("TK-2026-0042", events.get(3).payload().get("declarationId"));

            try (SqliteSealInventory again = new SqliteSealInventory(dir.resolve("seals.db"), journal, Clock.systemUTC(), 20)) {
                SealRecord s = again.find("ES-0001").orElseThrow();
                assertEquals(SealState.RETURNED, s.state());
                assertEquals(87, s.batteryPct());
                assertEquals("L1", s.laneId());
                assertEquals(t, s.lastSeen());
                assertEquals(List.of(s), again.list(SealState.RETURNED));
                assertEquals(List.of(), again.list(SealState.APPLIED));
            }
        }
    }

    @Test
    void aTamperReportFlagsTheSealFaultyUntilRepaired() throws Exception {
        Instant t = Instant.parse("2026-11-23T01:00:00Z");
        try (SqliteJournal journal = SqliteJournal.open(JournalSettings.of(dir.resolve("outbox.db"), "gw-1"), Clock.systemUTC());
                SqliteSealInventory inv = new SqliteSealInventory(dir.resolve("seals.db"), journal, Clock.systemUTC(), 20)) {
            inv.transition("ES-0002", req(SealAction.ASSIGN, "bonded warehouse move"));
            inv.transition("ES-0002", req(SealAction.APPLY, "locked by officer"));
            SealTransition flagged = inv.sighted(new Observation.SealObserved("ES-0002", SealLock.TAMPERED, 70, null, null, t), "L2", "eseal-2")
                    .orElseThrow();
            assertTrue(flagged.accepted());
            SealRecord s = inv.find("ES-0002").orElseThrow();
            assertEquals(SealState.FAULTY, s.state());
            assertEquals("tamper reported by the reader at lane L2, reader eseal-2", s.fault());
            assertEquals(List.of(s), inv.list(SealState.FAULTY));
            GateEvent last = lifecycle(journal).get(2);
            assertEquals("FAULT", last.payload().get("action"));
            assertEquals("APPLIED", last.payload().get("from"));
            assertEquals("TAMPERED", last.payload().get("lock"));
            assertEquals("L2", last.laneId());

            SealTransition apply = inv.transition("ES-0002", req(SealAction.APPLY, "try again"));
            assertEquals(Status.REFUSED, apply.status());
            assertEquals(3, lifecycle(journal).size(), "a refused step is not journalled");
            assertTrue(inv.transition("ES-0002", req(SealAction.REPAIR, "lock replaced in workshop")).accepted());
            assertEquals(SealState.RETURNED, inv.find("ES-0002").orElseThrow().state());

            // a low battery seen on a returned seal sends it to repair as well
            inv.sighted(new Observation.SealObserved("ES-0002", SealLock.UNLOCKED, 9, null, null, t), "L2", "eseal-2");
            assertEquals(SealState.FAULTY, inv.find("ES-0002").orElseThrow().state());
        }
    }

    @Test
    void aStepThatCannotBeJournalledIsNotRecorded() throws Exception {
        SqliteJournal journal = SqliteJournal.open(JournalSettings.of(dir.resolve("outbox.db"), "gw-1"), Clock.systemUTC());
        try (SqliteSealInventory inv = new SqliteSealInventory(dir.resolve("seals.db"), journal, Clock.systemUTC(), 20)) {
            assertTrue(inv.transition("ES-0003", req(SealAction.ASSIGN, "first")).accepted());
            journal.close();
            SealTransition t = inv.transition("ES-0003", req(SealAction.APPLY, "journal is gone"));
            assertEquals(Status.FAILED, t.status());
            assertEquals(SealState.ASSIGNED, inv.find("ES-0003").orElseThrow().state());
        }
    }
}
