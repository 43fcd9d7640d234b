package org.borderedge.api.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.borderedge.core.EventDraft;
import org.borderedge.core.EventType;
import org.borderedge.outbox.internal.JournalSettings;
import org.borderedge.outbox.internal.SqliteJournal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PullApiTest {

    @TempDir
    Path dir;

    SqliteJournal journal;
    PullApi api;

    @BeforeEach
    void open() throws Exception {
        journal = SqliteJournal.open(JournalSettings.of(dir.resolve("outbox.db"), "gw-p"), Clock.systemUTC());
        for (int i = 0; i < 25; i++) {
            journal.append(EventDraft.of(EventType.DECISION, "lane-1", Instant.parse("2026-11-20T08:00:00Z"), Map.of("i", i)));
        }
        api = new PullApi(journal, "secret-token");
    }

    @AfterEach
    void close() {
        journal.close();
    }

    @Test
    void pagesInSequenceOrderWithANextCursor() {
        PullApi.Answer first = api.events("Bearer secret-token", "0", "10");
        assertEquals(200, first.status());
        List<?> events = (List<?>) first.body().get("events");
        assertEquals(10, events.size());
        Map<?, ?> e = (Map<?, ?>) events.get(0);
        assertEquals(1L, e.get("seq"));
        assertEquals("gw-p", e.get("gatewayId"));
        assertEquals("DECISION", e.get("type"));
        assertEquals("CRITICAL", e.get("priority"));
        assertEquals("2026-11-20T08:00:00Z", e.get("time"));
        assertEquals(journal.epoch(), e.get("epoch"));
        assertEquals(10L, first.body().get("next"));

        PullApi.Answer last = api.events("bearer secret-token", "20", null);
        assertEquals(5, ((List<?>) last.body().get("events")).size());
        assertEquals(25L, last.body().get("next"));
        PullApi.Answer empty = api.events("Bearer secret-token", "25", "1000");
        assertEquals(0, ((List<?>) empty.body().get("events")).size());
        assertEquals(25L, empty.body().get("next"));
    }

    @Test
    void withoutTheTokenItIs401() {
        assertEquals(401, api.events(null, "0", "10").status());
        assertEquals(401, api.events("Bearer wrong", "0", "10").status());
        assertEquals(401, api.events("Basic c2VjcmV0LXRva2Vu", "0", "10").status());
        assertEquals(401, new PullApi(journal, "").events("Bearer ", "0", "10").status(), "no token configured: nobody pulls");
    }

    @Test
    void badParametersAre400NamingTheParameter() {
        assertEquals(Map.of("error", "bad parameter", "parameter", "limit", "message", "limit must be 1..1000, was 1001"),
                api.events("Bearer secret-token", "0", "1001").body());
        assertEquals("limit", api.events("Bearer secret-token", "0", "0").body().get("parameter"));
        assertEquals("limit", api.events("Bearer secret-token", "0", "ten").body().get("parameter"));
        assertEquals("after", api.events("Bearer secret-token", "-1", "10").body().get("parameter"));
        assertEquals(400, api.events("Bearer secret-token", "x", "10").status());
    }
}
