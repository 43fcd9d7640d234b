package org.borderedge.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.borderedge.core.EventDraft;
import org.borderedge.core.EventType;
import org.junit.jupiter.api.Test;

class EventSearchTest {

    @Test
    void findsByPlateContainerDeclarationAndTimeNewestFirst() {
        MemoryOutbox o = new MemoryOutbox();
        Instant t0 = Instant.parse("2026-11-23T00:00:00Z");
        for (int i = 0; i < 2500; i++) {
            o.append(EventDraft.of(EventType.HEARTBEAT, null, t0.plusSeconds(i), Map.of("n", i)));
        }
        o.append(EventDraft.of(EventType.PLATE_READ, "L1", t0.plusSeconds(3000), Map.of("plate", "51C-123.45")));
        o.append(EventDraft.of(EventType.DECISION, "L1", t0.plusSeconds(3001), Map.of("vehicle",
                Map.of("plate", "51C12345", "containers", List.of("MSCU1234565")), "declarationId", "105123456789")));
        o.append(EventDraft.of(EventType.PLATE_READ, "L2", t0.plusSeconds(3002), Map.of("plate", "29H99999")));

        EventSearch s = new EventSearch();
        var byPlate = s.search(o, new EventSearch.Query("51c 123.45", null, null, null, null, null, null, 50));
        assertEquals(2, byPlate.events().size());
        assertEquals(EventType.DECISION, byPlate.events().get(0).type(), "newest first");
        assertEquals(2503, byPlate.scanned());

        assertEquals(1, s.search(o, new EventSearch.Query(null, "MSCU1234565", null, null, null, null, null, 50)).events().size());
        assertEquals(1, s.search(o, new EventSearch.Query(null, null, "105123456789", null, null, null, null, 50)).events().size());
        assertEquals(0, s.search(o, new EventSearch.Query("51C12345", null, null, null, null, t0.plusSeconds(3002), null, 50)).events().size());
        assertEquals(3, s.search(o, new EventSearch.Query(null, null, null, null, null, null, t0.plusSeconds(2), 50)).events().size());
        assertEquals(10, s.search(o, new EventSearch.Query(null, null, null, "heartbeat", null, null, null, 10)).events().size());
    }
}
