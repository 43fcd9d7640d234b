package org.borderedge.seal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.borderedge.console.ConsoleAccess;
import org.borderedge.core.EventType;
import org.borderedge.device.Observation;
import org.borderedge.outbox.internal.JournalSettings;
import org.borderedge.outbox.internal.SqliteJournal;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seals API in embedded Jetty 12 on a free port over the real inventory and journal. The
 * console's authentication is represented by a stand-in with ConsoleAccess's contract (the real one
 * is tested in the console bundle): "Bearer tech" is a technician, "Bearer guard" a viewer.
 */
class SealApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private SqliteJournal journal;
    private SqliteSealInventory inventory;
    private Server server;
    private String base;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        journal = SqliteJournal.open(JournalSettings.of(dir.resolve("outbox.db"), "gw-1"), Clock.systemUTC());
        inventory = new SqliteSealInventory(dir.resolve("seals.db"), journal, Clock.systemUTC(), 20);
        ConsoleAccess access = (HttpServletRequest req, String role) -> {
            String a = req.getHeader("Authorization");
            if ("Bearer tech".equals(a)) {
                return new ConsoleAccess.Check(200, "tech", "technician", "");
            }
            if ("Bearer guard".equals(a)) {
                return ConsoleAccess.VIEWER.equals(role) ? new ConsoleAccess.Check(200, "guard", "viewer", "")
                        : new ConsoleAccess.Check(403, "guard", "viewer", "needs the " + role + " role");
            }
            return new ConsoleAccess.Check(401, "", "", "log in first");
        };
        server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler ctx = new ServletContextHandler("/");
        ServletHolder holder = new ServletHolder("seals", new SealServlet(inventory, access));
        ctx.getServletHandler().addServlet(holder);
        org.eclipse.jetty.ee11.servlet.ServletMapping m = new org.eclipse.jetty.ee11.servlet.ServletMapping();
        m.setServletName("seals");
        m.setPathSpecs(new String[] {"/api/v1/seals", "/api/v1/seals/*", "/console/seals", "/console/seals/*"});
        ctx.getServletHandler().addServletMapping(m);
        server.setHandler(ctx);
        server.start();
        base = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        inventory.close();
        journal.close();
    }

    private HttpResponse<String> send(String method, String path, String auth, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> step(String seal, String json) throws Exception {
        return send("POST", "/api/v1/seals/" + seal + "/transitions", "Bearer tech", json);
    }

    @Test
    void officersWalkASealThroughItsLifeAndIllegalStepsAreRefusedWithAReason() throws Exception {
        assertEquals(401, send("GET", "/api/v1/seals", null, null).statusCode());
        assertEquals(403, send("GET", "/api/v1/seals", "Bearer guard", null).statusCode());
        assertEquals(401, send("POST", "/api/v1/seals/ES-9/transitions", null, "{\"action\":\"ASSIGN\"}").statusCode());

        assertEquals(400, step("ES-9", "{\"action\":\"ASSIGN\",\"declarationId\":\"TK-1\"}").statusCode(), "reason required");
        assertEquals(400, step("ES-9", "{\"action\":\"STEAL\",\"reason\":\"x\"}").statusCode());
        assertEquals(404, step("ES-9", "{\"action\":\"APPLY\",\"reason\":\"x\"}").statusCode());
        HttpResponse<String> assigned = step("ES-9", "{\"action\":\"ASSIGN\",\"reason\":\"transit\",\"declarationId\":\"TK-1\",\"vehicle\":\"29C-123.45\"}");
        assertEquals(200, assigned.statusCode(), assigned.body());
        assertEquals("ASSIGNED", JSON.readTree(assigned.body()).path("state").asText());

        HttpResponse<String> illegal = step("ES-9", "{\"action\":\"REMOVE\",\"reason\":\"too early\"}");
        assertEquals(409, illegal.statusCode());
        assertEquals("REMOVE refused: seal is ASSIGNED; only an APPLIED seal can be removed",
                JSON.readTree(illegal.body()).path("message").asText());

        for (String a : new String[] {"APPLY", "REMOVE", "RETURN"}) {
            HttpResponse<String> r = step("ES-9", "{\"action\":\"" + a + "\",\"reason\":\"gate step\"}");
            assertEquals(200, r.statusCode(), a + ": " + r.body());
        }
        JsonNode returned = JSON.readTree(send("GET", "/api/v1/seals?state=returned", "Bearer tech", null).body());
        assertEquals("ES-9", returned.path("seals").get(0).path("sealId").asText());
        assertEquals(0, JSON.readTree(send("GET", "/api/v1/seals?state=APPLIED", "Bearer tech", null).body()).path("seals").size());
        assertEquals(400, send("GET", "/api/v1/seals?state=LOST", "Bearer tech", null).statusCode());

        // a tamper report from a reader: the seal shows up under FAULTY for repair
        inventory.sighted(new Observation.SealObserved("ES-7", Observation.SealLock.TAMPERED, 55, null, null, Instant.now()), "L1", "eseal-1");
        JsonNode faulty = JSON.readTree(send("GET", "/api/v1/seals?state=FAULTY", "Bearer tech", null).body());
        assertEquals("ES-7", faulty.path("seals").get(0).path("sealId").asText());
        assertTrue(faulty.path("seals").get(0).path("fault").asText().startsWith("tamper"));
        assertEquals(200, send("GET", "/api/v1/seals/ES-7", "Bearer tech", null).statusCode());

        long events = journal.readAfter(0, 100).stream().filter(e -> e.type() == EventType.SEAL_LIFECYCLE).count();
        assertEquals(5, events, "four officer steps and the reader's fault, nothing for refused steps");

        HttpResponse<String> page = send("GET", "/console/seals/", null, null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("E-seal inventory"));
    }
}
