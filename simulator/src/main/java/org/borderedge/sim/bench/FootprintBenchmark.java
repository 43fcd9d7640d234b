package org.borderedge.sim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * footprint.ready_s and footprint.rss_mb: the demo gateway with {@value #LANES} lanes, started as
 * its own process ({@code java -Xmx256m -jar borderedge-demo.jar --lanes 4}, the heap limit of the
 * systemd unit). ready_s is the time from process start to its {@code BorderEdge ready} line;
 * rss_mb is the gateway JVM's resident set (VmRSS) after it has run for a while (10 s, 2 s with
 * --quick), without the broker process the demo may start beside it. The process is then stopped
 * with SIGTERM and must exit by itself.
 *
 * <p>The demo jar: the system property {@value #JAR_PROPERTY} or the environment variable
 * {@value #JAR_ENV}, else {@value #JAR_IN_REPO} under the current directory, the simulator jar's
 * directory or one of their parents (a build of the repository).
 */
public final class FootprintBenchmark implements Benchmark {

    static final int LANES = 4;
    static final String JAR_PROPERTY = "borderedge.demo.jar";
    static final String JAR_ENV = "BORDEREDGE_DEMO_JAR";
    static final String JAR_IN_REPO = "features/demo/target/borderedge-demo.jar";
    static final String READY = "BorderEdge ready";
    private static final Pattern REASONS = Pattern.compile("\"status\":\"[A-Z]+\".*?\"reasons\":\\[[^\\]]*\\]");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(40);

    @Override
    public List<String> names() {
        return List.of("footprint.ready_s", "footprint.rss_mb");
    }

    @Override
    public void run(boolean quick, BenchOutput out) throws Exception {
        Path jar = locateDemoJar(System.getProperty(JAR_PROPERTY), System.getenv(JAR_ENV), List.of(Path.of("").toAbsolutePath(), codeLocation()));
        Path dataDir = Files.createTempDirectory("borderedge-footprint-");
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "--lanes", Integer.toString(LANES),
                "--data-dir", dataDir.toString(), "--http-port", Integer.toString(port));
        pb.environment().put("ORT_DISABLE_TELEMETRY", "1");
        pb.redirectErrorStream(true);
        OutputTail tail = new OutputTail();
        long t0 = System.nanoTime();
        Process gateway = pb.start();
        try {
            CompletableFuture<Void> ready = tail.follow(gateway.getInputStream(), gateway.pid());
            try {
                ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException("the demo gateway did not print '" + READY + "' within " + START_TIMEOUT.toSeconds()
                        + " s; its last output:\n" + tail);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause().getMessage() + "; its last output:\n" + tail);
            }
            out.figure("footprint.ready_s", (System.nanoTime() - t0) / 1e9, "s");

            int lanes = runningLanes(port);
            if (lanes != LANES) {
                throw new IllegalStateException("the demo gateway runs " + lanes + " lanes, not " + LANES);
            }
            Thread.sleep(quick ? 2_000 : 10_000);
            if (!gateway.isAlive()) {
                throw new IllegalStateException("the demo gateway died while settling; its last output:\n" + tail);
            }
            out.figure("footprint.rss_mb", rssKilobytes(gateway.pid()) / 1024.0, "MB");

            // SIGTERM through the handle: Process.destroy() would also close the pipe and lose the stop lines.
            if (!gateway.toHandle().destroy()) {
                throw new IllegalStateException("could not send SIGTERM to the demo gateway (pid " + gateway.pid() + ")");
            }
            if (!gateway.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the demo gateway did not exit within " + STOP_TIMEOUT.toSeconds()
                        + " s of SIGTERM; its last output:\n" + tail);
            }
            tail.awaitEnd();
            if (!tail.sawStopped()) {
                System.err.println("footprint: the demo gateway exited on SIGTERM without its 'BorderEdge stopped' line; last output:\n" + tail);
            }
        } finally {
            for (ProcessHandle child : gateway.descendants().toList()) {
                child.destroyForcibly();
            }
            if (gateway.isAlive()) {
                gateway.destroyForcibly();
                gateway.waitFor(10, TimeUnit.SECONDS);
            }
            deleteTree(dataDir);
        }
    }

    /** The demo jar from an explicit setting, else found under one of the given directories or their parents. */
    static Path locateDemoJar(String property, String env, List<Path> searchFrom) {
        String[][] explicit = {{property, "-D" + JAR_PROPERTY}, {env, JAR_ENV}};
        for (String[] setting : explicit) {
            if (setting[0] != null && !setting[0].isBlank()) {
                Path p = Path.of(setting[0]);
                if (!Files.isRegularFile(p)) {
                    throw new IllegalStateException("demo jar " + p + " (from " + setting[1] + ") does not exist");
                }
                return p;
            }
        }
        List<Path> tried = new ArrayList<>();
        for (Path start : searchFrom) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(JAR_IN_REPO);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
                tried.add(candidate);
            }
        }
        throw new IllegalStateException("footprint benchmarks need the demo jar: build it (mvn -B -q install -DskipTests) or set -D"
                + JAR_PROPERTY + "=FILE or " + JAR_ENV + "=FILE; not found at " + tried);
    }

    private static Path codeLocation() {
        try {
            Path p = Path.of(FootprintBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) ? p.getParent() : p;
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    private static int runningLanes(int port) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/health")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode health = new ObjectMapper().readTree(r.body());
        return health.path("lanes").size();
    }

    /** VmRSS of a Linux process, in kB. */
    static long rssKilobytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
            }
        }
        throw new IOException("no VmRSS in /proc/" + pid + "/status (not Linux?)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Reads the gateway's output to its end, keeps the last lines for error messages, signals the ready line. */
    private static final class OutputTail {
        private final Deque<String> lines = new ArrayDeque<>();
        private final CompletableFuture<Void> ready = new CompletableFuture<>();
        private final CompletableFuture<Void> ended = new CompletableFuture<>();
        private boolean stopped;

        CompletableFuture<Void> follow(InputStream output, long pid) {
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        remember(line);
                        if (line.contains(READY)) {
                            ready.complete(null);
                        } else if (line.contains("BorderEdge NOT ready")) {
                            Matcher reasons = REASONS.matcher(line);
                            ready.completeExceptionally(new IllegalStateException("the demo gateway did not get ready: "
                                    + (reasons.find() ? "health " + reasons.group() : line)));
                        }
                    }
                } catch (IOException e) {
                    remember("(output unreadable: " + e + ")");
                }
                ready.completeExceptionally(new IllegalStateException("the demo gateway (pid " + pid + ") exited before it was ready"));
                ended.complete(null);
            }, "footprint-output");
            reader.setDaemon(true);
            reader.start();
            return ready;
        }

        private synchronized void remember(String line) {
            if (line.contains("BorderEdge stopped")) {
                stopped = true;
            }
            lines.addLast(line.length() > 500 ? line.substring(0, 500) + " ..." : line);
            if (lines.size() > 40) {
                lines.removeFirst();
            }
        }

        void awaitEnd() throws Exception {
            ended.get(10, TimeUnit.SECONDS);
        }

        synchronized boolean sawStopped() {
            return stopped;
        }

        @Override
        public synchronized String toString() {
            return String.join("\n", lines);
        }
    }
}
