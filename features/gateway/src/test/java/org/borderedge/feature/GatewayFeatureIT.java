package org.borderedge.feature;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.borderedge.launcher.LaunchOptions;
import org.borderedge.launcher.Launcher;
import org.borderedge.launcher.Main;
import org.borderedge.launcher.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the real framework with the real bundles of the gateway feature, as the runnable jar does. */
class GatewayFeatureIT {

    @TempDir
    static Path dir;
    static RunningGateway gateway;
    static String healthJson;

    @BeforeAll
    static void start() throws Exception {
        Path site = Files.writeString(dir.resolve("site.yaml"), """
                schemaVersion: 1
                gateway: { id: VN-IT-01, name: Integration gate, timeZone: Asia/Ho_Chi_Minh }
                lanes:
                  - { id: IMP-1, type: road-import }
                  - { id: EXP-1, type: road-export }
                """);
        gateway = Launcher.start(LaunchOptions.of(site, dir.resolve("data"), Main.freePort()));
        healthJson = gateway.awaitUp(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.stop(Duration.ofSeconds(30));
        }
    }

    @Test
    void everyBundleIsActive() {
        assertEquals(List.of(), gateway.inactiveBundles(), "bundles that did not start (resolution error?)");
    }

    @Test
    void bareAddressLeadsToTheConsoleAndUnknownPathsAreJson404() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> root = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(gateway.baseUrl() + "/")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(302, root.statusCode());
        assertTrue(root.headers().firstValue("Location").orElse("").endsWith("/console/"), root.headers().toString());
        java.net.http.HttpResponse<String> missing = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(gateway.baseUrl() + "/no/such/page")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("/no/such/page"), missing.body());
    }

    @Test
    void healthIsUpWithTheContractFields() throws Exception {
        assertNotNull(healthJson, "health endpoint did not answer");
        JsonNode h = new ObjectMapper().readTree(healthJson);
        assertEquals("UP", h.path("status").asText(), healthJson);
        List<String> bundleProblems = new ArrayList<>();
        for (JsonNode b : h.path("bundles")) {
            boolean fragment = b.path("fragment").asBoolean();
            String expected = fragment ? "RESOLVED" : "ACTIVE";
            if (!expected.equals(b.path("state").asText())) {
                bundleProblems.add(b.path("name").asText() + " " + b.path("state").asText());
            }
        }
        assertEquals(List.of(), bundleProblems);
        assertTrue(h.path("bundles").size() > 25, "the whole feature is installed");
        assertEquals(2, h.path("lanes").size());
        assertEquals("road-export", h.path("lanes").get(0).path("type").asText());
        assertEquals("EXP-1", h.path("lanes").get(0).path("id").asText());
        assertTrue(h.path("lanes").get(0).has("state"));
        assertTrue(h.path("outbox").has("pending"));
        assertTrue(h.path("outbox").has("oldestPendingAgeMs"));
        assertTrue(h.path("devices").isArray());
    }
}
