package org.borderedge.outbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.borderedge.core.EventDraft;
import org.borderedge.core.EventType;
import org.borderedge.core.GateEvent;
import org.borderedge.core.Priority;
import org.borderedge.outbox.OutboxException;
import org.borderedge.testing.FakeTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteJournalTest {

    @TempDir
    Path dir;

    private final FakeTime clock = new FakeTime(Instant.parse("2026-11-20T08:00:00Z"));

    private JournalSettings settings() {
        return JournalSettings.of(dir.resolve("outbox.db"), "gw-test");
    }

    private EventDraft reading(int i) {
        return EventDraft.of(EventType.READING, "lane-1", clock.instant(), Map.of("i", i, "pad", "x".repeat(300)));
    }

    private EventDraft decision(int i) {
        return EventDraft.of(EventType.DECISION, "lane-1", clock.instant(), Map.of("i", i, "outcome", "RELEASE"));
    }

    @Test
    void concurrentAppendsGetGapFreeSequenceAndSurviveReopen() throws Exception {
        List<Long> seqs = Collections.synchronizedList(new ArrayList<>());
        long epoch;
        try (SqliteJournal j = SqliteJournal.open(settings(), clock)) {
            epoch = j.epoch();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int base = t * 1000;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        seqs.add(j.append(decision(base + i)).seq());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            assertEquals(3200, j.stats().lastSeq());
            assertEquals(3200, j.stats().pending());
        }
        assertEquals(3200, new TreeSet<>(seqs).size());
        assertEquals(1L, Collections.min(seqs));
        assertEquals(3200L, Collections.max(seqs));
        try (SqliteJournal j = SqliteJournal.open(settings(), clock)) {
            assertEquals(epoch, j.epoch());
            assertEquals(3201, j.append(decision(0)).seq());
            assertEquals(3201, j.stats().pending());
            List<GateEvent> all = j.readAfter(0, 5000);
            assertEquals(3201, all.size());
            assertEquals("RELEASE", all.get(0).payload().get("outcome"));
        }
    }

    @Test
    void pendingIsPerPriorityInSequenceOrderAndAcknowledgementsStick() throws Exception {
        try (SqliteJournal j = SqliteJournal.open(settings(), clock)) {
            for (int i = 0; i < 10; i++) {
                j.append(i % 2 == 0 ? reading(i) : decision(i));
            }
            List<GateEvent> critical = j.pendingAfter(Priority.CRITICAL, 0, 100);
            assertEquals(List.of(2L, 4L, 6L, 8L, 10L), critical.stream().map(GateEvent::seq).toList());
            assertEquals(List.of(3L, 5L), j.pendingAfter(Priority.TELEMETRY, 1, 2).stream().map(GateEvent::seq).toList());
            j.markDelivered(List.of(2L, 4L, 4L)).get();
            assertEquals(List.of(6L, 8L, 10L), j.pendingAfter(Priority.CRITICAL, 0, 100).stream().map(GateEvent::seq).toList());
            assertEquals(8, j.stats().pending());
            assertEquals(1, j.redeliverFrom(3), "only seq 4 was delivered at or after 3");
            assertEquals(9, j.stats().pending());
        }
        try (SqliteJournal j = SqliteJournal.open(settings(), clock)) {
            assertEquals(9, j.stats().pending());
            assertEquals(List.of(4L, 6L, 8L, 10L), j.pendingAfter(Priority.CRITICAL, 0, 100).stream().map(GateEvent::seq).toList());
        }
    }

    @Test
    void quotaEvictsTelemetryOnlyAnnouncesRangesAndKeepsAccepting() throws Exception {
        JournalSettings s = settings().withQuotaBytes(512 * 1024);
        Set<Long> critical = new TreeSet<>();
        Set<Long> telemetry = new TreeSet<>();
        try (SqliteJournal j = SqliteJournal.open(s, clock)) {
            for (int chunk = 0; chunk < 20; chunk++) {
                List<EventDraft> drafts = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    drafts.add(i % 10 == 0 ? decision(i) : reading(i));
                }
                for (GateEvent e : j.appendAll(drafts)) {
                    (e.priority() == Priority.CRITICAL ? critical : telemetry).add(e.seq());
                }
            }
            j.maintainNow();
            assertTrue(j.stats().degraded(), "quota reached must degrade health");
            assertTrue(j.stats().degradedReason().contains("quota"), j.stats().degradedReason());
            assertTrue(j.usedBytes() <= s.quotaBytes(), "used " + j.usedBytes());

            List<GateEvent> all = j.readAfter(0, 100_000);
            Set<Long> present = all.stream().map(GateEvent::seq).collect(Collectors.toCollection(TreeSet::new));
            assertTrue(present.containsAll(critical), "every CRITICAL event is kept");
            Set<Long> evicted = new TreeSet<>(telemetry);
            evicted.removeAll(present);
            assertFalse(evicted.isEmpty(), "some TELEMETRY was evicted");

            Set<Long> announced = new TreeSet<>();
            for (GateEvent e : all) {
                if (e.type() == EventType.TELEMETRY_EVICTED) {
                    assertEquals(Priority.CRITICAL, e.priority());
                    for (Object r : (List<?>) e.payload().get("ranges")) {
                        List<?> range = (List<?>) r;
                        for (long x = ((Number) range.get(0)).longValue(); x <= ((Number) range.get(1)).longValue(); x++) {
                            announced.add(x);
                        }
                    }
                }
            }
            assertEquals(evicted, announced, "announcements name exactly the evicted sequences");
            assertTrue(all.stream().anyMatch(e -> e.type() == EventType.ALARM
                    && "OUTBOX_QUOTA_REACHED".equals(e.payload().get("alarm"))), "alarm raised");

            long last = all.get(all.size() - 1).seq();
            GateEvent after = j.append(decision(-1));
            assertTrue(after.seq() > last, "appends keep working");
            List<GateEvent> everything = j.readAfter(0, 100_000);
            j.markDelivered(everything.stream().map(GateEvent::seq).toList()).get();
            assertFalse(j.stats().degraded(), "degraded until the backlog is delivered");
        }
    }

    @Test
    void garbageFileIsQuarantinedAndANewEpochStartsWithAnAlarm() throws Exception {
        Path file = settings().file();
        byte[] junk = new byte[64 * 1024];
        new java.util.Random(7).nextBytes(junk);
        Files.write(file, junk);
        try (SqliteJournal j = SqliteJournal.open(settings(), clock)) {
            assertTrue(j.stats().degraded());
            List<GateEvent> events = j.readAfter(0, 10);
            assertEquals(1, events.size());
            GateEvent alarm = events.get(0);
            assertEquals(EventType.ALARM, alarm.type());
            assertEquals("OUTBOX_QUARANTINED", alarm.payload().get("alarm"));
            Path aside = Path.of((String) alarm.payload().get("quarantinedFile"));
            assertTrue(Files.exists(aside), "kept for forensics");
            assertTrue(aside.getFileName().toString().startsWith("outbox.db.corrupt-20261120T080000Z"));
            assertEquals(2, j.append(decision(1)).seq());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.filter(p -> p.getFileName().toString().contains("corrupt")).count());
        }
    }

    @Test
    void damagedJournalIsQuarantinedAndReadableEventsContinueTheSequence() throws Exception {
        long epoch;
        try (SqliteJournal j = SqliteJournal.open(settings(), clock)) {
            epoch = j.epoch();
            List<EventDraft> drafts = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                drafts.add(reading(i));
            }
            j.appendAll(drafts);
            j.maintainNow();
        }
        Path file = settings().file();
        long size = Files.size(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            // Smash pages in the middle: the b-tree is damaged, the header still says SQLite.
            raf.seek(size / 2);
            byte[] zeros = new byte[16 * 4096];
            java.util.Arrays.fill(zeros, (byte) 0x5A);
            raf.write(zeros);
        }
        try (SqliteJournal j = SqliteJournal.open(settings(), clock)) {
            GateEvent alarm = j.readAfter(0, 100_000).stream().filter(e -> e.type() == EventType.ALARM).findFirst().orElseThrow();
            assertEquals("OUTBOX_QUARANTINED", alarm.payload().get("alarm"));
            assertTrue(j.stats().degraded());
            if (Boolean.TRUE.equals(alarm.payload().get("epochContinued"))) {
                assertEquals(epoch, j.epoch());
                assertTrue(alarm.seq() > 3000, "continues after the old last sequence");
            } else {
                assertNotEquals(epoch, j.epoch());
            }
            assertTrue(j.append(decision(1)).seq() > alarm.seq());
        }
    }

    @Test
    void fileStaysBoundedOverOutageAndDeliveryCycles() throws Exception {
        JournalSettings s = settings().withRetention(Duration.ofDays(1));
        List<Long> sizes = new ArrayList<>();
        try (SqliteJournal j = SqliteJournal.open(s, clock)) {
            for (int cycle = 0; cycle < 8; cycle++) {
                List<EventDraft> drafts = new ArrayList<>();
                for (int i = 0; i < 5000; i++) {
                    drafts.add(reading(i));
                }
                List<GateEvent> added = j.appendAll(drafts);
                j.markDelivered(added.stream().map(GateEvent::seq).toList()).get();
                clock.advance(Duration.ofDays(2));
                j.maintainNow();
                sizes.add(Files.size(s.file()) + Files.size(s.file().resolveSibling("outbox.db-wal")));
            }
            assertEquals(0, j.readAfter(0, 10).size(), "delivered events purged after retention");
        }
        System.out.println("journal file + WAL bytes per cycle: " + sizes);
        long max = Collections.max(sizes.subList(2, sizes.size()));
        assertTrue(max <= sizes.get(1) * 3 / 2 + 256 * 1024, "file does not grow with cycles: " + sizes);
    }

    @Test
    void closedJournalRefusesAppends() throws Exception {
        SqliteJournal j = SqliteJournal.open(settings(), clock);
        j.close();
        assertThrows(OutboxException.class, () -> j.append(decision(1)));
    }

    @Test
    void unserialisablePayloadIsRefusedWithoutUsingASequence() throws Exception {
        try (SqliteJournal j = SqliteJournal.open(settings(), clock)) {
            OutboxException e = assertThrows(OutboxException.class,
                    () -> j.append(EventDraft.of(EventType.READING, null, clock.instant(), Map.of("x", new Object()))));
            assertTrue(e.getMessage().contains("JSON"), e.getMessage());
            assertEquals(1, j.append(decision(1)).seq());
        }
    }

}
