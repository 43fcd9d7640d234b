package org.borderedge.feature;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.borderedge.launcher.LaunchOptions;
import org.borderedge.launcher.Launcher;
import org.borderedge.launcher.Main;
import org.borderedge.launcher.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Starts the real framework with the real bundles of the gateway feature, as the runnable jar does,
 * and holds the HTTP API to its OpenAPI document: every route the whiteboard serves is documented,
 * every documented route is served, and each documented operation answers a status it documents.
 */
class GatewayFeatureIT {

    @TempDir
    static Path dir;
    static RunningGateway gateway;
    static String healthJson;
    static final String PULL_TOKEN = "central-pull-it-token";
    static final String CHIEF_PASSWORD = "Chief-pass-2026";

    @BeforeAll
    static void start() throws Exception {
        Path site = Files.writeString(dir.resolve("site.yaml"), """
                schemaVersion: 1
                gateway: { id: VN-IT-01, name: Integration gate, timeZone: Asia/Ho_Chi_Minh }
                lanes:
                  - { id: IMP-1, type: road-import }
                  - { id: EXP-1, type: road-export }
                configurations:
                  org.borderedge.api.http: { pullToken: %s }
                  org.borderedge.console: { bootstrapAdminUser: chief, bootstrapAdminPassword: %s }
                """.formatted(PULL_TOKEN, CHIEF_PASSWORD));
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

    // ---- the HTTP API against its OpenAPI document ----------------------------------------------

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "head", "patch", "options");
    /** Values for path parameters: an existing lane, otherwise ids the gateway does not know. */
    static final Map<String, String> PATH_VALUES = Map.of("laneId", "IMP-1", "sealId", "SEAL-IT-UNKNOWN",
            "evidenceId", "ev-it-unknown", "tokenId", "agt-000000000000");

