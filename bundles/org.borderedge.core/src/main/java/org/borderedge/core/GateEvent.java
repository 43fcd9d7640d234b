package org.borderedge.core;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An event as journalled: a unique time-ordered id, the gateway and lane it happened at, and its
 * place in the gateway's gap-free sequence within a journal epoch. The central orders by (epoch, seq)
 * and de-duplicates by id.
 */
public record GateEvent(
        String id,
        String gatewayId,
        long epoch,
        long seq,
        EventType type,
        String laneId,
        Priority priority,
        Instant time,
        Map<String, Object> payload) {

    public GateEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(gatewayId, "gatewayId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(time, "time");
        payload = payload == null ? Map.of() : payload;
    }
}
