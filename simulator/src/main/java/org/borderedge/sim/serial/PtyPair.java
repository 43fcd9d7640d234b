package org.borderedge.sim.serial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A virtual serial cable: {@code socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B}. The gateway
 * opens one end, a simulator the other. {@link #stop()} kills socat by its PID (both links vanish,
 * like an unplugged adapter); {@link #start()} brings the same paths back.
 */
public final class PtyPair implements AutoCloseable {

    private final Path gatewaySide;
    private final Path deviceSide;
    private Process process;

    public PtyPair(Path gatewaySide, Path deviceSide) {
        this.gatewaySide = Objects.requireNonNull(gatewaySide).toAbsolutePath();
        this.deviceSide = Objects.requireNonNull(deviceSide).toAbsolutePath();
    }

    /** A pair named {@code <dir>/<name>} (gateway side) and {@code <dir>/<name>.device}, started. */
    public static PtyPair open(Path dir, String name) throws IOException {
        return new PtyPair(dir.resolve(name), dir.resolve(name + ".device")).start();
    }

    /** Starts socat and waits (at most 5 s) until both links exist. */
    public synchronized PtyPair start() throws IOException {
        if (process != null && process.isAlive()) {
            return this;
        }
        Files.deleteIfExists(gatewaySide);
        Files.deleteIfExists(deviceSide);
        process = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + gatewaySide, "pty,raw,echo=0,link=" + deviceSide)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(gatewaySide) && Files.exists(deviceSide))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                stop();
                throw new IOException("socat did not create " + gatewaySide + " and " + deviceSide
                        + " (is socat installed?)");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new IOException("interrupted while starting socat", e);
            }
        }
        return this;
    }

    /** Kills socat (by PID) and waits for it; the links disappear with it. */
    public synchronized void stop() {
        Process p = process;
        process = null;
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public Path gatewaySide() {
        return gatewaySide;
    }

    public Path deviceSide() {
        return deviceSide;
    }

    /** The endpoint URI a gateway device entry uses for this pair. */
    public String gatewayEndpoint() {
        return "serial://" + gatewaySide;
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    @Override
    public void close() {
        stop();
    }
}
