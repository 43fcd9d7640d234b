package org.borderedge.sim.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.borderedge.core.Declaration;
import org.borderedge.sim.broker.MqttBroker;
import org.borderedge.sim.camera.CameraEmulator;
import org.borderedge.sim.central.CentralSimulator;
import org.borderedge.sim.modbus.BarrierPhysics;
import org.borderedge.sim.modbus.LaneBarriers;
import org.borderedge.sim.modbus.RelayBoardSimulator;
import org.borderedge.sim.scanner.ScannerSimulator;
import org.borderedge.sim.serial.PtyPair;
import org.borderedge.sim.serial.QrReaderSimulator;
import org.borderedge.sim.serial.ScaleProtocol;
import org.borderedge.sim.serial.SerialDevicePort;
import org.borderedge.sim.serial.SerialLaneRig;
import org.borderedge.sim.serial.TcpDevicePort;

/**
 * A whole checkpoint's field side and its central system, simulated: per truck lane a relay board
 * with barrier physics, a scale, a QR reader and an e-seal reader, and a push ANPR camera; per
 * border-resident lane ({@code resident-trade}) a relay board and the QR / card reader residents
 * show their code at; one container scanner shared by the truck lanes; the central simulator on
 * the broker. It writes the site file that
 * points a real gateway at all of it (devices, lanes, sync, pull token, console administrator) and,
 * once the gateway runs, drives vehicles through the lanes ({@link #driver()}).
 *
 * <pre>
 * SimulatedCheckpoint cp = SimulatedCheckpoint.start("VN-LS-01", lanes, broker, Credentials.generate(), work, false);
 * cp.writeSiteFile(site, true);                 // then start the gateway on it
 * cp.attach(URI.create("http://127.0.0.1:" + port));
 * cp.publishReferenceData(1, declarations, watchlist, Duration.ofSeconds(30));
 * cp.driver().drive(vehicle);                   // VehicleDriver.Outcome: the gateway's decisions
 * </pre>
 */
public final class SimulatedCheckpoint implements AutoCloseable {

    public static final String TOPIC_PREFIX = "borderedge";
    public static final String SCANNER_ID = "scanner-1";
    /** Duty-free goods value per border resident and day in the simulated resident lanes (the commonly cited 2,000,000 VND). */
    public static final long RESIDENT_QUOTA_VND = 2_000_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A lane to simulate; {@code options} go to the lane engine's configuration on top of {@link #defaultLaneOptions}. */
    public record LaneSpec(String id, String type, Map<String, Object> options) {
    }

    /** Secrets shared by the gateway and the simulators of one run or one data dir. */
    public record Credentials(String pullToken, String adminUser, String adminPassword, String centralHmacKey,
            String cameraUser, String cameraPassword) {

        public static Credentials generate() {
            return new Credentials(token(32), "admin-" + token(3).toLowerCase().replaceAll("[^a-z0-9]", "x"), token(18),
                    token(32), "anpr", token(12));
        }

        static String token(int bytes) {
            byte[] b = new byte[bytes];
            RANDOM.nextBytes(b);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        }
    }

    public static final String RESIDENT_TRADE = "resident-trade";

    /**
     * One simulated lane's devices. A resident-trade lane has only its barrier and {@code qr} (the
     * resident card / code reader): {@code rig} and {@code camera} are null there.
     */
    public record SimLane(LaneSpec spec, SerialLaneRig rig, CameraEmulator camera, int cameraChannel, QrReaderSimulator qr) {

        public boolean residentTrade() {
            return rig == null;
        }
    }

    private final String gatewayId;
    private final List<LaneSpec> laneSpecs;
    private final Credentials credentials;
    private final MqttBroker broker;
    private final LaneBarriers barriers;
    private final Map<String, SimLane> lanes = new LinkedHashMap<>();
    /** Resident lanes' readers and their pty pairs, which no lane rig owns. */
    private final List<AutoCloseable> residentDevices = new ArrayList<>();
    private final ScannerSimulator scanner;
    private final CentralSimulator central;
    /** Where the smart cameras' pictures go, so decisions carry plate-crop evidence. */
    private final Path evidenceRoot;
    private final Map<String, List<JsonNode>> centralDecisions = new ConcurrentHashMap<>();
    private final List<JsonNode> centralCycles = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile URI gatewayUrl;
    private volatile GatewayFeed feed;
    private volatile OfficerClient officer;
    private volatile VehicleDriver driver;

