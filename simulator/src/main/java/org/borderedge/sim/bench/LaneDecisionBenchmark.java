package org.borderedge.sim.bench;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.borderedge.core.Channel;
import org.borderedge.core.Declaration;
import org.borderedge.core.LaneType;
import org.borderedge.core.Plate;
import org.borderedge.core.WeighingResult;
import org.borderedge.core.WeightUnit;
import org.borderedge.device.DeviceCommand;
import org.borderedge.device.DeviceKinds;
import org.borderedge.device.Observation;
import org.borderedge.device.Observation.BarrierPosition;
import org.borderedge.device.Observation.Loop;
import org.borderedge.lane.internal.LaneConfig;
import org.borderedge.lane.internal.LaneRuntime;
import org.borderedge.outbox.Outbox;
import org.borderedge.outbox.internal.JournalSettings;
import org.borderedge.outbox.internal.SqliteJournal;
import org.borderedge.sim.lane.CachedReference;
import org.borderedge.sim.lane.InMemoryDevice;

/**
 * lane.decision.*: from a plate observation handed to the lane to the barrier OPEN command handed to
 * the device, with the declaration cached and the truck already weighed stable and its seal read, so
 * the figure is the engine's own latency including the durable journal commit the step requires
 * (PLATE_READ, SEAL_CHECKED and DECISION in one group commit, before OPEN is handed over). The real lane engine runs back-to-back full cycles (pass, exit,
 * clearance, close) against the gateway's own outbox journal (org.borderedge.outbox: SQLite WAL,
 * synchronous=FULL, group commit) on a temporary file.
 * lane.decision.memory.* is the same with an in-memory journal: the engine alone.
 * lane.decision.commit.* is one durable single-row commit on the same file: the disk's floor.
 */
public final class LaneDecisionBenchmark implements Benchmark {

    @Override
    public List<String> names() {
        return List.of("lane.decision.p50_ms", "lane.decision.p99_ms", "lane.decision.memory.p50_ms",
                "lane.decision.memory.p99_ms", "lane.decision.commit.p50_ms", "lane.decision.commit.p99_ms");
    }

