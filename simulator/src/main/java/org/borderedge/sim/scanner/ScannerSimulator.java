package org.borderedge.sim.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.borderedge.sim.serial.TcpDevicePort;

/**
 * A container / baggage scanner's control socket (protocol: device-profiles/scanner/PROTOCOL.md,
 * gateway profile scanner/generic-tcpjson). It acknowledges each scan request and, after the scan
 * time, answers with the verdict set for that vehicle (or the default verdict) and an image reference.
 */
public final class ScannerSimulator implements AutoCloseable {

    public static final String PROFILE_ID = "scanner/generic-tcpjson";

    public enum Verdict { CLEAR, SUSPECT, ERROR }

    /** A scan request as the scanner received it. */
    public record Request(String requestId, String laneId, String vehicleRef) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TcpDevicePort port;
    private final ScheduledExecutorService scans;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final Map<String, Verdict> verdictByVehicle = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Verdict defaultVerdict = Verdict.CLEAR;
    private volatile long scanMillis;
    private volatile boolean busy;
    private volatile boolean answerPings = true;

    private ScannerSimulator(TcpDevicePort port, long scanMillis) {
        this.port = port;
        this.scanMillis = scanMillis;
        this.scans = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim scanner");
            t.setDaemon(true);
            return t;
        });
        port.onReceive(this::received);
    }

    /** Listens on {@code tcpPort} (0 = a free port); each scan takes {@code scanMillis}. */
    public static ScannerSimulator start(int tcpPort, long scanMillis) throws IOException {
        return new ScannerSimulator(new TcpDevicePort(tcpPort), scanMillis);
    }

    public int port() {
        return port.port();
    }

    public String gatewayEndpoint() {
        return port.gatewayEndpoint();
    }

    public ScannerSimulator defaultVerdict(Verdict v) {
        defaultVerdict = v;
        return this;
    }

    /** The verdict the next scan of this vehicle gets (e.g. SUSPECT for the red-channel demo truck). */
    public ScannerSimulator verdictFor(String vehicleRef, Verdict v) {
        verdictByVehicle.put(vehicleRef, v);
        return this;
    }

    public ScannerSimulator scanMillis(long ms) {
        scanMillis = ms;
        return this;
    }

    /** While busy, requests are refused with "busy". */
    public ScannerSimulator busy(boolean on) {
        busy = on;
        return this;
    }

    /** Tells connected gateways whether the scanner is ready (e.g. false while warming up). */
    public ScannerSimulator ready(boolean ready, String detail) {
        ObjectNode m = JSON.createObjectNode().put("type", "status").put("ready", ready).put("detail", detail);
        send(m);
        return this;
    }

    /** Stops answering heartbeats (a hung control system). */
    public ScannerSimulator answerPings(boolean on) {
        answerPings = on;
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public int connectedGateways() {
        return port.clients();
    }

    private synchronized void received(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8).strip();
                line.reset();
                if (!text.isEmpty()) {
                    handle(text);
                }
            } else if (line.size() < 8192) {
                line.write(b);
            }
        }
    }

    private void handle(String text) {
        JsonNode msg;
        try {
            msg = JSON.readTree(text);
        } catch (IOException e) {
            send(JSON.createObjectNode().put("type", "error").put("detail", "not JSON"));
            return;
        }
        switch (msg.path("type").asText()) {
            case "ping":
                if (answerPings) {
                    send(JSON.createObjectNode().put("type", "pong"));
                }
                break;
            case "scan-request": {
                Request r = new Request(msg.path("requestId").asText(), msg.path("laneId").asText(), msg.path("vehicleRef").asText());
                if (busy) {
                    send(JSON.createObjectNode().put("type", "busy").put("requestId", r.requestId()).put("detail", "scan in progress"));
                    return;
                }
                requests.add(r);
                send(JSON.createObjectNode().put("type", "ack").put("requestId", r.requestId()));
                Verdict v = verdictByVehicle.getOrDefault(r.vehicleRef(), defaultVerdict);
                scans.schedule(() -> send(JSON.createObjectNode().put("type", "scan-result").put("requestId", r.requestId())
                        .put("verdict", v.name()).put("imageRef", "scan/" + LocalDate.now() + "/" + r.requestId() + ".png")
                        .put("detail", v == Verdict.SUSPECT ? "density anomaly in the rear third" : v == Verdict.ERROR ? "x-ray source fault" : "")),
                        scanMillis, TimeUnit.MILLISECONDS);
                break;
            }
            default:
                send(JSON.createObjectNode().put("type", "error").put("detail", "unknown type"));
        }
    }

    private void send(ObjectNode msg) {
        port.write((msg.toString() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Drops gateway connections (network cut); the port keeps listening. */
    public void dropConnections() {
        port.dropClients();
    }

    @Override
    public void close() {
        scans.shutdownNow();
        port.close();
    }
}