    private SimulatedCheckpoint(String gatewayId, List<LaneSpec> laneSpecs, Credentials credentials, MqttBroker broker,
            LaneBarriers barriers, ScannerSimulator scanner, CentralSimulator central, Path evidenceRoot) {
        this.gatewayId = gatewayId;
        this.evidenceRoot = evidenceRoot;
        this.laneSpecs = List.copyOf(laneSpecs);
        this.credentials = credentials;
        this.broker = broker;
        this.barriers = barriers;
        this.scanner = scanner;
        this.central = central;
        central.onEvent(e -> {
            String type = e.path("type").asText();
            if ("DECISION".equals(type)) {
                centralDecisions.computeIfAbsent(e.path("payload").path("cycleId").asText(), k -> new CopyOnWriteArrayList<>()).add(e);
            } else if ("CYCLE_COMPLETED".equals(type)) {
                centralCycles.add(e);
            }
        });
    }

    /**
     * Starts every simulator. Serial devices sit on pty pairs when {@code usePty} and socat is
     * installed, otherwise on loopback TCP ports (as behind a serial-device server), so the demo
     * needs only a JDK. The broker must be running; the central connects to it now.
     */
    public static SimulatedCheckpoint start(String gatewayId, List<LaneSpec> laneSpecs, MqttBroker broker, Credentials credentials,
            Path workDir, boolean usePty) throws IOException {
        List<String> ids = laneSpecs.stream().map(LaneSpec::id).toList();
        LaneBarriers barriers = LaneBarriers.start(ids, Duration.ofMillis(800));
        ScannerSimulator scanner = null;
        CentralSimulator central = null;
        SimulatedCheckpoint cp = null;
        List<AutoCloseable> started = new ArrayList<>();
        try {
            scanner = ScannerSimulator.start(0, 1500);
            started.add(scanner);
            central = CentralSimulator.start(broker.url(), TOPIC_PREFIX, credentials.centralHmacKey().getBytes(StandardCharsets.UTF_8),
                    "central-sim-" + gatewayId, Clock.systemUTC());
            started.add(central);
            cp = new SimulatedCheckpoint(gatewayId, laneSpecs, credentials, broker, barriers, scanner, central,
                    workDir.resolve("camera-evidence").toAbsolutePath());
            int channel = 1;
            for (LaneSpec spec : laneSpecs) {
                if (RESIDENT_TRADE.equals(spec.type())) {
                    QrReaderSimulator reader = residentReader(cp, spec.id(), usePty ? workDir.resolve("pty") : null);
                    cp.lanes.put(spec.id(), new SimLane(spec, null, null, 0, reader));
                    continue;
                }
                SerialLaneRig rig = usePty ? SerialLaneRig.startBest(workDir.resolve("pty"), spec.id(), ScaleProtocol.YAOHUA_A9)
                        : SerialLaneRig.startOverTcp(spec.id(), ScaleProtocol.YAOHUA_A9);
                started.add(rig);
                CameraEmulator camera = CameraEmulator.start(0).channel(channel);
                started.add(camera);
                cp.lanes.put(spec.id(), new SimLane(spec, rig, camera, channel, rig.qr()));
                channel++;
            }
            return cp;
        } catch (IOException | RuntimeException | org.eclipse.paho.client.mqttv3.MqttException e) {
            barriers.close();
            if (cp != null) {
                cp.closeResidentDevices();
            }
            for (AutoCloseable c : started) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // already failing: the first problem is the one reported
                }
            }
            throw e instanceof IOException io ? io : new IOException("starting the simulated checkpoint: " + e, e);
        }
    }

    /**
     * The code reader of a resident lane: on a pty pair when {@code ptyDir} is given and socat is
     * installed, else on a loopback TCP port (as behind a serial-device server). The checkpoint
     * closes it.
     */
    private static QrReaderSimulator residentReader(SimulatedCheckpoint cp, String laneId, Path ptyDir) throws IOException {
        if (ptyDir != null && SerialLaneRig.socatAvailable()) {
            Files.createDirectories(ptyDir);
            PtyPair cable = PtyPair.open(ptyDir, laneId + "-qr");
            QrReaderSimulator reader;
            try {
                reader = new QrReaderSimulator(SerialDevicePort.of(cable));
            } catch (RuntimeException e) {
                cable.stop();
                throw e;
            }
            cp.residentDevices.add(reader);
            cp.residentDevices.add(cable);
            return reader;
        }
        QrReaderSimulator reader = new QrReaderSimulator(new TcpDevicePort(0));
        cp.residentDevices.add(reader);
        return reader;
    }

    /** Lane engine settings that keep a simulated cycle short (seconds, not minutes). */
    public static Map<String, Object> defaultLaneOptions(String laneType) {
        Map<String, Object> o = new LinkedHashMap<>();
        if (RESIDENT_TRADE.equals(laneType)) {
            // Residents show a code at the reader: no plate, scale, seal or scanner; the quota is the lane's.
            o.put("check.plate", false);
            o.put("check.weight", false);
            o.put("check.seal", false);
            o.put("check.containers", false);
            o.put("identification.timeout.ms", 4000);
            o.put("clearance.delay.ms", 1000);
            o.put("resident.quota.vnd", RESIDENT_QUOTA_VND);
            o.put("resident.quota.period", "DAY");
            return o;
        }
        o.put("device.ids", List.of(SCANNER_ID));
        o.put("identification.timeout.ms", 4000);
        o.put("weighing.timeout.ms", 15000);
        o.put("seal.timeout.ms", 8000);
        o.put("scan.timeout.ms", 20000);
        o.put("clearance.delay.ms", 1000);
        // The push camera reports plates only: container numbers would need a recognising camera.
        o.put("check.containers", false);
        return o;
    }

    /** The site file as a map: lanes, every simulated device, the sync broker; secrets only when asked. */
    public Map<String, Object> site(boolean withSecrets) {
        Map<String, Object> site = new LinkedHashMap<>();
        site.put("schemaVersion", 1);
        site.put("gateway", Map.of("id", gatewayId, "name", "Simulated checkpoint " + gatewayId, "timeZone", "Asia/Ho_Chi_Minh"));
        List<Map<String, Object>> laneEntries = new ArrayList<>();
        for (LaneSpec spec : laneSpecs) {
            Map<String, Object> options = defaultLaneOptions(spec.type());
            options.putAll(spec.options() == null ? Map.of() : spec.options());
            laneEntries.add(Map.of("id", spec.id(), "type", spec.type(), "options", options));
        }
        site.put("lanes", laneEntries);
        List<Map<String, Object>> devices = new ArrayList<>();
        for (SimLane lane : lanes.values()) {
            devices.add(barriers.siteDevice(lane.spec().id()));
            if (lane.residentTrade()) {
                devices.add(new SerialLaneRig.DeviceEntry(lane.spec().id() + "-qr", lane.spec().id(), "qr-reader",
                        QrReaderSimulator.PROFILE_ID, lane.qr().port().gatewayEndpoint(), Map.of()).asSiteEntry());
                continue;
            }
            lane.rig().devices().forEach(d -> devices.add(d.asSiteEntry()));
            Map<String, Object> camera = new LinkedHashMap<>();
            camera.put("id", cameraId(lane.spec().id()));
            camera.put("kind", "camera");
            camera.put("lane", lane.spec().id());
            camera.put("profile", "camera/hikvision-isapi-push");
            camera.put("endpoint", "isapi-push://127.0.0.1?channel=" + lane.cameraChannel());
            Map<String, Object> camOptions = new LinkedHashMap<>();
            camOptions.put("user", credentials.cameraUser());
            camOptions.put("password", credentials.cameraPassword());
            camOptions.put("auth", "basic");
            camOptions.put("evidenceDir", evidenceRoot.resolve(lane.spec().id()).toString());
            camOptions.put("evidenceKeep", 200);
            camera.put("options", camOptions);
            devices.add(camera);
        }
        devices.add(SerialLaneRig.scannerEntry(scanner, SCANNER_ID, "").asSiteEntry());
        site.put("devices", devices);
        Map<String, Map<String, Object>> configurations = new LinkedHashMap<>();
        configurations.put("org.borderedge.sync.mqtt", Map.of("brokerUrl", broker.url(), "clientId", gatewayId,
                "reconnectMinMs", 200, "reconnectMaxMs", 2000));
        if (withSecrets) {
            secretConfigurations().forEach((pid, props) -> {
                Map<String, Object> merged = new LinkedHashMap<>(configurations.getOrDefault(pid, Map.of()));
                merged.putAll(props);
                configurations.put(pid, merged);
            });
        }
        site.put("configurations", configurations);
        return site;
    }

    /** Configurations holding secrets, for a launcher that takes them apart from the site file. */
    public Map<String, Map<String, Object>> secretConfigurations() {
        Map<String, Map<String, Object>> secrets = new LinkedHashMap<>();
        secrets.put("org.borderedge.api.http", Map.of("pullToken", credentials.pullToken()));
        secrets.put("org.borderedge.sync.mqtt", Map.of("hmacKey", credentials.centralHmacKey()));
        secrets.put("org.borderedge.console", Map.of("bootstrapAdminUser", credentials.adminUser(),
                "bootstrapAdminPassword", credentials.adminPassword()));
        return secrets;
    }

    /**
     * Writes the site file. The cameras' push password is in their device options either way (it is
     * generated per run); the other secrets only with {@code withSecrets}.
     */
    public Path writeSiteFile(Path file, boolean withSecrets) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, "# Generated by the BorderEdge simulated checkpoint: a site file pointing at simulated devices.\n"
                + yaml.writeValueAsString(site(withSecrets)));
        return file;
    }

    /** Connects the drivers to a running gateway (its HTTP base URL); call again after the port changes. */
    public synchronized void attach(URI gatewayBaseUrl) {
        if (feed != null) {
            feed.close();
        }
        gatewayUrl = gatewayBaseUrl;
        feed = new GatewayFeed(gatewayBaseUrl, credentials.pullToken(), 200);
        officer = new OfficerClient(gatewayBaseUrl, credentials.adminUser(), credentials.adminPassword());
        driver = new VehicleDriver(this);
    }

    /** Publishes the declaration set (and watchlist), keeps the gateway current after restarts, waits for it to be applied. */
    public boolean publishReferenceData(long version, List<Declaration> declarations, List<Map<String, Object>> watchlist,
            Duration timeout) throws InterruptedException {
        Map<String, Object> snapshot = CentralSimulator.snapshot(gatewayId, version, declarations, watchlist, null, null);
        central.keepGatewayCurrent(gatewayId, snapshot);
        // The gateway's birth may already have pulled this version: publishing it again would only be refused.
        if (central.awaitReply("refdata:" + version, Duration.ofMillis(500)).isPresent()) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String ref = central.publishReferenceData(gatewayId, snapshot);
                if (central.awaitReply(ref, Duration.ofSeconds(3)).isPresent()) {
                    return true;
                }
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                Thread.sleep(500);
            }
        }
        return false;
    }

    /** Waits until GET /api/v1/health shows every simulated device ONLINE and no lane STARTING. */
    public boolean awaitAllOnline(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode h = health();
            if (h != null && h.path("devices").size() > 0) {
                boolean ok = true;
                for (JsonNode d : h.path("devices")) {
                    ok &= "ONLINE".equals(d.path("status").asText());
                }
                for (JsonNode l : h.path("lanes")) {
                    ok &= !"STARTING".equals(l.path("state").asText());
                }
                if (ok) {
                    return true;
                }
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** The gateway's health document, or null when it does not answer. */
    public JsonNode health() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(gatewayUrl.resolve("/api/v1/health"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** A lane's state in health ("" when unknown). */
    public String laneState(String laneId) {
        JsonNode h = health();
        if (h != null) {
            for (JsonNode l : h.path("lanes")) {
                if (laneId.equals(l.path("id").asText())) {
                    return l.path("state").asText();
                }
            }
        }
        return "";
    }

    public static String cameraId(String laneId) {
        return laneId + "-camera";
    }

    public String gatewayId() {
        return gatewayId;
    }

    public Credentials credentials() {
        return credentials;
    }

    public List<LaneSpec> laneSpecs() {
        return laneSpecs;
    }

    public SimLane lane(String laneId) {
        SimLane l = lanes.get(laneId);
        if (l == null) {
            throw new IllegalArgumentException("no simulated lane " + laneId + " (lanes: " + lanes.keySet() + ")");
        }
        return l;
    }

    public BarrierPhysics barrier(String laneId) {
        return barriers.barrier(laneId);
    }

    public RelayBoardSimulator relayBoard(String laneId) {
        return barriers.simulator(laneId);
    }

    public ScannerSimulator scanner() {
        return scanner;
    }

    public CentralSimulator central() {
        return central;
    }

    public MqttBroker broker() {
        return broker;
    }

    public URI gatewayUrl() {
        return gatewayUrl;
    }

    public GatewayFeed feed() {
        return feed;
    }

    public OfficerClient officer() {
        return officer;
    }

    public VehicleDriver driver() {
        return driver;
    }

    /** DECISION events the central received for a cycle, in arrival order. */
    public List<JsonNode> centralDecisions(String cycleId) {
        return List.copyOf(centralDecisions.getOrDefault(cycleId, List.of()));
    }

    /** CYCLE_COMPLETED events the central received. */
    public List<JsonNode> centralCycles() {
        return List.copyOf(centralCycles);
    }

    private void closeResidentDevices() {
        for (AutoCloseable c : residentDevices) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing a simulator: nothing left to do about it
            }
        }
        residentDevices.clear();
    }

    @Override
    public synchronized void close() {
        if (feed != null) {
            feed.close();
        }
        for (SimLane l : lanes.values()) {
            if (!l.residentTrade()) {
                l.camera().close();
                l.rig().close();
            }
        }
        closeResidentDevices();
        barriers.close();
        scanner.close();
        central.close();
    }
}
