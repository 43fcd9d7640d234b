package org.borderedge.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.borderedge.core.Channel;
import org.borderedge.core.Declaration;
import org.borderedge.launcher.LaunchOptions;
import org.borderedge.launcher.Launcher;
import org.borderedge.launcher.Main;
import org.borderedge.launcher.RunningGateway;
import org.borderedge.sim.broker.MosquittoBroker;
import org.borderedge.sim.central.CentralSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox, MQTT sync and pull API bundles inside the real framework: configured from the site
 * file, the gateway announces itself to the central, applies signed reference data (SQLite inside
 * OSGi), journals it, delivers the event over MQTT, and serves it on the pull API with the token.
 */
class SyncGatewayIT {

    static final String KEY = "feature-test-key-0123456789";

    @TempDir
    Path dir;

    @Test
    void syncAndPullApiWorkInsideTheFramework() throws Exception {
        assumeTrue(MosquittoBroker.available(), "mosquitto not installed");
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
                CentralSimulator central = CentralSimulator.start(broker.url(), "borderedge", KEY.getBytes(StandardCharsets.UTF_8))) {
            Path site = Files.writeString(dir.resolve("site.yaml"), """
                    schemaVersion: 1
                    gateway: { id: VN-SYNC-01, name: Sync gate, timeZone: Asia/Ho_Chi_Minh }
                    lanes:
                      - { id: IMP-1, type: road-import }
                    configurations:
                      org.borderedge.sync.mqtt: { brokerUrl: "%s", hmacKey: "%s", reconnectMinMs: 100 }
                      org.borderedge.api.http: { pullToken: "pull-secret-1" }
                    """.formatted(broker.url(), KEY));
            RunningGateway gateway = Launcher.start(LaunchOptions.of(site, dir.resolve("data"), Main.freePort()));
            try {
                gateway.awaitUp(Duration.ofSeconds(60));
                assertEquals(List.of(), gateway.inactiveBundles());
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (central.status("VN-SYNC-01").isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertEquals("online", central.status("VN-SYNC-01").orElseThrow().path("status").asText(), "birth from the framework");

                String ref = central.publishDeclarations("VN-SYNC-01", 7, List.of(new Declaration("D-7", Set.of("51F67890"),
                        Set.of(), Set.of(), new BigDecimal("20000"), Channel.GREEN)));
                JsonNode reply = central.awaitReply(ref, Duration.ofSeconds(20)).orElseThrow();
                assertEquals("accepted", reply.path("status").asText(), reply.toString());
                assertTrue(central.awaitReceived("VN-SYNC-01", 1, Duration.ofSeconds(20)), "REFERENCE_DATA_APPLIED delivered");

                HttpClient http = HttpClient.newHttpClient();
                URI events = URI.create(gateway.baseUrl() + "/api/v1/events?after=0&limit=10");
                assertEquals(401, http.send(HttpRequest.newBuilder(events).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
                HttpResponse<String> ok = http.send(HttpRequest.newBuilder(events).header("Authorization", "Bearer pull-secret-1").build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, ok.statusCode(), ok.body());
                JsonNode page = new ObjectMapper().readTree(ok.body());
                assertEquals("REFERENCE_DATA_APPLIED", page.path("events").get(0).path("type").asText(), ok.body());
                HttpResponse<String> openapi = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/api/v1/openapi.json")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, openapi.statusCode());
                assertTrue(openapi.body().contains("/api/v1/events"));
            } finally {
                gateway.stop(Duration.ofSeconds(30));
            }
        }
    }
}
