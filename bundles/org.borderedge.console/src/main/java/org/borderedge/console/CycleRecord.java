package org.borderedge.console;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One finished vehicle cycle: its outcome and how long each stage took (measured with the
 * engine's monotonic ticker). Stage names are the engine's (e.g. arrival, plate, weighing,
 * decision, exit), in order.
 */
public record CycleRecord(String laneId, String outcome, Map<String, Duration> stages, Instant completedAt) {

    public CycleRecord {
        Objects.requireNonNull(laneId, "laneId");
        outcome = outcome == null ? "UNKNOWN" : outcome;
        stages = stages == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stages));
    }
}
