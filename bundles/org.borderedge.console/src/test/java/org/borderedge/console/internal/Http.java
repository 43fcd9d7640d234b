package org.borderedge.console.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A tiny HTTP client for the tests: one cookie jar (the console session) and the CSRF token. */
final class Http {

    record Reply(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    String cookie;
    String csrf;

    Http(String base) {
        this.base = base;
    }

    Reply login(String user, String password) throws Exception {
        Reply r = post("/console/api/login", Map.of("user", user, "password", password), false);
        if (r.status() == 200) {
            String setCookie = r.raw().headers().firstValue("Set-Cookie").orElseThrow();
            cookie = setCookie.substring(0, setCookie.indexOf(';'));
            csrf = r.json().get("csrf").asText();
        }
        return r;
    }

    Reply get(String path) throws Exception {
        return send(request(path).GET().build());
    }

    Reply get(String path, String bearer) throws Exception {
        return send(request(path).header("Authorization", "Bearer " + bearer).GET().build());
    }

    Reply post(String path, Object body, boolean withCsrf) throws Exception {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body)));
        if (withCsrf && csrf != null) {
            b.header(ConsoleServlet.CSRF_HEADER, csrf);
        }
        return send(b.build());
    }

    Reply postBearer(String path, Object body, String bearer) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body))).build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return b;
    }

    private Reply send(HttpRequest req) throws Exception {
        HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r);
    }
}
