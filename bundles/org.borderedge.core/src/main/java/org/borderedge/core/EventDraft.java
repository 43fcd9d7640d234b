package org.borderedge.core;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** An event before the journal has given it a sequence number. */
public record EventDraft(EventType type, String laneId, Priority priority, Instant time, Map<String, Object> payload) {

    public EventDraft {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(time, "time");
        payload = payload == null ? Map.of() : payload;
    }

    public static EventDraft of(EventType type, String laneId, Instant time, Map<String, Object> payload) {
        return new EventDraft(type, laneId, type.defaultPriority(), time, payload);
    }
}
