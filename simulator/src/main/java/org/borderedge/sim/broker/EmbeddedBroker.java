package org.borderedge.sim.broker;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;

/** Moquette in this JVM, for machines without Mosquitto. In-memory, loopback only. */
public final class EmbeddedBroker implements MqttBroker {

    private final Path workDir;
    private final int port;
    private Server server;

    public EmbeddedBroker(Path workDir, int port) {
        this.workDir = workDir;
        this.port = port;
    }

    @Override
    public synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        Properties p = new Properties();
        p.setProperty("host", "127.0.0.1");
        p.setProperty("port", Integer.toString(port));
        p.setProperty("allow_anonymous", "true");
        p.setProperty("persistence_enabled", "false");
        p.setProperty("data_path", workDir.resolve("moquette").toString());
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("netty.mqtt.message_size", Integer.toString(8 * 1024 * 1024));
        Server s = new Server();
        s.startServer(new MemoryConfig(p));
        server = s;
        MqttBroker.awaitListening(port, 10_000);
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stopServer();
            server = null;
        }
    }

    @Override
    public synchronized boolean running() {
        return server != null;
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
        return "moquette";
    }

    @Override
    public void close() {
        stop();
    }
}
