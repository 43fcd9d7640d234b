package org.borderedge.lane.internal;

import org.borderedge.device.Observation;

/** Refuses observations a driver should never have produced, before they reach the engine. */
final class ObservationCheck {

    private ObservationCheck() {
    }

    /** What is wrong with the observation, or null if it can be used. */
    static String problem(Observation o) {
        if (o == null) {
            return "null observation";
        }
        if (o instanceof Observation.WeightObserved w) {
            return w.result() == null ? "weight without a result" : null;
        }
        if (o.time() == null) {
            return o.getClass().getSimpleName() + " without a time";
        }
        if (o instanceof Observation.LoopChanged l) {
            return l.loop() == null ? "loop change without a loop" : null;
        }
        if (o instanceof Observation.BarrierPositionChanged p) {
            return p.position() == null ? "barrier position missing" : null;
        }
        if (o instanceof Observation.PlateObserved p) {
            return p.plate() == null ? "plate read without a plate" : null;
        }
        if (o instanceof Observation.SealObserved s) {
            return s.sealId() == null || s.sealId().isBlank() || s.lock() == null ? "seal read without id or lock state" : null;
        }
        if (o instanceof Observation.ScanCompleted s) {
            return s.verdict() == null ? "scan result without a verdict" : null;
        }
        if (o instanceof Observation.BarrierAlarm a) {
            return a.code() == null ? "barrier alarm without a code" : null;
        }
        return null;
    }
}
