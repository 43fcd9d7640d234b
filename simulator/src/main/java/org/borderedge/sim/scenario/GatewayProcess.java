package org.borderedge.sim.scenario;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The real gateway as a child process ({@code java -jar borderedge-gateway.jar}), so scenarios can
 * kill it with SIGKILL like a power cut and start it again on the same data dir.
 */
public final class GatewayProcess implements AutoCloseable {

    private final Path jar;
    private final Path siteFile;
    private final Path dataDir;
    private final int httpPort;
    private final Path log;
    private Process process;
    private volatile CountDownLatch ready = new CountDownLatch(1);

    public GatewayProcess(Path jar, Path siteFile, Path dataDir, int httpPort) {
        this.jar = jar;
        this.siteFile = siteFile;
        this.dataDir = dataDir;
        this.httpPort = httpPort;
        this.log = dataDir.resolveSibling(dataDir.getFileName() + "-gateway.log");
    }

    /** Starts the gateway and waits for its ready line; fails with the log's tail if it does not come. */
    public synchronized void start(Duration readyTimeout) throws IOException, InterruptedException {
        if (alive()) {
            return;
        }
        Files.createDirectories(dataDir);
        List<String> cmd = new ArrayList<>(List.of(javaExecutable(), "-Xmx384m", "-XX:+UseSerialGC", "-jar", jar.toString(),
                "--site", siteFile.toString(), "--data-dir", dataDir.toString(), "--http-port", Integer.toString(httpPort)));
        ready = new CountDownLatch(1);
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
        // ONNX Runtime reads this from the environment only; without it it writes a telemetry database.
        builder.environment().put("ORT_DISABLE_TELEMETRY", "1");
        process = builder.start();
        CountDownLatch latch = ready;
        Process p = process;
        Thread reader = new Thread(() -> pump(p, latch), "gateway-output-" + p.pid());
        reader.setDaemon(true);
        reader.start();
        if (!latch.await(readyTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IOException("gateway not ready within " + readyTimeout.toSeconds() + " s; log " + log + ":\n" + tail(40));
        }
    }

    private void pump(Process p, CountDownLatch latch) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
            out.println("---- gateway pid " + p.pid());
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                out.flush();
                if (line.contains("BorderEdge ready")) {
                    latch.countDown();
                }
            }
        } catch (IOException e) {
            // The process died (killed on purpose or not); the log says what it printed until then.
        }
    }

    /** SIGKILL: no shutdown hook runs, as on power loss. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    /** SIGTERM and wait for a clean exit. */
    public synchronized int stop() throws InterruptedException {
        if (process == null) {
            return 0;
        }
        process.destroy();
        if (!process.waitFor(45, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            process = null;
            return -1;
        }
        int code = process.exitValue();
        process = null;
        return code;
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public Path logFile() {
        return log;
    }

    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
