package org.borderedge.demo;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.borderedge.sim.checkpoint.OfficerClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo jar as a user starts it: ready with every lane's devices simulated (a resident-trade lane
 * among them), then within the traffic window, seen through the real HTTP APIs: a completed cycle in
 * every lane, a border resident's purchase (RESIDENT_PURCHASE) and a resident held over the quota,
 * e-seals that have gone past ASSIGNED in the inventory (one FAULTY after a low-battery report), and
 * the console showing the resident lane and the seal page in headless Chromium (screenshots in
 * target/screenshots). SIGTERM then stops the gateway and every process the demo started.
 */
class DemoTrafficIT {

    static final Path DEMO_JAR = Path.of("target", "borderedge-demo.jar");
    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> LANES = Set.of("IMP-1", "EXP-1", "GATE-IN-1", "RES-1");

    @TempDir
    Path dir;

    @Test
    void lanesResidentsAndSealsShowWithinTheTrafficWindowAndCtrlCStopsEverything() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar",
                DEMO_JAR.toString(), "--data-dir", dir.resolve("demo").toString(), "--http-port", Integer.toString(port))
                .redirectErrorStream(true).start();
        List<String> output = new CopyOnWriteArrayList<>();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    System.out.println("[demo] " + line);
                    output.add(line);
                    if (line.contains("BorderEdge ready")) {
                        ready.countDown();
                    }
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            assertTrue(ready.await(120, TimeUnit.SECONDS), "no ready line:\n" + String.join("\n", output));
            JsonNode health = get(port, "/api/v1/health", null);
            for (JsonNode d : health.path("devices")) {
                assertEquals("ONLINE", d.path("status").asText(), "device at ready: " + d);
            }
            assertTrue(health.path("devices").size() >= 3 * 5 + 2 + 1,
                    "5 devices per truck lane, barrier and code reader in the resident lane, a scanner: " + health.path("devices"));
            Map<String, String> types = new TreeMap<>();
            health.path("lanes").forEach(l -> types.put(l.path("id").asText(), l.path("type").asText()));
            assertEquals("resident-trade", types.get("RES-1"), "lanes in health: " + health.path("lanes"));
            assertEquals(LANES, types.keySet());

            JsonNode credentials = JSON.readTree(dir.resolve("demo").resolve(DemoCredentials.FILE).toFile());
            URI base = URI.create("http://127.0.0.1:" + port);
            OfficerClient officer = new OfficerClient(base, credentials.path("adminUser").asText(), credentials.path("adminPassword").asText());
            Traffic seen = watchTraffic(port, credentials.path("pullToken").asText(), officer, Duration.ofSeconds(90));
            assertEquals(LANES, seen.completed, "lanes with a completed cycle within the traffic window");
            assertTrue(seen.residentPurchase != null, "no RESIDENT_PURCHASE in RES-1");
            assertTrue(seen.residentPurchase.path("payload").path("quotaVnd").asLong() > 0, seen.residentPurchase.toString());
            assertTrue(seen.quotaHold != null, "no resident held over the quota in RES-1");
            assertTrue(seen.sealEvents > 0, "no SEAL_LIFECYCLE event");
            assertTrue(seen.sealStates.stream().anyMatch(st -> !st.equals("ASSIGNED")), "seals by state: " + seen.sealStates);
            assertTrue(seen.sealStates.contains("FAULTY"), "no seal flagged FAULTY: " + seen.sealStates);

            ConsoleCheck.lanesAndSeals(base, credentials.path("adminUser").asText(), credentials.path("adminPassword").asText(),
                    dir.resolve("chromium"));
        } finally {
            stop(demo, reader);
        }
        assertTrue(stoppedCleanly, "demo did not stop on SIGTERM");
        assertTrue(leftOver.isEmpty(), "processes left after SIGTERM: " + leftOver);
        assertTrue(output.stream().anyMatch(l -> l.contains("BorderEdge stopped")), String.join("\n", output));
    }

    /** What the pull API and the seal API showed during the traffic window. */
    static final class Traffic {
        final Set<String> completed = new TreeSet<>();
        JsonNode residentPurchase;
        JsonNode quotaHold;
        int sealEvents;
        Set<String> sealStates = Set.of();

        boolean complete() {
            return completed.containsAll(LANES) && residentPurchase != null && quotaHold != null && sealEvents > 0
                    && sealStates.contains("FAULTY") && sealStates.stream().anyMatch(st -> !st.equals("ASSIGNED"));
        }
    }

    /** Follows the journal and the seal inventory until everything looked for has shown up, or the window ends. */
    static Traffic watchTraffic(int port, String pullToken, OfficerClient officer, Duration window) throws Exception {
        Traffic t = new Traffic();
        long after = 0;
        long deadline = System.nanoTime() + window.toNanos();
        while (!t.complete() && System.nanoTime() < deadline) {
            JsonNode page = get(port, "/api/v1/events?after=" + after + "&limit=1000", pullToken);
            for (JsonNode e : page.path("events")) {
                String type = e.path("type").asText();
                String lane = e.path("laneId").asText();
                if ("CYCLE_COMPLETED".equals(type)) {
                    t.completed.add(lane);
                } else if ("RESIDENT_PURCHASE".equals(type) && "RES-1".equals(lane)) {
                    t.residentPurchase = e;
                } else if ("DECISION".equals(type) && "RES-1".equals(lane) && "HOLD".equals(e.path("payload").path("verdict").asText())
                        && e.path("payload").path("reasons").toString().contains("quota exceeded")) {
                    t.quotaHold = e;
                } else if ("SEAL_LIFECYCLE".equals(type)) {
                    t.sealEvents++;
                }
            }
            after = page.path("next").asLong(after);
            Set<String> states = new TreeSet<>();
            officer.seals(null).forEach(s -> states.add(s.path("state").asText()));
            t.sealStates = states;
            Thread.sleep(1000);
        }
        return t;
    }

    private boolean stoppedCleanly;
    private List<String> leftOver = List.of();

    /** SIGTERM, as Ctrl-C; whatever the demo started must be gone afterwards. */
    private void stop(Process demo, Thread reader) throws InterruptedException {
        List<ProcessHandle> children = demo.descendants().toList();
        // SIGTERM through the handle: Process.destroy() would also close our end of its output.
        demo.toHandle().destroy();
        stoppedCleanly = demo.waitFor(60, TimeUnit.SECONDS);
        if (!stoppedCleanly) {
            demo.destroyForcibly();
        }
        children.forEach(c -> c.onExit().toCompletableFuture().completeOnTimeout(c, 10, TimeUnit.SECONDS).join());
        List<ProcessHandle> left = children.stream().filter(ProcessHandle::isAlive).toList();
        leftOver = left.stream().map(h -> h.info().command().orElse("?")).toList();
        left.forEach(ProcessHandle::destroyForcibly);
        reader.join(10_000);
    }

    static JsonNode get(int port, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }
}
