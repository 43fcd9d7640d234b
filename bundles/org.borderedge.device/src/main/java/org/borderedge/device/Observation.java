package org.borderedge.device;

import java.time.Instant;
import org.borderedge.core.Plate;
import org.borderedge.core.WeighingResult;

/** What a device saw, typed; the lane engine consumes these. Every observation carries its time. */
public sealed interface Observation {

    Instant time();

    /** Vehicle-presence loops of a lane. */
    enum Loop { PRESENCE, SAFETY, EXIT }

    /** Boom position as the limit switches report it. */
    enum BarrierPosition { OPEN, CLOSED, MOVING, UNKNOWN }

    enum SealLock { LOCKED, UNLOCKED, TAMPERED }

    enum ScanVerdict { CLEAR, SUSPECT, ERROR }

    record LoopChanged(Loop loop, boolean occupied, Instant time) implements Observation {
    }

    record BarrierPositionChanged(BarrierPosition position, Instant time) implements Observation {
    }

    /** The barrier reports it was forced open, or another hardware alarm input fired. */
    record BarrierAlarm(String code, String detail, Instant time) implements Observation {
    }

    record WeightObserved(WeighingResult result) implements Observation {
        @Override
        public Instant time() {
            return result.time();
        }
    }

    /** A plate read by a camera or by in-gateway recognition; imageRef names the evidence if kept. */
    record PlateObserved(Plate plate, double confidence, String imageRef, Instant time) implements Observation {
    }

    /** A container number read; text is ISO 6346-valid when valid is true. */
    record ContainerObserved(String text, boolean valid, double confidence, String imageRef, Instant time)
            implements Observation {
    }

    /** A pre-declaration QR or barcode; declarationId is empty when the payload carried none. */
    record QrObserved(String payload, String declarationId, Instant time) implements Observation {
    }

    /** An electronic seal read at the gate. batteryPct, latitude and longitude may be null. */
    record SealObserved(String sealId, SealLock lock, Integer batteryPct, Double latitude, Double longitude,
            Instant time) implements Observation {
    }

    record ScanCompleted(String requestId, ScanVerdict verdict, String imageRef, String detail, Instant time)
            implements Observation {
    }
}
