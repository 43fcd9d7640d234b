package org.borderedge.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.borderedge.core.EventType;
import org.borderedge.core.GateEvent;
import org.borderedge.core.Priority;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The access rules of design.md section 3 and the console's own, over real HTTP. */
class ConsoleSecurityIT {

    @TempDir
    Path dataDir;
    ConsoleHarness harness;

    @BeforeEach
    void start() throws Exception {
        harness = new ConsoleHarness(dataDir, true);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    private static Map<String, String> override(String action, String reason) {
        return reason == null ? Map.of("action", action) : Map.of("action", action, "reason", reason);
    }

    @Test
    void unauthenticatedIs401BeforeCsrfIsLookedAt() throws Exception {
        Http anon = new Http(harness.base);
        assertEquals(401, anon.get("/api/v1/lanes").status());
        assertEquals(401, anon.post("/api/v1/lanes/L1/override", override("OPEN", "test"), false).status());
        assertEquals(401, anon.get("/console/api/devices").status());
        assertEquals(401, anon.get("/console/api/audit").status());
        anon.cookie = "BE_SESSION=forged-session-id";
        assertEquals(401, anon.post("/api/v1/lanes/L1/override", override("OPEN", "test"), false).status());
    }

    @Test
    void lanesListedForAnyLoggedInRole() throws Exception {
        Http viewer = new Http(harness.base);
        assertEquals(200, viewer.login(ConsoleHarness.VIEWER, ConsoleHarness.VIEWER_PASSWORD).status());
        Http.Reply r = viewer.get("/api/v1/lanes");
        assertEquals(200, r.status());
        JsonNode lanes = r.json().get("lanes");
        assertEquals(2, lanes.size());
        assertEquals("L1", lanes.get(0).get("id").asText());
        assertEquals("IDLE", lanes.get(0).get("state").asText());
        assertTrue(lanes.get(0).has("vehicle"));
    }

    @Test
    void viewerMayNotOverride() throws Exception {
        Http viewer = new Http(harness.base);
        viewer.login(ConsoleHarness.VIEWER, ConsoleHarness.VIEWER_PASSWORD);
        Http.Reply r = viewer.post("/api/v1/lanes/L1/override", override("OPEN", "test"), true);
        assertEquals(403, r.status());
        assertEquals("forbidden", r.json().get("error").asText());
        assertEquals("IDLE", harness.lanes.lanes().get(0).state());
    }

    @Test
    void technicianNeedsCsrfThenReasonThenInterlockAllows() throws Exception {
        Http tech = new Http(harness.base);
        assertEquals(200, tech.login(ConsoleHarness.TECHNICIAN, ConsoleHarness.TECHNICIAN_PASSWORD).status());

        Http.Reply noCsrf = tech.post("/api/v1/lanes/L1/override", override("OPEN", "truck stuck"), false);
        assertEquals(403, noCsrf.status());
        assertEquals("csrf", noCsrf.json().get("error").asText());

        String good = tech.csrf;
        tech.csrf = "not-the-token";
        assertEquals(403, tech.post("/api/v1/lanes/L1/override", override("OPEN", "truck stuck"), true).status());
        tech.csrf = good;

        assertEquals(400, tech.post("/api/v1/lanes/L1/override", override("OPEN", null), true).status());
        assertEquals(400, tech.post("/api/v1/lanes/L1/override", override("OPEN", "   "), true).status());
        assertEquals(400, tech.post("/api/v1/lanes/L1/override", override("FLY", "why not"), true).status());
        assertEquals(404, tech.post("/api/v1/lanes/L9/override", override("OPEN", "no such lane"), true).status());
        assertEquals("IDLE", harness.lanes.lanes().get(0).state(), "refused requests must not reach the lane");

        Http.Reply ok = tech.post("/api/v1/lanes/L1/override", override("OPEN", "QR reader down, papers checked by hand"), true);
        assertEquals(200, ok.status(), ok.body());
        assertEquals("MANUAL_OPEN", harness.lanes.lanes().get(0).state());
        JsonNode lane = tech.get("/api/v1/lanes").json().get("lanes").get(0);
        assertEquals("OPEN", lane.get("manual").get("action").asText());
        assertEquals("tech", lane.get("manual").get("user").asText());
    }

    @Test
    void interlockRefusalIs409AndAudited() throws Exception {
        Http tech = new Http(harness.base);
        tech.login(ConsoleHarness.TECHNICIAN, ConsoleHarness.TECHNICIAN_PASSWORD);
        harness.lanes.set("L1", "PASSING");
        Http.Reply r = tech.post("/api/v1/lanes/L1/override", override("CLOSE", "close now"), true);
        assertEquals(409, r.status());
        assertTrue(r.json().get("message").asText().contains("loop occupied"));
        assertEquals("PASSING", harness.lanes.lanes().get(0).state());
        AuditTrail.Entry last = harness.console.auditLatest(1).get(0);
        assertEquals("OVERRIDE_REFUSED", last.action());
        assertEquals("L1", last.lane());
    }

    @Test
    void pullTokenAndUnknownBearerAreRejectedButApiTokenWorksWithoutCsrf() throws Exception {
        Http anyone = new Http(harness.base);
        assertEquals(401, anyone.get("/api/v1/lanes", "pull-token-from-org.borderedge.api.http").status());
        assertEquals(401, anyone.postBearer("/api/v1/lanes/L1/override", override("OPEN", "x"), "bet_guessed").status());

        Http chief = new Http(harness.base);
        chief.login(ConsoleHarness.SUPERVISOR, ConsoleHarness.SUPERVISOR_PASSWORD);
        Http.Reply created = chief.post("/console/api/tokens", Map.of("user", ConsoleHarness.TECHNICIAN, "label", "lane PLC"), true);
        assertEquals(201, created.status(), created.body());
        String token = created.json().get("token").asText();
        assertFalse(Files.readString(dataDir.resolve("users.json")).contains(token), "token stored in clear");

        assertEquals(200, anyone.get("/api/v1/lanes", token).status());
        Http.Reply r = anyone.postBearer("/api/v1/lanes/L2/override", override("HOLD", "central asked to hold"), token);
        assertEquals(200, r.status(), r.body());
        assertEquals("MANUAL_HOLD", harness.lanes.lanes().get(1).state());
    }

    @Test
    void repeatedBadLoginsAreThrottledEvenWithTheRightPassword() throws Exception {
        Http attacker = new Http(harness.base);
        for (int i = 0; i < 4; i++) {
            assertEquals(401, attacker.login(ConsoleHarness.TECHNICIAN, "wrong-password-" + i).status());
        }
        // the fifth failure starts the lock
        assertEquals(401, attacker.login(ConsoleHarness.TECHNICIAN, "wrong-password-5").status());
        Http.Reply locked = attacker.login(ConsoleHarness.TECHNICIAN, ConsoleHarness.TECHNICIAN_PASSWORD);
        assertEquals(429, locked.status());
        assertTrue(Integer.parseInt(locked.raw().headers().firstValue("Retry-After").orElseThrow()) > 0);
        assertEquals(null, attacker.cookie);
        String metrics = new Http(harness.base).get("/metrics").body();
        assertTrue(metrics.contains("borderedge_console_login_failures_total 6"), metrics);
    }

    @Test
    void tamperedAuditEntryIsDetected() throws Exception {
        Http tech = new Http(harness.base);
        tech.login(ConsoleHarness.TECHNICIAN, ConsoleHarness.TECHNICIAN_PASSWORD);
        assertEquals(200, tech.post("/api/v1/lanes/L1/override", override("OPEN", "barrier motor test"), true).status());
        tech.login(ConsoleHarness.TECHNICIAN, ConsoleHarness.TECHNICIAN_PASSWORD);

        Http chief = new Http(harness.base);
        chief.login(ConsoleHarness.SUPERVISOR, ConsoleHarness.SUPERVISOR_PASSWORD);
        JsonNode before = chief.get("/console/api/audit/verify").json();
        assertTrue(before.get("ok").asBoolean(), before.toString());
        assertEquals(403, tech.get("/console/api/audit/verify").status(), "technicians do not read the audit log");

        Path file = dataDir.resolve("audit.jsonl");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int idx = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("barrier motor test")) {
                idx = i;
            }
        }
        assertNotEquals(-1, idx);
        lines.set(idx, lines.get(idx).replace("barrier motor test", "routine check"));
        Files.write(file, lines, StandardCharsets.UTF_8);

