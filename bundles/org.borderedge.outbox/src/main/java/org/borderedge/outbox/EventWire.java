package org.borderedge.outbox;

import java.util.LinkedHashMap;
import java.util.Map;
import org.borderedge.core.GateEvent;

/**
 * The one JSON shape of an event on every wire (MQTT uplink batch v1, HTTP pull API): seq, epoch,
 * id, type, laneId, time (ISO-8601 UTC), priority, gatewayId, payload. Serialise the returned map
 * with any JSON library.
 */
public final class EventWire {

    private EventWire() {
    }

    public static Map<String, Object> toMap(GateEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.seq());
        m.put("epoch", e.epoch());
        m.put("id", e.id());
        m.put("type", e.type().name());
        m.put("laneId", e.laneId());
        m.put("time", e.time().toString());
        m.put("priority", e.priority().name());
        m.put("gatewayId", e.gatewayId());
        m.put("payload", e.payload());
        return m;
    }
}
