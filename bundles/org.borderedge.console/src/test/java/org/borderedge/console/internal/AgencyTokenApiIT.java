package org.borderedge.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.borderedge.access.internal.TokenStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Supervisors issue and revoke agency pull tokens over real HTTP; every step is in the hash-chained audit. */
class AgencyTokenApiIT {

    @TempDir
    Path dataDir;
    ConsoleHarness harness;
    TokenStore tokens;

    @BeforeEach
    void start() throws Exception {
        harness = new ConsoleHarness(dataDir.resolve("console"), true);
        tokens = new TokenStore(dataDir.resolve("access/agency-tokens.json"), Clock.systemUTC());
        harness.agencyTokens = tokens;
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    static final Map<String, Object> BORDER_GUARD = Map.of("agency", "border-guard", "label", "Huu Nghi post",
            "eventTypes", List.of("VEHICLE_ARRIVED", "DECISION"), "lanes", List.of("L1"));

    @Test
    void onlyASupervisorWithCsrfIssuesTokens() throws Exception {
        Http anon = new Http(harness.base);
        assertEquals(401, anon.get("/console/api/agency-tokens").status());
        assertEquals(401, anon.post("/console/api/agency-tokens", BORDER_GUARD, false).status());

        Http tech = new Http(harness.base);
        tech.login(ConsoleHarness.TECHNICIAN, ConsoleHarness.TECHNICIAN_PASSWORD);
        assertEquals(403, tech.get("/console/api/agency-tokens").status());
        assertEquals(403, tech.post("/console/api/agency-tokens", BORDER_GUARD, true).status());

        Http chief = new Http(harness.base);
        chief.login(ConsoleHarness.SUPERVISOR, ConsoleHarness.SUPERVISOR_PASSWORD);
        Http.Reply noCsrf = chief.post("/console/api/agency-tokens", BORDER_GUARD, false);
        assertEquals(403, noCsrf.status());
        assertEquals("csrf", noCsrf.json().get("error").asText());
        assertTrue(tokens.list().isEmpty());

        Http.Reply bad = chief.post("/console/api/agency-tokens", Map.of("agency", "police"), true);
        assertEquals(400, bad.status());
        assertEquals(400, chief.post("/console/api/agency-tokens",
                Map.of("agency", "quarantine", "eventTypes", List.of("PARKING")), true).status());
    }

    @Test
    void aTokenIsShownOnceRevokedAndBothAreAudited() throws Exception {
        Http chief = new Http(harness.base);
        chief.login(ConsoleHarness.SUPERVISOR, ConsoleHarness.SUPERVISOR_PASSWORD);
        Http.Reply created = chief.post("/console/api/agency-tokens", BORDER_GUARD, true);
        assertEquals(201, created.status());
        String secret = created.json().get("token").asText();
        String id = created.json().get("id").asText();
        assertTrue(secret.startsWith("bep_"));
        assertEquals("border-guard", tokens.authenticate(secret).orElseThrow().agency().wireName());

        Http.Reply list = chief.get("/console/api/agency-tokens");
        assertEquals(200, list.status());
        assertFalse(list.body().contains(secret), "the list never shows a secret");
        JsonNode t = list.json().get("tokens").get(0);
        assertEquals(id, t.get("id").asText());
        assertEquals("[\"DECISION\",\"VEHICLE_ARRIVED\"]", t.get("eventTypes").toString());
        assertEquals("[\"L1\"]", t.get("lanes").toString());
        assertTrue(t.get("active").asBoolean());
        assertFalse(Files.readString(dataDir.resolve("access/agency-tokens.json")).contains(secret));

        assertEquals(403, chief.post("/console/api/agency-tokens/" + id + "/revoke", Map.of(), false).status());
        Http.Reply revoked = chief.post("/console/api/agency-tokens/" + id + "/revoke", Map.of(), true);
        assertEquals(200, revoked.status());
        assertFalse(revoked.json().get("active").asBoolean());
        assertEquals(ConsoleHarness.SUPERVISOR, revoked.json().get("revokedBy").asText());
        assertTrue(tokens.authenticate(secret).isEmpty(), "a revoked token authenticates nobody");
        assertEquals(404, chief.post("/console/api/agency-tokens/agt-000000000000/revoke", Map.of(), true).status());
        Http.Reply again = chief.post("/console/api/agency-tokens/" + id + "/revoke", Map.of(), true);
        assertEquals(200, again.status(), "revoking twice is harmless");
        assertEquals(revoked.json().get("revokedAt").asText(), again.json().get("revokedAt").asText());

        List<String> actions = harness.console.auditLatest(10).stream().map(AuditTrail.Entry::action).toList();
        assertEquals("AGENCY_TOKEN_REVOKED", actions.get(0));
        assertEquals("AGENCY_TOKEN_CREATED", actions.get(1), "one revocation in the audit, however often it was asked: " + actions);
        AuditTrail.Entry createdEntry = harness.console.auditLatest(10).get(1);
        assertEquals(id, createdEntry.detail().get("id"));
        assertFalse(createdEntry.toMap().toString().contains(secret), "the audit log never holds the secret");
        assertTrue(harness.console.audit.verify().ok());
    }

    @Test
    void withoutTheTokenServiceItIs503() throws Exception {
        harness.agencyTokens = null;
        Http chief = new Http(harness.base);
        chief.login(ConsoleHarness.SUPERVISOR, ConsoleHarness.SUPERVISOR_PASSWORD);
        assertEquals(503, chief.get("/console/api/agency-tokens").status());
    }
}
