package org.borderedge.device.scale.internal;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Iterator;
import org.borderedge.core.ScaleState;

/**
 * When a weight counts: readings the indicator does not flag as moving join a run while they stay
 * within the tolerance; the run is stable once it holds {@code readings} readings over at least
 * {@code windowNanos}. One reading off the run (a garbled digit, a truck still rolling) starts a new
 * run, so a single bad frame can delay a weighing but never make one. The weight reported is the
 * value most of the last readings agree on, so one garbled digit inside the tolerance is outvoted too.
 */
final class StabilityRule {

    enum Verdict { STABLE, MOTION, SETTLING, STATE }

    private final int readings;
    private final long windowNanos;
    private final BigDecimal toleranceKg;

    private int count;
    private long runStart;
    private BigDecimal runMin;
    private BigDecimal runMax;
    private final ArrayDeque<WeightFrameParser.Reading> recent = new ArrayDeque<>();

    StabilityRule(int readings, long windowNanos, BigDecimal toleranceKg) {
        if (readings < 1) {
            throw new IllegalArgumentException("stableReadings must be at least 1");
        }
        if (windowNanos < 0 || toleranceKg.signum() < 0) {
            throw new IllegalArgumentException("stableWindowMs and toleranceKg must not be negative");
        }
        this.readings = readings;
        this.windowNanos = windowNanos;
        this.toleranceKg = toleranceKg;
    }

    BigDecimal toleranceKg() {
        return toleranceKg;
    }

    Verdict offer(WeightFrameParser.Reading r, long nanos) {
        if (r.state() != null && r.state() != ScaleState.MOTION) {
            count = 0;
            return Verdict.STATE;
        }
        if (r.state() == ScaleState.MOTION) {
            count = 0;
            return Verdict.MOTION;
        }
        BigDecimal kg = r.unit().toKilograms(r.value());
        boolean fits = count > 0 && kg.max(runMax).subtract(kg.min(runMin)).compareTo(toleranceKg) <= 0;
        if (!fits) {
            boolean wasRun = count > 0;
            recent.clear();
            recent.addLast(r);
            count = 1;
            runStart = nanos;
            runMin = kg;
            runMax = kg;
            return wasRun ? Verdict.MOTION : (readings == 1 && windowNanos == 0 ? Verdict.STABLE : Verdict.SETTLING);
        }
        count++;
        recent.addLast(r);
        if (recent.size() > Math.max(readings, 3)) {
            recent.removeFirst();
        }
        runMin = runMin.min(kg);
        runMax = runMax.max(kg);
        return count >= readings && nanos - runStart >= windowNanos ? Verdict.STABLE : Verdict.SETTLING;
    }

    /** The reading most of the recent run agrees on (ties: the latest); valid after a STABLE verdict. */
    WeightFrameParser.Reading stableReading() {
        WeightFrameParser.Reading best = null;
        int bestVotes = 0;
        for (Iterator<WeightFrameParser.Reading> it = recent.descendingIterator(); it.hasNext();) {
            WeightFrameParser.Reading candidate = it.next();
            BigDecimal kg = candidate.unit().toKilograms(candidate.value());
            int votes = 0;
            for (WeightFrameParser.Reading other : recent) {
                if (other.unit().toKilograms(other.value()).compareTo(kg) == 0) {
                    votes++;
                }
            }
            if (votes > bestVotes) {
                best = candidate;
                bestVotes = votes;
            }
        }
        return best;
    }

    void reset() {
        count = 0;
    }
}
