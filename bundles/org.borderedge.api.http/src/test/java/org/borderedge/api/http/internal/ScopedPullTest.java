package org.borderedge.api.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.borderedge.access.Agency;
import org.borderedge.access.IssuedToken;
import org.borderedge.access.internal.TokenStore;
import org.borderedge.core.EventDraft;
import org.borderedge.core.EventType;
import org.borderedge.core.GateEvent;
import org.borderedge.outbox.internal.JournalSettings;
import org.borderedge.outbox.internal.SqliteJournal;
import org.borderedge.testing.FakeTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agency tokens on the pull API: a real journal, a real token file, the pull audit. */
class ScopedPullTest {

    static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    @TempDir
    Path dir;

    final FakeTime clock = new FakeTime(T0);
    SqliteJournal journal;
    TokenStore tokens;
    PullAudit audit;
    PullApi api;
    IssuedToken borderGuard;

    @BeforeEach
    void open() throws Exception {
        journal = SqliteJournal.open(JournalSettings.of(dir.resolve("outbox.db"), "gw-s"), Clock.systemUTC());
        // seq 1..12: per round L1 arrival, L1 plate read, L1 decision, L2 arrival, L2 decision, a gateway-wide event
        for (int i = 0; i < 2; i++) {
            append(EventType.VEHICLE_ARRIVED, "L1");
            append(EventType.PLATE_READ, "L1");
            append(EventType.DECISION, "L1");
            append(EventType.VEHICLE_ARRIVED, "L2");
            append(EventType.DECISION, "L2");
            append(EventType.DEVICE_FAULT, null);
        }
        tokens = new TokenStore(dir.resolve("access/agency-tokens.json"), clock);
        borderGuard = tokens.issue(Agency.BORDER_GUARD, "border guard post", Set.of("VEHICLE_ARRIVED", "DECISION"), Set.of("L1"), "sup1");
        audit = new PullAudit(() -> journal, clock, Duration.ofMinutes(5));
        api = new PullApi(journal, "customs-central-secret", () -> tokens, audit);
    }

    private void append(EventType type, String lane) throws Exception {
        journal.append(EventDraft.of(type, lane, T0, Map.of("n", 1)));
    }

    @AfterEach
    void close() {
        journal.close();
    }

    private String bg() {
        return "Bearer " + borderGuard.secret();
    }

    @SuppressWarnings("unchecked")
    private static List<String> seqTypes(PullApi.Answer a) {
        return ((List<Map<String, Object>>) a.body().get("events")).stream()
                .map(e -> e.get("seq") + ":" + e.get("type") + ":" + e.get("laneId")).toList();
    }

    @Test
    void aBorderGuardTokenSeesOnlyItsScopeAndTheCursorStillAdvances() {
        PullApi.Answer all = api.events(bg(), "0", "100", null, null);
        assertEquals(200, all.status());
        assertEquals(List.of("1:VEHICLE_ARRIVED:L1", "3:DECISION:L1", "7:VEHICLE_ARRIVED:L1", "9:DECISION:L1"), seqTypes(all));
        assertEquals(12L, all.body().get("next"), "skipped foreign events still move the cursor");

        PullApi.Answer page = api.events(bg(), "0", "2", null, null);
        assertEquals(List.of("1:VEHICLE_ARRIVED:L1", "3:DECISION:L1"), seqTypes(page));
        assertEquals(3L, page.body().get("next"));
        PullApi.Answer rest = api.events(bg(), "3", "2", null, null);
        assertEquals(List.of("7:VEHICLE_ARRIVED:L1", "9:DECISION:L1"), seqTypes(rest));
        PullApi.Answer end = api.events(bg(), "9", "2", null, null);
        assertEquals(List.of(), seqTypes(end));
        assertEquals(12L, end.body().get("next"));

        PullApi.Answer decisions = api.events(bg(), "0", "100", "L1", "decision");
        assertEquals(List.of("3:DECISION:L1", "9:DECISION:L1"), seqTypes(decisions));
    }

    @Test
    void aLaneOrEventTypeOutsideTheScopeIs403() {
        PullApi.Answer lane = api.events(bg(), "0", "100", "L2", null);
        assertEquals(403, lane.status());
        assertEquals(Map.of("error", "forbidden", "parameter", "lane", "message", "lane L2 is outside this token's scope"), lane.body());
        PullApi.Answer type = api.events(bg(), "0", "100", null, "DECISION,PLATE_READ");
        assertEquals(403, type.status());
        assertEquals("type", type.body().get("parameter"));
        assertEquals(400, api.events(bg(), "0", "100", null, "PARKING").status());
    }

    @Test
    void theConfiguredPullTokenReadsEverythingAndFiltersOnRequest() {
        PullApi.Answer all = api.events("Bearer customs-central-secret", "0", "100", null, null);
        assertEquals(12, seqTypes(all).size());
        PullApi.Answer l2 = api.events("Bearer customs-central-secret", "0", "100", "L2", null);
        assertEquals(List.of("4:VEHICLE_ARRIVED:L2", "5:DECISION:L2", "10:VEHICLE_ARRIVED:L2", "11:DECISION:L2"), seqTypes(l2));
    }

    @Test
    void aRevokedTokenGets401() {
        assertEquals(200, api.events(bg(), "0", "10", null, null).status());
        tokens.revoke(borderGuard.token().id(), "sup1");
        PullApi.Answer a = api.events(bg(), "0", "10", null, null);
        assertEquals(401, a.status());
        assertEquals("unauthorized", a.body().get("error"));
        assertEquals(401, api.events("Bearer bep_not-a-token", "0", "10", null, null).status());
    }

    @Test
    void pullsAreAuditedOneEventPerTokenAndWindow() {
        for (int i = 0; i < 50; i++) {
            api.events(bg(), "0", "100", null, null);
        }
        api.events(bg(), "0", "100", "L2", null);
        api.events("Bearer customs-central-secret", "0", "5", null, null);
        api.events("Bearer wrong", "0", "5", null, null);
        assertTrue(journal.readAfter(12, 100).isEmpty(), "nothing journalled inside the window");

        clock.advance(Duration.ofMinutes(5));
        audit.flushDue();

        List<GateEvent> audits = journal.readAfter(12, 100);
        assertEquals(3, audits.size(), "one AUDIT event per principal: border guard, pull token, unauthenticated");
        assertTrue(audits.stream().allMatch(e -> e.type() == EventType.AUDIT && e.priority().name().equals("CRITICAL")));
        Map<String, Object> bgAudit = audits.stream().map(GateEvent::payload)
                .filter(p -> borderGuard.token().id().equals(p.get("principal"))).findFirst().orElseThrow();
        assertEquals("API_PULLS", bgAudit.get("action"));
        assertEquals("border-guard", bgAudit.get("agency"));
        assertEquals(51L, ((Number) bgAudit.get("pulls")).longValue());
        assertEquals(50L, ((Number) bgAudit.get("ok")).longValue());
        assertEquals(1L, ((Number) bgAudit.get("forbidden")).longValue());
        assertEquals(200L, ((Number) bgAudit.get("events")).longValue());
        assertEquals(Map.of("lane=L2", 1), bgAudit.get("filters"));
        Map<String, Object> unknown = audits.stream().map(GateEvent::payload)
                .filter(p -> "unauthenticated".equals(p.get("principal"))).findFirst().orElseThrow();
        assertEquals(1L, ((Number) unknown.get("unauthenticated")).longValue());

        // The border guard's scope does not include the gateway-wide audit events.
        assertEquals(List.of(), seqTypes(api.events(bg(), "12", "100", null, null)));
    }
}
