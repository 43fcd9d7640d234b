package org.borderedge.sim.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A local MQTT broker for the demo, scenarios, tests and benchmarks: Debian's Mosquitto when it is
 * installed, otherwise an embedded Moquette, so the demo needs nothing beyond a JDK.
 */
public interface MqttBroker extends AutoCloseable {

    /** e.g. {@code tcp://127.0.0.1:41883} */
    String url();

    int port();

    /** "mosquitto" or "moquette". */
    String kind();

    /** Stops the broker (a link outage); {@link #start()} brings it back on the same port. */
    void stop();

    void start() throws IOException;

    boolean running();

    @Override
    void close();

    /** Mosquitto from PATH (or /usr/sbin) if present, else the embedded broker; on a free loopback port. */
    static MqttBroker startLocal(Path workDir) throws IOException {
        Files.createDirectories(workDir);
        int port = freePort();
        MqttBroker broker = MosquittoBroker.find().isPresent()
                ? new MosquittoBroker(MosquittoBroker.find().get(), workDir, port)
                : new EmbeddedBroker(workDir, port);
        broker.start();
        return broker;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Waits until something accepts connections on the port. */
    static void awaitListening(int port, long timeoutMs) throws IOException {
        awaitListening(port, timeoutMs, () -> { });
    }

    /** A check made between attempts, e.g. that the broker process is still alive; it throws to give up. */
    interface StillStarting {
        void check() throws IOException;
    }

    /** Waits until something accepts connections on the port, asking {@code starting} between attempts. */
    static void awaitListening(int port, long timeoutMs, StillStarting starting) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            starting.check();
            try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IOException("MQTT broker did not listen on port " + port + " within " + timeoutMs + " ms", e);
                }
                try {
                    Thread.sleep(25);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", ie);
                }
            }
        }
    }
}
