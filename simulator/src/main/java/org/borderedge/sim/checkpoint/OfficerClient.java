package org.borderedge.sim.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The customs officer or technician at the console, as an HTTP client: logs in with the console's
 * session and CSRF token (as the browser page does) and posts lane overrides with a reason through
 * {@code POST /api/v1/lanes/{laneId}/override}. Logs in again when the session is gone (the gateway
 * restarted or the session expired).
 */
public final class OfficerClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The console's answer: HTTP status and body. */
    public record Answer(int status, String body) {
        public boolean accepted() {
            return status == 200;
        }
    }

    private final URI baseUrl;
    private final String user;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private String session;
    private String csrf;

    public OfficerClient(URI baseUrl, String user, String password) {
        this.baseUrl = baseUrl;
        this.user = user;
        this.password = password;
    }

    public String user() {
        return user;
    }

    private synchronized void login() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(baseUrl.resolve("/console/api/login"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("user", user, "password", password))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("console login as " + user + " answered " + r.statusCode() + ": " + r.body());
        }
        csrf = JSON.readTree(r.body()).path("csrf").asText();
        session = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("BE_SESSION="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new IOException("console login gave no session cookie"));
    }

    /** Posts an override; on 401 logs in once more and repeats it. */
    public synchronized Answer override(String laneId, String action, String reason) throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            if (session == null) {
                login();
            }
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(baseUrl.resolve("/api/v1/lanes/" + laneId + "/override"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .header("Cookie", session).header("X-CSRF-Token", csrf)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("action", action, "reason", reason))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 401 && attempt == 0) {
                session = null;
                continue;
            }
            return new Answer(r.statusCode(), r.body());
        }
    }

    /** The lane as {@code GET /api/v1/lanes/{id}} shows it (state, current vehicle ...). */
    public synchronized JsonNode lane(String laneId) throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            if (session == null) {
                login();
            }
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(baseUrl.resolve("/api/v1/lanes/" + laneId))
                    .timeout(Duration.ofSeconds(10)).header("Cookie", session).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 401 && attempt == 0) {
                session = null;
                continue;
            }
            if (r.statusCode() != 200) {
                throw new IOException("lane " + laneId + " answered " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        }
    }
}
