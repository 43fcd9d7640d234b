package org.borderedge.sim.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The customs officer or technician at the console, as an HTTP client: logs in with the console's
 * session and CSRF token (as the browser page does), posts lane overrides with a reason through
 * {@code POST /api/v1/lanes/{laneId}/override} and records e-seal steps through the seal API. Logs in again when the session is gone (the gateway
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
    public Answer override(String laneId, String action, String reason) throws IOException, InterruptedException {
        return post("/api/v1/lanes/" + laneId + "/override", Map.of("action", action, "reason", reason));
    }

    /** The lane as {@code GET /api/v1/lanes/{id}} shows it (state, current vehicle ...). */
    public JsonNode lane(String laneId) throws IOException, InterruptedException {
        Answer a = get("/api/v1/lanes/" + laneId);
        if (a.status() != 200) {
            throw new IOException("lane " + laneId + " answered " + a.status() + ": " + a.body());
        }
        return JSON.readTree(a.body());
    }

    /** The seal as the gateway's inventory knows it ({@code GET /api/v1/seals/{id}}), empty when it does not know it. */
    public Optional<JsonNode> seal(String sealId) throws IOException, InterruptedException {
        Answer a = get("/api/v1/seals/" + sealId);
        if (a.status() == 404) {
            return Optional.empty();
        }
        if (a.status() != 200) {
            throw new IOException("seal " + sealId + " answered " + a.status() + ": " + a.body());
        }
        return Optional.of(JSON.readTree(a.body()));
    }

    /** Seals in a state ({@code GET /api/v1/seals?state=...}; all when null), ordered by seal id. */
    public List<JsonNode> seals(String state) throws IOException, InterruptedException {
        Answer a = get("/api/v1/seals" + (state == null ? "" : "?state=" + state));
        if (a.status() != 200) {
            throw new IOException("seals in state " + state + " answered " + a.status() + ": " + a.body());
        }
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(a.body()).path("seals").forEach(out::add);
        return out;
    }

    /**
     * Records a step of a seal's life ({@code POST /api/v1/seals/{id}/transitions}): ASSIGN (with a
     * declaration and vehicle), REMOVE, RETURN ...; 200 accepted, 409 refused from the seal's state.
     */
    public Answer sealStep(String sealId, String action, String reason, String declarationId, String vehicle)
            throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", action);
        body.put("reason", reason);
        if (declarationId != null) {
            body.put("declarationId", declarationId);
        }
        if (vehicle != null) {
            body.put("vehicle", vehicle);
        }
        return post("/api/v1/seals/" + sealId + "/transitions", body);
    }

    private Answer post(String path, Map<String, Object> body) throws IOException, InterruptedException {
        String json = JSON.writeValueAsString(body);
        return exchange(() -> HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("Cookie", session).header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private Answer get(String path) throws IOException, InterruptedException {
        return exchange(() -> HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Cookie", session).GET().build());
    }

    /** Sends with the session (logging in first when there is none); on 401 logs in once more and repeats. */
    private synchronized Answer exchange(Supplier<HttpRequest> request) throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            if (session == null) {
                login();
            }
            HttpResponse<String> r = http.send(request.get(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 401 && attempt == 0) {
                session = null;
                continue;
            }
            return new Answer(r.statusCode(), r.body());
        }
    }
}
