package org.borderedge.sim.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.borderedge.core.EventDraft;
import org.borderedge.core.EventType;
import org.borderedge.outbox.internal.JournalSettings;
import org.borderedge.outbox.internal.SqliteJournal;

/**
 * store.append.eps (16 writers), .w1, .w4: appends per second through the real journal, counted
 * when the append is power-loss durable (WAL, synchronous=FULL, the future completed). Each writer
 * keeps up to {@value #WINDOW} appends outstanding through {@code appendAsync} (as a lane does
 * when one vehicle cycle yields several events); store.append.eps.blocking16 is 16 writers that
 * each wait for every append. Beside them, in the same run and folder, store.raw_sqlite.eps: plain
 * sqlite-jdbc, same pragmas and table, batches of 100 rows per transaction, one thread: the
 * ceiling the journal is compared with.
 */
public final class StoreAppendBenchmark implements Benchmark {

    static final int WINDOW = 64;
    static final String PAYLOAD_PAD = "x".repeat(120);

    @Override
    public List<String> names() {
        return List.of("store.append.eps", "store.append.eps.w1", "store.append.eps.w4", "store.append.eps.blocking16",
                "store.raw_sqlite.eps");
    }

    static Map<String, Object> payload(long i) {
        return Map.of("laneId", "lane-1", "plate", "51F67890", "grossKg", 24_310 + i % 100, "stable", true, "pad", PAYLOAD_PAD);
    }

    @Override
    public void run(boolean quick, BenchOutput out) throws Exception {
        long millis = quick ? 1500 : 10_000;
        Path dir = Files.createTempDirectory("borderedge-bench-store");
        try {
            out.figure("store.raw_sqlite.eps", rawSqlite(dir.resolve("raw.db"), millis), "rows/s");
            out.figure("store.append.eps.w1", journal(dir.resolve("w1.db"), 1, WINDOW, millis), "events/s");
            out.figure("store.append.eps.w4", journal(dir.resolve("w4.db"), 4, WINDOW, millis), "events/s");
            out.figure("store.append.eps", journal(dir.resolve("w16.db"), 16, WINDOW, millis), "events/s");
            out.figure("store.append.eps.blocking16", journal(dir.resolve("b16.db"), 16, 1, millis), "events/s");
        } finally {
            deleteTree(dir);
        }
    }

    static double journal(Path file, int writers, int window, long millis) throws Exception {
        try (SqliteJournal j = SqliteJournal.open(JournalSettings.of(file, "bench-gw"), Clock.systemUTC())) {
            LongAdder done = new LongAdder();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                Thread t = new Thread(() -> {
                    Semaphore outstanding = new Semaphore(window);
                    long i = 0;
                    while (!stop.get()) {
                        try {
                            if (window == 1) {
                                j.append(EventDraft.of(EventType.READING, "lane-1", Instant.now(), payload(i++)));
                                done.increment();
                                continue;
                            }
                            outstanding.acquire();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        j.appendAsync(EventDraft.of(EventType.READING, "lane-1", Instant.now(), payload(i++)))
                                .whenComplete((event, failure) -> {
                                    if (failure == null) {
                                        done.increment();
                                    }
                                    outstanding.release();
                                });
                    }
                    outstanding.acquireUninterruptibly(window);
                }, "bench-writer-" + w);
                threads.add(t);
            }
            // Warm-up so JIT and page cache do not count against the first writer count.
            for (int i = 0; i < 2000; i++) {
                j.appendAsync(EventDraft.of(EventType.READING, "lane-1", Instant.now(), payload(i)));
            }
            j.append(EventDraft.of(EventType.READING, "lane-1", Instant.now(), payload(0)));
            long start = System.nanoTime();
            threads.forEach(Thread::start);
            Thread.sleep(millis);
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return done.sum() / seconds;
        }
    }

    static double rawSqlite(Path file, long millis) throws Exception {
        try (Connection c = org.sqlite.JDBC.createConnection("jdbc:sqlite:" + file, new java.util.Properties())) {
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA synchronous=FULL");
                st.execute("CREATE TABLE events(seq INTEGER PRIMARY KEY, id TEXT NOT NULL, type TEXT NOT NULL, lane_id TEXT, "
                        + "priority INTEGER NOT NULL, time_us INTEGER NOT NULL, payload TEXT NOT NULL, appended_ms INTEGER NOT NULL, "
                        + "delivered_us INTEGER)");
            }
            c.setAutoCommit(false);
            String payload = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(payload(1));
            long rows = 0;
            long seq = 0;
            long start = System.nanoTime();
            long end = start + millis * 1_000_000L;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO events(seq, id, type, lane_id, priority, time_us, "
                    + "payload, appended_ms) VALUES (?,?,?,?,?,?,?,?)")) {
                while (System.nanoTime() < end) {
                    for (int i = 0; i < 100; i++) {
                        seq++;
                        ps.setLong(1, seq);
                        ps.setString(2, "0190d2c4-7a00-7000-8000-" + String.format("%012d", seq));
                        ps.setString(3, "READING");
                        ps.setString(4, "lane-1");
                        ps.setInt(5, 1);
                        ps.setLong(6, System.currentTimeMillis() * 1000);
                        ps.setString(7, payload);
                        ps.setLong(8, System.currentTimeMillis());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                    c.commit();
                    rows += 100;
                }
            }
            return rows / ((System.nanoTime() - start) / 1e9);
        }
    }

    static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // temp folder, best effort
        }
    }
}
