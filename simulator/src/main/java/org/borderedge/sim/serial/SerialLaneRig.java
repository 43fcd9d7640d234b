package org.borderedge.sim.serial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.borderedge.sim.scanner.ScannerSimulator;

/**
 * The serial side of one simulated lane, for the demo and scenarios: a scale and a QR reader on
 * their own pty pairs (or TCP ports, as behind a serial-device server, where socat is not
 * installed), an e-seal reader on a TCP port, and the site-file device entries that point a
 * gateway at them.
 *
 * <pre>
 * SerialLaneRig lane = SerialLaneRig.startBest(dataDir.resolve("pty"), "IMP-1", ScaleProtocol.YAOHUA_A9);
 * site devices += lane.devices();                       // then start the gateway
 * lane.scale().driveOn(25_340, 1500);                   // a truck of 25,340 kg drives on
 * lane.qr().presentDeclaration("305123456789", "51F67890", "");
 * lane.eseal().present("VNSEAL-0001", ESealSimulator.Lock.LOCKED);
 * lane.scale().driveOff(1500);
 * </pre>
 */
public final class SerialLaneRig implements AutoCloseable {

    /** One device entry of a site file. */
    public record DeviceEntry(String id, String lane, String kind, String profile, String endpoint, Map<String, Object> options) {

        /** As the site file's {@code devices} list holds it. */
        public Map<String, Object> asSiteEntry() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            if (lane != null && !lane.isEmpty()) {
                m.put("lane", lane);
            }
            m.put("kind", kind);
            m.put("profile", profile);
            m.put("endpoint", endpoint);
            if (!options.isEmpty()) {
                m.put("options", options);
            }
            return m;
        }
    }

    private final PtyPair scalePair;
    private final PtyPair qrPair;
    private final ScaleSimulator scale;
    private final QrReaderSimulator qr;
    private final ESealSimulator eseal;
    private final List<DeviceEntry> devices = new ArrayList<>();

    private SerialLaneRig(String laneId, PtyPair scalePair, PtyPair qrPair, ScaleSimulator scale, QrReaderSimulator qr,
            ESealSimulator eseal) {
        this.scalePair = scalePair;
        this.qrPair = qrPair;
        this.scale = scale;
        this.qr = qr;
        this.eseal = eseal;
        devices.add(new DeviceEntry(laneId + "-scale", laneId, "scale", scale.profileId(), scale.gatewayEndpoint(), Map.of()));
        devices.add(new DeviceEntry(laneId + "-qr", laneId, "qr-reader", QrReaderSimulator.PROFILE_ID, qr.port().gatewayEndpoint(), Map.of()));
        devices.add(new DeviceEntry(laneId + "-eseal", laneId, "eseal-reader", eseal.profileId(), eseal.port().gatewayEndpoint(), Map.of()));
    }

    /** Starts the lane's devices; pty links go under {@code ptyDir} (created if missing). */
    public static SerialLaneRig start(Path ptyDir, String laneId, ScaleProtocol protocol) throws IOException {
        Files.createDirectories(ptyDir);
        PtyPair scalePair = PtyPair.open(ptyDir, laneId + "-scale");
        PtyPair qrPair = null;
        try {
            qrPair = PtyPair.open(ptyDir, laneId + "-qr");
            ScaleSimulator scale = ScaleSimulator.start(protocol, SerialDevicePort.of(scalePair));
            QrReaderSimulator qr = new QrReaderSimulator(SerialDevicePort.of(qrPair));
            ESealSimulator eseal = new ESealSimulator(new TcpDevicePort(0), ESealSimulator.Format.JSON);
            return new SerialLaneRig(laneId, scalePair, qrPair, scale, qr, eseal);
        } catch (IOException | RuntimeException e) {
            scalePair.stop();
            if (qrPair != null) {
                qrPair.stop();
            }
            throw e;
        }
    }

    /** Everything on loopback TCP ports: no socat needed (the demo on a bare JDK). */
    public static SerialLaneRig startOverTcp(String laneId, ScaleProtocol protocol) throws IOException {
        TcpDevicePort scalePort = new TcpDevicePort(0);
        TcpDevicePort qrPort = new TcpDevicePort(0);
        ScaleSimulator scale = ScaleSimulator.start(protocol, scalePort);
        QrReaderSimulator qr = new QrReaderSimulator(qrPort);
        ESealSimulator eseal = new ESealSimulator(new TcpDevicePort(0), ESealSimulator.Format.JSON);
        return new SerialLaneRig(laneId, null, null, scale, qr, eseal);
    }

    /** Pty pairs when socat is on the PATH, TCP ports otherwise. */
    public static SerialLaneRig startBest(Path ptyDir, String laneId, ScaleProtocol protocol) throws IOException {
        return socatAvailable() ? start(ptyDir, laneId, protocol) : startOverTcp(laneId, protocol);
    }

    public static boolean socatAvailable() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "socat"))) {
                return true;
            }
        }
        return false;
    }

    /** The site-file entry for a scanner simulator (scanners often serve several lanes: lane may be empty). */
    public static DeviceEntry scannerEntry(ScannerSimulator scanner, String id, String laneId) {
        return new DeviceEntry(id, laneId, "scanner", ScannerSimulator.PROFILE_ID, scanner.gatewayEndpoint(), Map.of());
    }

    public ScaleSimulator scale() {
        return scale;
    }

    public QrReaderSimulator qr() {
        return qr;
    }

    public ESealSimulator eseal() {
        return eseal;
    }

    /** The scale's pty pair (stop() unplugs the scale, start() plugs it back); null when on TCP. */
    public PtyPair scaleCable() {
        return scalePair;
    }

    public List<DeviceEntry> devices() {
        return List.copyOf(devices);
    }

    @Override
    public void close() {
        scale.close();
        qr.close();
        eseal.close();
        if (scalePair != null) {
            scalePair.stop();
        }
        if (qrPair != null) {
            qrPair.stop();
        }
    }
}
