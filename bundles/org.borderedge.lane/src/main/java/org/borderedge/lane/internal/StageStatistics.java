package org.borderedge.lane.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.borderedge.lane.Stage;
import org.borderedge.lane.StageStat;

/** Stage durations of the most recent cycles of one lane, in fixed-size rings (bounded memory). */
final class StageStatistics {

    static final String TOTAL = "ARRIVAL_TO_PASSED";

    private final int window;
    private final Map<Stage, Ring> stages = new EnumMap<>(Stage.class);
    private final Ring total;

    StageStatistics(int window) {
        this.window = window;
        this.total = new Ring(window);
    }

    synchronized void record(Map<Stage, Long> durationsNanos, Long arrivalToPassedNanos) {
        durationsNanos.forEach((stage, nanos) -> stages.computeIfAbsent(stage, s -> new Ring(window)).add(nanos));
        if (arrivalToPassedNanos != null) {
            total.add(arrivalToPassedNanos);
        }
    }

    synchronized List<StageStat> snapshot() {
        List<StageStat> out = new ArrayList<>();
        for (Stage s : Stage.values()) {
            Ring r = stages.get(s);
            if (r != null) {
                out.add(r.stat(s.name()));
            }
        }
        out.add(total.stat(TOTAL));
        return out;
    }

    private static final class Ring {
        private final long[] values;
        private long count;

        Ring(int size) {
            values = new long[size];
        }

        void add(long v) {
            values[(int) (count % values.length)] = v;
            count++;
        }

        StageStat stat(String name) {
            int n = (int) Math.min(count, values.length);
            if (n == 0) {
                return new StageStat(name, 0, Double.NaN, Double.NaN);
            }
            long[] sorted = Arrays.copyOf(values, n);
            Arrays.sort(sorted);
            return new StageStat(name, count, percentile(sorted, 0.50), percentile(sorted, 0.95));
        }

        /** Nearest-rank percentile, in milliseconds. */
        private static double percentile(long[] sorted, double p) {
            int rank = (int) Math.ceil(p * sorted.length);
            return sorted[Math.max(0, rank - 1)] / 1e6;
        }
    }
}