    static JsonNode openApi() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/api/v1/openapi.json"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        return new ObjectMapper().readTree(r.body());
    }

    /** Servlet patterns as the HTTP whiteboard serves them (its runtime DTO), and the servlets it refused. */
    record Served(Set<String> patterns, List<String> failed) {
    }

    static Served served() throws Exception {
        BundleContext ctx = gateway.framework().getBundleContext();
        String runtimeType = "org.osgi.service.servlet.runtime.HttpServiceRuntime";
        // getAllServiceReferences: the system bundle's own class space cannot see the runtime's package.
        ServiceReference<?>[] refs = ctx.getAllServiceReferences(runtimeType, null);
        assertNotNull(refs, "no servlet whiteboard runtime registered");
        assertEquals(1, refs.length, "one servlet whiteboard runtime");
        ServiceReference<?> ref = refs[0];
        Object runtime = ctx.getService(ref);
        try {
            // The DTO classes live in the framework's class space, not the test's: read them reflectively.
            Object dto = ref.getBundle().loadClass(runtimeType).getMethod("getRuntimeDTO").invoke(runtime);
            Set<String> patterns = new TreeSet<>();
            for (Object context : array(dto, "servletContextDTOs")) {
                for (Object servlet : array(context, "servletDTOs")) {
                    for (Object pattern : array(servlet, "patterns")) {
                        patterns.add((String) pattern);
                    }
                }
            }
            List<String> failed = new ArrayList<>();
            for (Object f : array(dto, "failedServletDTOs")) {
                failed.add(f.getClass().getField("name").get(f) + " " + List.of((String[]) f.getClass().getField("patterns").get(f))
                        + " reason " + f.getClass().getField("failureReason").get(f));
            }
            return new Served(patterns, failed);
        } finally {
            ctx.ungetService(ref);
        }
    }

    static List<Object> array(Object dto, String field) throws ReflectiveOperationException {
        Object a = dto.getClass().getField(field).get(dto);
        List<Object> out = new ArrayList<>();
        for (int i = 0; a != null && i < Array.getLength(a); i++) {
            out.add(Array.get(a, i));
        }
        return out;
    }

    /** Whether a whiteboard pattern ("/x" exact or "/x/*" prefix) serves a documented path. */
    static boolean serves(String pattern, String path) {
        if (pattern.endsWith("/*")) {
            String prefix = pattern.substring(0, pattern.length() - 2);
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
        return pattern.equals(path);
    }

    /** The default servlet and the console's own pages and page API are not integration routes. */
    static boolean mustBeDocumented(String pattern) {
        return !pattern.equals("/") && !pattern.equals("/console") && !pattern.startsWith("/console/");
    }

    @Test
    void everyServedRouteIsDocumentedAndEveryDocumentedRouteIsServed() throws Exception {
        JsonNode doc = openApi();
        assertEquals("3.0.3", doc.path("openapi").asText());
        List<String> documented = new ArrayList<>();
        doc.path("paths").fieldNames().forEachRemaining(documented::add);
        Served served = served();
        assertEquals(List.of(), served.failed(), "servlets the whiteboard refused");
        assertTrue(served.patterns().containsAll(List.of("/api/v1/events", "/api/v1/seals/*", "/api/v1/evidence/*", "/metrics")),
                "the runtime DTO lists the gateway's servlets: " + served.patterns());

        List<String> undocumented = new ArrayList<>();
        for (String pattern : served.patterns()) {
            if (mustBeDocumented(pattern)) {
                if (!pattern.startsWith("/")) {
                    undocumented.add(pattern + " (extension patterns cannot be mapped to OpenAPI paths)");
                } else if (documented.stream().noneMatch(p -> pattern.endsWith("/*") ? p.startsWith(pattern.substring(0, pattern.length() - 1))
                        : p.equals(pattern))) {
                    undocumented.add(pattern);
                }
            }
        }
        assertEquals(List.of(), undocumented, "served but not in /api/v1/openapi.json (bundles/org.borderedge.api.http/"
                + "src/main/resources/org/borderedge/api/http/internal/openapi.json)");

        List<String> unserved = new ArrayList<>();
        for (String path : documented) {
            if (served.patterns().stream().noneMatch(p -> !p.equals("/") && serves(p, path))) {
                unserved.add(path);
            }
        }
        assertEquals(List.of(), unserved, "documented but served by no servlet");
    }

    @Test
    void everyDocumentedOperationAnswersAStatusItDocuments() throws Exception {
        JsonNode doc = openApi();
        Map<String, String> credentials = credentials();
        List<String> wrong = new ArrayList<>();
        int probes = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            String url = path.getKey();
            for (Map.Entry<String, String> v : PATH_VALUES.entrySet()) {
                url = url.replace("{" + v.getKey() + "}", v.getValue());
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                String method = op.getKey().toUpperCase(Locale.ROOT);
                JsonNode responses = op.getValue().path("responses");
                // Anonymous first, then with each credential the operation accepts that the test holds.
                List<String> schemes = new ArrayList<>();
                schemes.add("");
                for (JsonNode requirement : op.getValue().path("security")) {
                    requirement.fieldNames().forEachRemaining(s -> {
                        if (credentials.containsKey(s) && !schemes.contains(s)) {
                            schemes.add(s);
                        }
                    });
                }
                for (String scheme : schemes) {
                    int status = probe(method, url, credentials.get(scheme));
                    probes++;
                    if (!responses.has(Integer.toString(status))) {
                        wrong.add(method + " " + url + (scheme.isEmpty() ? " anonymous" : " with " + scheme) + " answered " + status
                                + ", documented " + fieldNames(responses));
                    }
                }
            }
        }
        assertTrue(probes > 30, "probed " + probes + " times");
        assertEquals(List.of(), wrong, "answers the OpenAPI document does not list");
    }

    /** Logs the bootstrapped supervisor in and has a console API token issued: scheme name → Authorization value. */
    static Map<String, String> credentials() throws Exception {
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/console/api/login"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"chief\",\"password\":\"" + CHIEF_PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String csrf = new ObjectMapper().readTree(login.body()).path("csrf").asText();
        HttpResponse<String> issued = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/console/api/tokens"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json").header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"chief\",\"label\":\"GatewayFeatureIT\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, issued.statusCode(), issued.body());
        String apiToken = new ObjectMapper().readTree(issued.body()).path("token").asText();
        return Map.of("", "", "pullToken", "Bearer " + PULL_TOKEN, "apiToken", "Bearer " + apiToken);
    }

    /** One request with an empty JSON object as body where a body goes; a stream is closed after its headers. */
    static int probe(String method, String url, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + url)).timeout(Duration.ofSeconds(10));
        if (!authorization.isEmpty()) {
            b.header("Authorization", authorization);
        }
        if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{}", StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpRequest request = b.build();
        HttpResponse<InputStream> r;
        try {
            r = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            // Jetty closes a connection after answering a POST whose body it did not read (401 before the
            // body, say), and the client may already have pooled it again; it retries only idempotent
            // requests itself. A stale connection is transport, not the answer under test: once more, fresh.
            System.out.println(method + " " + url + ": " + e + "; retried on a new connection");
            r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        }
        try (InputStream ignored = r.body()) {
            return r.statusCode();
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
