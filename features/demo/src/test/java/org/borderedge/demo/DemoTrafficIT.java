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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo jar as a user starts it: ready with every lane's devices simulated, then traffic
 * completes a cycle in every lane within 60 s of the ready line (seen through the pull API), and
 * SIGTERM stops the gateway and every process the demo started.
 */
class DemoTrafficIT {

    static final Path DEMO_JAR = Path.of("target", "borderedge-demo.jar");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyLaneCompletesACycleWithinAMinuteOfReadyAndCtrlCStopsEverything() throws Exception {
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
            assertTrue(health.path("devices").size() >= 3 * 5 + 1, "5 devices per lane and a scanner: " + health.path("devices"));
            String token = JSON.readTree(dir.resolve("demo").resolve(DemoCredentials.FILE).toFile()).path("pullToken").asText();

            Set<String> lanes = new TreeSet<>(List.of("IMP-1", "EXP-1", "GATE-IN-1"));
            Set<String> completed = new TreeSet<>();
            long after = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!completed.containsAll(lanes) && System.nanoTime() < deadline) {
                JsonNode page = get(port, "/api/v1/events?after=" + after + "&limit=1000", token);
                for (JsonNode e : page.path("events")) {
                    if ("CYCLE_COMPLETED".equals(e.path("type").asText())) {
                        completed.add(e.path("laneId").asText());
                    }
                }
                after = page.path("next").asLong(after);
                Thread.sleep(500);
            }
            assertEquals(lanes, completed, "lanes with a completed cycle within 60 s of ready");
        } finally {
            stop(demo, reader);
        }
        assertTrue(stoppedCleanly, "demo did not stop on SIGTERM");
        assertTrue(leftOver.isEmpty(), "processes left after SIGTERM: " + leftOver);
        assertTrue(output.stream().anyMatch(l -> l.contains("BorderEdge stopped")), String.join("\n", output));
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