    @Override
    public void run(boolean quick, BenchOutput out) throws Exception {
        // Every cycle journals ~12 events in ~6 durable commits; quick keeps the suite under a minute.
        int cycles = quick ? 250 : 10_000;
        int warmup = quick ? 50 : 1_000;
        Path dir = Files.createTempDirectory("borderedge-lane-bench");
        Path db = dir.resolve("journal.db");
        try (SqliteJournal journal = SqliteJournal.open(JournalSettings.of(db, "bench-gw"), Clock.systemUTC())) {
            double[] p = measure(journal, warmup, cycles);
            out.figure("lane.decision.p50_ms", p[0], "ms");
            out.figure("lane.decision.p99_ms", p[1], "ms");
            // The floor under the figures above: one durable commit of one row on the same file system.
            double[] c = commitLatency(journal, quick ? 150 : 1_000);
            out.figure("lane.decision.commit.p50_ms", c[0], "ms");
            out.figure("lane.decision.commit.p99_ms", c[1], "ms");
        } finally {
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(dir.resolve("journal.db" + suffix));
            }
            Files.deleteIfExists(dir);
        }
        double[] m = measure(new MemoryJournal(), quick ? 500 : 1_000, quick ? 2_000 : 10_000);
        out.figure("lane.decision.memory.p50_ms", m[0], "ms");
        out.figure("lane.decision.memory.p99_ms", m[1], "ms");
    }

    /** Runs warm-up plus measured cycles; returns p50 and p99 of the measured ones in ms. */
    static double[] measure(Outbox journal, int warmup, int cycles) {
        int total = warmup + cycles;
        Clock clock = Clock.systemUTC();
        // The engine's ticker is driven by hand so the clearance delay passes without sleeping;
        // latency is measured on System.nanoTime around the engine.
        AtomicLong tick = new AtomicLong(1_000_000_000L);
        CachedReference cache = new CachedReference(clock.instant());
        String[] plates = new String[total];
        for (int i = 0; i < total; i++) {
            plates[i] = String.format("%02dC%05d", 11 + i % 89, i % 100_000);
            cache.add(new Declaration("D" + i, Set.of(plates[i]), Set.of(), Set.of("SEAL" + i), BigDecimal.valueOf(20_000),
                    Channel.GREEN));
        }
        LaneConfig config = LaneConfig.builder("bench-1", LaneType.ROAD_IMPORT).build();
        LaneRuntime lane = new LaneRuntime(config, clock, tick::get, cache, () -> journal);
        InMemoryDevice barrier = new InMemoryDevice("bench-barrier", DeviceKinds.BARRIER, "bench-1");
        InMemoryDevice scale = new InMemoryDevice("bench-scale", DeviceKinds.SCALE, "bench-1");
        InMemoryDevice camera = new InMemoryDevice("bench-camera", DeviceKinds.CAMERA, "bench-1");
        InMemoryDevice eseal = new InMemoryDevice("bench-eseal", DeviceKinds.ESEAL_READER, "bench-1");
        long[] openAt = new long[1];
        barrier.onCommand(c -> {
            if (c instanceof DeviceCommand.Barrier b) {
                if (b.action() == DeviceCommand.BarrierAction.OPEN) {
                    openAt[0] = System.nanoTime();
                }
                barrier.observe(new Observation.BarrierPositionChanged(
                        b.action() == DeviceCommand.BarrierAction.OPEN ? BarrierPosition.OPEN : BarrierPosition.CLOSED, clock.instant()));
            }
        });
        for (InMemoryDevice d : List.of(barrier, scale, camera, eseal)) {
            lane.bind(d);
        }
        for (Loop l : Loop.values()) {
            barrier.observe(new Observation.LoopChanged(l, false, clock.instant()));
        }
        barrier.observe(new Observation.BarrierPositionChanged(BarrierPosition.CLOSED, clock.instant()));
        if (!"IDLE".equals(lane.state())) {
            throw new IllegalStateException("bench lane did not start: " + lane.snapshot());
        }
        long[] latencies = new long[cycles];
        for (int i = 0; i < total; i++) {
            barrier.observe(new Observation.LoopChanged(Loop.PRESENCE, true, clock.instant()));
            scale.observe(new Observation.WeightObserved(WeighingResult.stable(BigDecimal.valueOf(20_040), WeightUnit.KG, clock.instant())));
            eseal.observe(new Observation.SealObserved("SEAL" + i, Observation.SealLock.LOCKED, 90, null, null, clock.instant()));
            Observation.PlateObserved plate = new Observation.PlateObserved(Plate.of(plates[i]), 0.95, null, clock.instant());
            openAt[0] = 0;
            long start = System.nanoTime();
            camera.observe(plate);
            if (openAt[0] == 0) {
                throw new IllegalStateException("cycle " + i + " did not open: " + lane.snapshot());
            }
            if (i >= warmup) {
                latencies[i - warmup] = openAt[0] - start;
            }
            barrier.observe(new Observation.LoopChanged(Loop.PRESENCE, false, clock.instant()));
            barrier.observe(new Observation.LoopChanged(Loop.SAFETY, true, clock.instant()));
            barrier.observe(new Observation.LoopChanged(Loop.EXIT, true, clock.instant()));
            barrier.observe(new Observation.LoopChanged(Loop.SAFETY, false, clock.instant()));
            barrier.observe(new Observation.LoopChanged(Loop.EXIT, false, clock.instant()));
            tick.addAndGet(config.clearanceDelay.plusMillis(100).toNanos());
            lane.tick();
            if (!"IDLE".equals(lane.state())) {
                throw new IllegalStateException("cycle " + i + " did not complete: " + lane.snapshot());
            }
        }
        Arrays.sort(latencies);
        return new double[] {percentile(latencies, 0.50), percentile(latencies, 0.99)};
    }

    static double[] commitLatency(Outbox journal, int commits) throws Exception {
        long[] l = new long[commits];
        for (int i = 0; i < commits; i++) {
            org.borderedge.core.EventDraft d = org.borderedge.core.EventDraft.of(org.borderedge.core.EventType.HEARTBEAT,
                    "bench-1", Instant.now(), Map.of("i", i));
            long start = System.nanoTime();
            journal.append(d);
            l[i] = System.nanoTime() - start;
        }
        Arrays.sort(l);
        return new double[] {percentile(l, 0.50), percentile(l, 0.99)};
    }

    private static double percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    private static final class MemoryJournal implements Outbox {
        private long seq;
        private final org.borderedge.core.EventIds ids = new org.borderedge.core.EventIds(Clock.systemUTC());

        @Override
        public synchronized org.borderedge.core.GateEvent append(org.borderedge.core.EventDraft d) {
            seq++;
            return new org.borderedge.core.GateEvent(ids.nextId(), "bench", 1, seq, d.type(), d.laneId(), d.priority(),
                    d.time(), d.payload());
        }

        @Override
        public List<org.borderedge.core.GateEvent> readAfter(long afterSeq, int limit) {
            return List.of();
        }

        @Override
        public org.borderedge.outbox.OutboxStats stats() {
            return new org.borderedge.outbox.OutboxStats(1, seq, 0, 0, 0, "");
        }
    }
}
