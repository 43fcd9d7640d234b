package org.borderedge.sim.broker;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Debian's mosquitto as a child process with a generated configuration; killed by PID on stop. */
public final class MosquittoBroker implements MqttBroker {

    private final Path executable;
    private final Path workDir;
    private final int port;
    private Process process;

    public MosquittoBroker(Path executable, Path workDir, int port) {
        this.executable = executable;
        this.workDir = workDir;
        this.port = port;
    }

    public static Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/usr/local/sbin";
        return Stream.of(path.split(File.pathSeparator)).filter(s -> !s.isEmpty())
                .map(d -> Path.of(d, "mosquitto")).filter(Files::isExecutable).findFirst();
    }

    @Override
    public synchronized void start() throws IOException {
        if (running()) {
            return;
        }
        Path conf = workDir.resolve("mosquitto-" + port + ".conf");
        // Unlimited queues: a backlog drained after an outage must not be dropped by the broker.
        // Persistence: what the gateway handed over (PUBACKed) and the central's session survive a broker restart.
        Files.writeString(conf, String.join("\n",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                // Started as root, Mosquitto would switch to user "mosquitto" and fail to write its files here.
                "user " + System.getProperty("user.name"),
                "persistence true",
                "autosave_interval 1",
                "persistence_location " + workDir.toAbsolutePath() + "/",
                "persistence_file mosquitto-" + port + ".db",
                "max_inflight_messages 0",
                "max_queued_messages 0",
                "max_queued_bytes 0",
                "log_dest stderr",
                "log_type error",
                "log_type warning",
                "") );
        process = new ProcessBuilder(executable.toString(), "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("mosquitto-" + port + ".log").toFile())
                .start();
        MqttBroker.awaitListening(port, 10_000);
    }

    @Override
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
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
        return "tcp://127.0.0.1:" + port;
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
