package org.borderedge.sim.central;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto on a loopback port with a generated config: what tests, benchmarks and the demo
 * use as the central's broker. Persistence is on, so a broker stopped with SIGTERM keeps queued
 * QoS 1 messages for persistent subscribers (the central) across a restart. Stopped by PID.
 */
public final class MosquittoBroker implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final List<String> tls;
    private Process process;

    private MosquittoBroker(Path dir, int port, List<String> tls) {
        this.dir = dir;
        this.port = port;
        this.tls = tls;
    }

    /**
     * A TLS-only broker on a free port that also demands a client certificate signed by
     * {@code ca} (mutual TLS), for testing the gateway's TLS configuration.
     */
    public static MosquittoBroker startTls(Path dir, Path ca, Path serverCert, Path serverKey) throws IOException {
        MosquittoBroker b = new MosquittoBroker(dir, freePort(), List.of("cafile " + ca, "certfile " + serverCert,
                "keyfile " + serverKey, "require_certificate true", "tls_version tlsv1.2"));
        b.writeConfig();
        b.launch();
        return b;
    }

    /** Starts on a free port, config, log and persistence under {@code dir}. */
    public static MosquittoBroker start(Path dir) throws IOException {
        return start(dir, freePort());
    }

    public static MosquittoBroker start(Path dir, int port) throws IOException {
        MosquittoBroker b = new MosquittoBroker(dir, port, List.of());
        b.writeConfig();
        b.launch();
        return b;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The mosquitto binary: from PATH, else Debian's /usr/sbin/mosquitto. */
    public static String binary() {
        for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!p.isEmpty() && Files.isExecutable(Path.of(p, "mosquitto"))) {
                return Path.of(p, "mosquitto").toString();
            }
        }
        return "/usr/sbin/mosquitto";
    }

    public static boolean available() {
        return Files.isExecutable(Path.of(binary()));
    }

    private void writeConfig() throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n",
                "listener " + port + " 127.0.0.1",
                String.join("\n", tls),
                "allow_anonymous true",
                // Started as root, Mosquitto would switch to user "mosquitto" and fail to write its files here.
                "user " + System.getProperty("user.name"),
                "persistence true",
                "persistence_location " + dir.resolve("data") + "/",
                "autosave_interval 1",
                // No queue or in-flight caps: a long backlog must not be dropped by the broker.
                "max_queued_messages 0",
                "max_inflight_messages 0",
                "log_dest file " + dir.resolve("mosquitto.log"),
                "log_type error",
                "log_type warning",
                "log_type notice",
                ""));
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(List.of(binary(), "-c", dir.resolve("mosquitto.conf").toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.out").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited with " + process.exitValue() + "; see " + dir.resolve("mosquitto.out"));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(Duration.ofMillis(30));
            }
        }
        process.destroyForcibly();
        throw new IOException("mosquitto did not listen on " + port + " within 10 s");
    }

    public String url() {
        return (tls.isEmpty() ? "tcp" : "ssl") + "://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    /** SIGTERM by PID: Mosquitto saves its persistence file and exits. */
    public void stop() {
        if (process != null && process.isAlive()) {
            ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
    }

    /** SIGKILL by PID. */
    public void kill() {
        if (process != null && process.isAlive()) {
            ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts again on the same port with the same persistence. */
    public void restart() throws IOException {
        stop();
        launch();
    }

    @Override
    public void close() {
        stop();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
