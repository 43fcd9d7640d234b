package org.borderedge.sim.broker;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's mosquitto as a child process with a generated configuration, on a loopback port; stopped
 * by PID. Persistence is on, so a broker stopped with SIGTERM keeps what the gateway handed over and
 * the central's queued QoS 1 messages across a restart on the same port.
 */
public final class MosquittoBroker implements MqttBroker {

    private final Path executable;
    private final Path workDir;
    private final int port;
    private final List<String> tls;
    private Process process;

    public MosquittoBroker(Path executable, Path workDir, int port) {
        this(executable, workDir, port, List.of());
    }

    private MosquittoBroker(Path executable, Path workDir, int port, List<String> tls) {
        this.executable = executable;
        this.workDir = workDir;
        this.port = port;
        this.tls = tls;
    }

    /** The mosquitto binary from PATH, /usr/sbin or /usr/local/sbin. */
    public static Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/usr/local/sbin";
        return Stream.of(path.split(File.pathSeparator)).filter(s -> !s.isEmpty())
                .map(d -> Path.of(d, "mosquitto")).filter(Files::isExecutable).findFirst();
    }

    public static boolean available() {
        return find().isPresent();
    }

    /** Started on a free port; configuration, log and persistence under {@code workDir}. */
    public static MosquittoBroker start(Path workDir) throws IOException {
        MosquittoBroker b = new MosquittoBroker(executable(), workDir, MqttBroker.freePort());
        b.start();
        return b;
    }

    /**
     * A TLS-only broker on a free port that also demands a client certificate signed by {@code ca}
     * (mutual TLS), for testing the gateway's TLS configuration.
     */
    public static MosquittoBroker startTls(Path workDir, Path ca, Path serverCert, Path serverKey) throws IOException {
        MosquittoBroker b = new MosquittoBroker(executable(), workDir, MqttBroker.freePort(), List.of("cafile " + ca,
                "certfile " + serverCert, "keyfile " + serverKey, "require_certificate true", "tls_version tlsv1.2"));
        b.start();
        return b;
    }

    private static Path executable() throws IOException {
        return find().orElseThrow(() -> new IOException("mosquitto is not installed (not on PATH nor in /usr/sbin)"));
    }

    @Override
    public synchronized void start() throws IOException {
        if (running()) {
            return;
        }
        Files.createDirectories(workDir);
        Path conf = workDir.resolve("mosquitto-" + port + ".conf");
        Path log = workDir.resolve("mosquitto-" + port + ".log");
        List<String> lines = new java.util.ArrayList<>();
        lines.add("listener " + port + " 127.0.0.1");
        lines.addAll(tls);
        lines.addAll(List.of(
                "allow_anonymous true",
                // Started as root, Mosquitto would switch to user "mosquitto" and fail to write its files here.
                "user " + System.getProperty("user.name"),
                "persistence true",
                "autosave_interval 1",
                "persistence_location " + workDir.toAbsolutePath() + "/",
                "persistence_file mosquitto-" + port + ".db",
                // Unlimited queues: a backlog drained after an outage must not be dropped by the broker.
                "max_inflight_messages 0",
                "max_queued_messages 0",
                "max_queued_bytes 0",
                "log_dest stderr",
                "log_type error",
                "log_type warning",
                ""));
        Files.writeString(conf, String.join("\n", lines));
        process = new ProcessBuilder(executable.toString(), "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Process started = process;
        try {
            MqttBroker.awaitListening(port, 10_000, () -> {
                if (!started.isAlive()) {
                    throw new IOException("mosquitto exited with " + started.exitValue() + "; see " + log);
                }
            });
        } catch (IOException e) {
            kill();
            throw e;
        }
    }

    /** SIGTERM by PID: Mosquitto saves its persistence file and exits; SIGKILL if it has not within 10 s. */
    @Override
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            process = null;
        }
    }

    /** SIGKILL by PID: a crash, nothing saved since the last autosave. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Stops and starts again on the same port with the same persistence. */
    public synchronized void restart() throws IOException {
        stop();
        start();
    }

    @Override
    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    @Override
    public String url() {
        return (tls.isEmpty() ? "tcp" : "ssl") + "://127.0.0.1:" + port;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String kind() {
        return "mosquitto";
    }

    @Override
    public void close() {
        stop();
    }
}
