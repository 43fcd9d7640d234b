package org.borderedge.evidence.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.borderedge.core.EventDraft;
import org.borderedge.core.EventType;
import org.borderedge.core.GateEvent;
import org.borderedge.evidence.EvidenceItem;
import org.borderedge.evidence.EvidenceKinds;
import org.borderedge.outbox.internal.JournalSettings;
import org.borderedge.outbox.internal.SqliteJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector over the real SQLite journal, with files laid out as the ISAPI camera keeps them. */
class EvidenceCollectorTest {

    @TempDir
    Path dir;

    @Test
    void filesTheEvidenceOfACycleAndAnnouncesItByHash() throws Exception {
        Path camera = Files.createDirectories(dir.resolve("camera/cam-1"));
        byte[] crop = "plate-crop-jpeg".getBytes(StandardCharsets.UTF_8);
        byte[] scene = "scene-jpeg-bytes".getBytes(StandardCharsets.UTF_8);
        Files.write(camera.resolve("1763859600000-1-plate.jpg"), crop);
        Path sceneFile = Files.write(camera.resolve("1763859600000-2-scene.jpg"), scene);
        Instant t = Instant.parse("2026-11-23T01:00:00Z");
        try (SqliteJournal journal = SqliteJournal.open(JournalSettings.of(dir.resolve("outbox.db"), "gw-1"), Clock.systemUTC());
                SqliteEvidenceStore store = new SqliteEvidenceStore(dir.resolve("evidence"), 1 << 20, Clock.systemUTC())) {
            journal.append(EventDraft.of(EventType.PLATE_READ, "L1", t, Map.of("cycleId", "c-1", "plate", "29C12345",
                    "imageRef", sceneFile.toString())));
            journal.append(EventDraft.of(EventType.WEIGHT_MEASURED, "L1", t, Map.of("cycleId", "c-1", "weightKg", 24500)));
            journal.append(EventDraft.of(EventType.SCAN_COMPLETED, "L1", t, Map.of("cycleId", "c-1", "verdict", "CLEAR",
                    "imageRef", "scanner://nuctech/42")));
            journal.append(EventDraft.of(EventType.PLATE_READ, "L1", t, Map.of("cycleId", "c-1", "imageRef", "/no/such/file.jpg")));
            journal.append(EventDraft.of(EventType.DECISION, "L1", t, Map.of("cycleId", "c-1", "verdict", "HOLD")));

            EvidenceCollector collector = new EvidenceCollector(store, journal, 1 << 20);
            assertEquals(5, collector.drain());
            assertEquals(1, collector.failures(), "the missing file is reported, not fatal");

            List<EvidenceItem> items = store.forCycle("c-1");
            Map<String, EvidenceItem> byKind = items.stream().collect(Collectors.toMap(EvidenceItem::kind, i -> i));
            assertEquals(List.of(EvidenceKinds.PLATE_CROP, EvidenceKinds.OVERVIEW, EvidenceKinds.WEIGHING, EvidenceKinds.SCAN_REFERENCE),
                    items.stream().map(EvidenceItem::kind).toList());
            try (InputStream in = store.open(byKind.get(EvidenceKinds.PLATE_CROP).ref().id(), 0, -1)) {
                assertArrayEquals(crop, in.readAllBytes());
            }
            try (InputStream in = store.open(byKind.get(EvidenceKinds.WEIGHING).ref().id(), 0, -1)) {
                assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("\"weightKg\":24500"));
            }
            assertEquals(4, store.latestDecided("L1").size(), "the DECISION marked the cycle decided");

            List<GateEvent> announced = journal.readAfter(5, 100);
            assertEquals(4, announced.size());
            for (GateEvent e : announced) {
                assertEquals(EventType.EVIDENCE_STORED, e.type());
                EvidenceItem item = store.find((String) e.payload().get("evidenceId")).orElseThrow();
                assertEquals(item.ref().sha256(), e.payload().get("sha256"));
                assertEquals("c-1", e.payload().get("cycleId"));
            }

            // its own announcements and already seen events are not filed again
            assertEquals(4, collector.drain());
            assertEquals(0, collector.drain());
            assertEquals(4, store.forCycle("c-1").size());
        }
    }
}
