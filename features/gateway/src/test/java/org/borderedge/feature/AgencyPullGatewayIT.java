package org.borderedge.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.borderedge.launcher.LaunchOptions;
import org.borderedge.launcher.Launcher;
import org.borderedge.launcher.Main;
import org.borderedge.launcher.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real gateway: a supervisor issues a border-guard token in the console, the token pulls only its
 * scope from the pull API, and is refused once revoked; a resident-trade lane comes up in health.
 */
class AgencyPullGatewayIT {

    @TempDir
    static Path dir;
    static RunningGateway gateway;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        Path site = Files.writeString(dir.resolve("site.yaml"), """
                schemaVersion: 1
                gateway: { id: VN-IT-02, name: Agency gate, timeZone: Asia/Ho_Chi_Minh }
                lanes:
                  - { id: IMP-1, type: road-import }
                  - id: RES-1
                    type: resident-trade
                    options: { check.plate: false, check.weight: false, check.seal: false, resident.quota.vnd: 2000000 }
                configurations:
                  org.borderedge.api.http: { pullToken: customs-central-it-token }
                  org.borderedge.console: { bootstrapAdminUser: chief, bootstrapAdminPassword: Chief-pass-2026 }
                """);
        gateway = Launcher.start(LaunchOptions.of(site, dir.resolve("data"), Main.freePort()));
        gateway.awaitUp(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.stop(Duration.ofSeconds(30));
        }
    }

    static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> pull(String token, String query) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/api/v1/events?" + query))
                .header("Authorization", "Bearer " + token));
    }

    @Test
    void aBorderGuardTokenPullsOnlyItsScopeUntilRevoked() throws Exception {
        JsonNode health = JSON.readTree(send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/api/v1/health"))).body());
        boolean residentLane = false;
        for (JsonNode l : health.path("lanes")) {
            residentLane |= l.path("id").asText().equals("RES-1") && l.path("type").asText().equals("resident-trade");
        }
        assertTrue(residentLane, health.toString());

        HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/console/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"chief\",\"password\":\"Chief-pass-2026\"}")));
        assertEquals(200, login.statusCode(), login.body());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String csrf = JSON.readTree(login.body()).path("csrf").asText();

        HttpResponse<String> issued = send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/console/api/agency-tokens"))
                .header("Content-Type", "application/json").header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"agency\":\"border-guard\",\"label\":\"IT post\",\"eventTypes\":[\"DECISION\"],\"lanes\":[\"IMP-1\"]}")));
        assertEquals(201, issued.statusCode(), issued.body());
        JsonNode token = JSON.readTree(issued.body());
        String secret = token.path("token").asText();

        HttpResponse<String> all = pull("customs-central-it-token", "after=0&limit=1000");
        JsonNode full = JSON.readTree(all.body());
        assertTrue(full.path("events").size() > 0, all.body());
        HttpResponse<String> scoped = pull(secret, "after=0&limit=100");
        assertEquals(200, scoped.statusCode(), scoped.body());
        JsonNode page = JSON.readTree(scoped.body());
        assertEquals(0, page.path("events").size(), "no decision on IMP-1; login and audit events are out of scope");
        assertTrue(page.path("next").asLong() >= full.path("next").asLong(), "the scoped cursor still advances over foreign events");

        assertEquals(403, pull(secret, "lane=RES-1").statusCode());
        assertEquals(403, pull(secret, "type=RESIDENT_PURCHASE").statusCode());

        HttpResponse<String> revoked = send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/console/api/agency-tokens/"
                + token.path("id").asText() + "/revoke")).header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, revoked.statusCode(), revoked.body());
        assertEquals(401, pull(secret, "after=0").statusCode());
        assertEquals(200, pull("customs-central-it-token", "after=0").statusCode(), "the configured pull token keeps full access");
    }
}
