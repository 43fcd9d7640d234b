package org.borderedge.console.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.borderedge.console.CycleRecord;

/**
 * Stage durations per lane from finished cycles: percentiles over the last {@value #WINDOW}
 * cycles (what the technician's report shows) and cumulative histograms since start (what
 * Prometheus scrapes). Also counts cycles and decision outcomes.
 */
final class StageStats {

    static final int WINDOW = 1000;
    /** Histogram upper bounds in seconds: a gate stage takes from milliseconds to minutes. */
    static final double[] BOUNDS = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300};

    record Percentiles(String stage, long count, double p50Ms, double p95Ms) {
    }

    record Histogram(long[] cumulative, long count, double sumSeconds) {
    }

    private static final class Stage {
        final double[] recentMs = new double[WINDOW];
        int recentCount;
        int next;
        final long[] buckets = new long[BOUNDS.length];
        long count;
        double sumSeconds;

        void add(Duration d) {
            double ms = d.toNanos() / 1e6;
            recentMs[next] = ms;
            next = (next + 1) % WINDOW;
            recentCount = Math.min(recentCount + 1, WINDOW);
            double s = ms / 1000;
            for (int i = 0; i < BOUNDS.length; i++) {
                if (s <= BOUNDS[i]) {
                    buckets[i]++;
                }
            }
            count++;
            sumSeconds += s;
        }
    }

    private final Map<String, Map<String, Stage>> stages = new TreeMap<>();
    private final Map<String, Long> cycles = new TreeMap<>();
    private final Map<String, Map<String, Long>> outcomes = new TreeMap<>();

    synchronized void record(CycleRecord c) {
        Map<String, Stage> lane = stages.computeIfAbsent(c.laneId(), k -> new LinkedHashMap<>());
        c.stages().forEach((name, d) -> {
            if (d != null && !d.isNegative()) {
                lane.computeIfAbsent(name, k -> new Stage()).add(d);
            }
        });
        cycles.merge(c.laneId(), 1L, Long::sum);
        outcomes.computeIfAbsent(c.laneId(), k -> new TreeMap<>()).merge(c.outcome(), 1L, Long::sum);
    }

    /** Per lane, per stage in the order stages were first seen. */
    synchronized Map<String, List<Percentiles>> percentiles() {
        Map<String, List<Percentiles>> out = new TreeMap<>();
        stages.forEach((lane, byStage) -> {
            List<Percentiles> list = new ArrayList<>();
            byStage.forEach((name, s) -> {
                double[] sorted = Arrays.copyOf(s.recentMs, s.recentCount);
                Arrays.sort(sorted);
                list.add(new Percentiles(name, s.count, quantile(sorted, 0.50), quantile(sorted, 0.95)));
            });
            out.put(lane, list);
        });
        return out;
    }

    synchronized Map<String, Map<String, Histogram>> histograms() {
        Map<String, Map<String, Histogram>> out = new TreeMap<>();
        stages.forEach((lane, byStage) -> {
            Map<String, Histogram> m = new LinkedHashMap<>();
            byStage.forEach((name, s) -> m.put(name, new Histogram(s.buckets.clone(), s.count, s.sumSeconds)));
            out.put(lane, m);
        });
        return out;
    }

    synchronized Map<String, Long> cycles() {
        return new TreeMap<>(cycles);
    }

    synchronized Map<String, Map<String, Long>> outcomes() {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        outcomes.forEach((k, v) -> copy.put(k, new TreeMap<>(v)));
        return copy;
    }

    /** Nearest-rank quantile: a value that really occurred, no interpolation surprises. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
