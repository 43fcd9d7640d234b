package org.borderedge.sim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.borderedge.core.EventDraft;
import org.borderedge.core.EventType;
import org.borderedge.core.Ticker;
import org.borderedge.outbox.internal.JournalSettings;
import org.borderedge.outbox.internal.SqliteJournal;
import org.borderedge.sim.broker.MosquittoBroker;
import org.borderedge.sync.mqtt.internal.MqttSync;
import org.borderedge.sync.mqtt.internal.ReferenceStore;
import org.borderedge.sync.mqtt.internal.SyncSettings;

/**
 * sync.drain.mps: a backlog of 1,000,000 events (100,000 with --quick) journalled while the link
 * was down is drained to a local Mosquitto by the real uplink; the figure is events acknowledged
 * by the broker per second (100 events per message, uplink-batch v1). sync.drain.heap_mb: used
 * heap after GC at the end minus at the start of the drain.
 */
public final class SyncDrainBenchmark implements Benchmark {

    @Override
    public List<String> names() {
        return List.of("sync.drain.mps", "sync.drain.heap_mb");
    }

    @Override
    public void run(boolean quick, BenchOutput out) throws Exception {
        int backlog = quick ? 100_000 : 1_000_000;
        Path dir = Files.createTempDirectory("borderedge-bench-drain");
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
                SqliteJournal journal = SqliteJournal.open(JournalSettings.of(dir.resolve("outbox.db"), "bench-gw"), Clock.systemUTC());
                ReferenceStore reference = ReferenceStore.open(dir.resolve("reference.db"), Clock.systemUTC())) {
            List<EventDraft> chunk = new ArrayList<>(10_000);
            for (int i = 0; i < backlog; i++) {
                EventType type = i % 10 == 0 ? EventType.DECISION : EventType.READING;
                chunk.add(EventDraft.of(type, "lane-1", Instant.now(), StoreAppendBenchmark.payload(i)));
                if (chunk.size() == 10_000) {
                    journal.appendAll(chunk);
                    chunk.clear();
                }
            }
            journal.appendAll(chunk);
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long heapBefore = usedAfterGc(memory);
            SyncSettings settings = SyncSettings.of(broker.url(), "bench-gw", "bench-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8))
                    .withRate(0, 100, 1000);
            long start = System.nanoTime();
            long acked;
            try (MqttSync sync = new MqttSync(settings, journal, reference, Clock.systemUTC(), Ticker.system(), c -> Optional.empty())) {
                sync.start();
                long deadline = System.nanoTime() + 600_000_000_000L;
                while (sync.eventsAcked() < backlog && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                acked = sync.eventsAcked();
                double seconds = (System.nanoTime() - start) / 1e9;
                out.figure("sync.drain.mps", acked / seconds, "events/s");
                while (journal.stats().pending() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                long heapAfter = usedAfterGc(memory);
                out.figure("sync.drain.heap_mb", (heapAfter - heapBefore) / (1024.0 * 1024.0), "MB");
            }
            if (acked < backlog) {
                System.err.println("sync.drain: only " + acked + " of " + backlog + " events acknowledged");
            }
        } finally {
            StoreAppendBenchmark.deleteTree(dir);
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