        JsonNode after = chief.get("/console/api/audit/verify").json();
        assertFalse(after.get("ok").asBoolean());
        assertEquals(idx + 1, after.get("firstBadSeq").asInt());
        AuditCommands cmd = new AuditCommands();
        var f = AuditCommands.class.getDeclaredField("runtime");
        f.setAccessible(true);
        f.set(cmd, (ConsoleRuntime) () -> harness.console);
        assertTrue(cmd.auditverify().startsWith("audit chain BROKEN at entry " + (idx + 1)), cmd.auditverify());
        assertEquals("refused: password must have at least 10 characters", cmd.adduser("op", "viewer", "short"));
        assertEquals("created viewer op", cmd.adduser("op", "viewer", "Operator-2026"));
        assertEquals(200, new Http(harness.base).login("op", "Operator-2026").status());
    }

    @Test
    void loginsAndOverridesReachTheOutboxAsCriticalEvents() throws Exception {
        Http tech = new Http(harness.base);
        tech.login(ConsoleHarness.TECHNICIAN, ConsoleHarness.TECHNICIAN_PASSWORD);
        tech.post("/api/v1/lanes/L1/override", override("HOLD", "suspicious seal"), true);
        List<GateEvent> events = harness.outbox.all();
        GateEvent login = events.stream().filter(e -> e.type() == EventType.USER_LOGIN).reduce((a, b) -> b).orElseThrow();
        assertEquals("tech", login.payload().get("user"));
        assertEquals(Priority.CRITICAL, login.priority());
        GateEvent ov = events.stream().filter(e -> e.type() == EventType.AUDIT && "OVERRIDE".equals(e.payload().get("action")))
                .findFirst().orElseThrow();
        assertTrue(events.stream().noneMatch(e -> e.type() == EventType.MANUAL_OVERRIDE),
                "the lane journals MANUAL_OVERRIDE itself; the console only anchors its audit entry");
        assertEquals("L1", ov.laneId());
        assertEquals(Priority.CRITICAL, ov.priority());
        assertEquals(64, ov.payload().get("auditHash").toString().length());
        // the audit event for the bootstrap supervisor went out too
        assertTrue(events.stream().anyMatch(e -> e.type() == EventType.AUDIT));
    }

    @Test
    void metricsNeedNoAuthAndCarryNoSecrets() throws Exception {
        harness.lanes.advance();
        for (int i = 0; i < CyclingLaneSource.CYCLE.length - 1; i++) {
            harness.lanes.advance();
        }
        Http tech = new Http(harness.base);
        tech.login(ConsoleHarness.TECHNICIAN, ConsoleHarness.TECHNICIAN_PASSWORD);
        Http.Reply r = new Http(harness.base).get("/metrics");
        assertEquals(200, r.status());
        assertTrue(r.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        String m = r.body();
        assertTrue(m.contains("borderedge_lane_cycles_total{lane=\"L1\"} 1"), m);
        assertTrue(m.contains("borderedge_lane_decisions_total{lane=\"L1\",outcome=\"RELEASE\"} 1"), m);
        assertTrue(m.contains("borderedge_lane_stage_duration_seconds_bucket{lane=\"L1\",stage=\"weighing\",le=\"+Inf\"} 1"), m);
        assertTrue(m.contains("borderedge_outbox_pending"), m);
        assertTrue(m.contains("borderedge_sync_lag_events"), m);
        for (String secret : List.of(ConsoleHarness.TECHNICIAN_PASSWORD, ConsoleHarness.SUPERVISOR_PASSWORD, tech.csrf,
                tech.cookie.substring(tech.cookie.indexOf('=') + 1), "argon2")) {
            assertFalse(m.contains(secret), "metrics leak " + secret);
        }
    }

    @Test
    void sessionCookieIsHttpOnlyAndStrict() throws Exception {
        Http tech = new Http(harness.base);
        Http.Reply r = tech.login(ConsoleHarness.TECHNICIAN, ConsoleHarness.TECHNICIAN_PASSWORD);
        String setCookie = r.raw().headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly"));
        assertTrue(setCookie.contains("SameSite=Strict"));
        assertEquals(200, tech.post("/console/api/logout", Map.of(), true).status());
        assertEquals(401, tech.get("/api/v1/lanes").status(), "session must end at logout");
    }

    @Test
    void firstStartWithoutBootstrapNeedsTheOneTimeSetupToken(@TempDir Path fresh) throws Exception {
        try (ConsoleHarness h = new ConsoleHarness(fresh, false)) {
            Http anon = new Http(h.base);
            assertTrue(anon.get("/console/api/session").json().get("setupRequired").asBoolean());
            assertEquals(401, anon.login("admin", "admin").status(), "no default credentials");
            String token = h.console.setupToken().orElseThrow();
            Map<String, String> body = Map.of("token", "wrong", "user", "boss", "password", "Boss-pass-2026");
            assertEquals(403, anon.post("/console/api/setup", body, false).status());
            Map<String, String> weak = Map.of("token", token, "user", "boss", "password", "short");
            assertEquals(400, anon.post("/console/api/setup", weak, false).status());
            Map<String, String> good = Map.of("token", token, "user", "boss", "password", "Boss-pass-2026");
            Http.Reply r = anon.post("/console/api/setup", good, false);
            assertEquals(200, r.status(), r.body());
            assertEquals("supervisor", r.json().get("role").asText());
            assertEquals(409, anon.post("/console/api/setup", good, false).status(), "the token works once");
            assertTrue(h.console.setupToken().isEmpty());
            String users = Files.readString(fresh.resolve("users.json"));
            assertFalse(users.contains("Boss-pass-2026"));
            assertTrue(users.contains("$argon2id$"));
        }
    }

    @Test
    void aWeakBootstrapPasswordFallsBackToTheSetupToken(@TempDir Path fresh) {
        ConsoleSettings s = ConsoleSettings.defaults(fresh, java.time.ZoneId.of("Asia/Ho_Chi_Minh"))
                .withBootstrap("admin", "admin");
        try (Console c = new Console(s, java.time.Clock.systemUTC(), harness)) {
            assertTrue(c.users.isEmpty());
            assertTrue(c.setupToken().isPresent());
        }
    }

    @Test
    void bootstrapIsIgnoredOnceAUserExists() throws Exception {
        harness.close();
        ConsoleSettings s = ConsoleSettings.defaults(dataDir, java.time.ZoneId.of("Asia/Ho_Chi_Minh"))
                .withBootstrap("intruder", "Intruder-pass-2026");
        try (Console c = new Console(s, java.time.Clock.systemUTC(), harness)) {
            assertTrue(c.users.user("intruder").isEmpty());
            assertTrue(c.users.user(ConsoleHarness.SUPERVISOR).isPresent());
        }
        harness = new ConsoleHarness(dataDir, false);
    }
}
