package org.borderedge.demo;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.borderedge.sim.broker.MqttBroker;
import org.borderedge.sim.checkpoint.SimulatedCheckpoint;
import org.borderedge.sim.checkpoint.TrafficGenerator;

/**
 * The simulated side of the demo checkpoint: lanes, every device of each lane simulated (truck
 * lanes: relay board with barrier and loops, scale, QR and e-seal readers, push ANPR camera;
 * resident lanes: relay board and the residents' code reader; one shared scanner), the central
 * system with a declaration set, and continuous traffic (trucks, seals, residents). Writes the site
 * file a real site would have, pointing at the simulators' endpoints, so a technician can read in
 * DIR/site.yaml exactly how the demo gateway is wired. Serial devices sit on loopback TCP ports (as
 * behind a serial-device server), so the demo needs nothing beyond a JDK.
 */
final class DemoCheckpoint {

    static final String GATEWAY_ID = "VN-LS-DEMO-01";

    /** Lane types in the order {@code --lanes N} cycles through them, with the id prefix of each. */
    private static final List<String[]> LANE_KINDS = List.of(
            new String[] {"IMP", "road-import"},
            new String[] {"EXP", "road-export"},
            new String[] {"GATE-IN", "port-gate-in"},
            new String[] {"RES", "resident-trade"},
            new String[] {"GATE-OUT", "port-gate-out"});

    /** How many lanes the demo has without {@code --lanes}: road import, road export, port gate-in, border-resident trade. */
    static final int DEFAULT_LANES = 4;

    /**
     * {@code count} lanes cycling through road import, road export, port gate-in, border-resident
     * trade and port gate-out: IMP-1, EXP-1, GATE-IN-1, RES-1, GATE-OUT-1, IMP-2 ...
     */
    static List<String[]> lanes(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("--lanes must be at least 1: " + count);
        }
        List<String[]> lanes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[] kind = LANE_KINDS.get(i % LANE_KINDS.size());
            lanes.add(new String[] {kind[0] + "-" + (i / LANE_KINDS.size() + 1), kind[1]});
        }
        return lanes;
    }

    private final SimulatedCheckpoint checkpoint;
    private final TrafficGenerator traffic;
    private final Path siteFile;

    private DemoCheckpoint(SimulatedCheckpoint checkpoint, TrafficGenerator traffic, Path siteFile) {
        this.checkpoint = checkpoint;
        this.traffic = traffic;
        this.siteFile = siteFile;
    }

    static DemoCheckpoint start(Path dataDir, MqttBroker broker, DemoCredentials credentials, List<String[]> laneList) throws IOException {
        List<SimulatedCheckpoint.LaneSpec> lanes = new ArrayList<>();
        for (String[] lane : laneList) {
            lanes.add(new SimulatedCheckpoint.LaneSpec(lane[0], lane[1], Map.of()));
        }
        // The camera push password is generated per run; the other secrets are the data dir's.
        SimulatedCheckpoint.Credentials generated = SimulatedCheckpoint.Credentials.generate();
        SimulatedCheckpoint.Credentials c = new SimulatedCheckpoint.Credentials(credentials.pullToken(), credentials.adminUser(),
                credentials.adminPassword(), credentials.centralHmacKey(), generated.cameraUser(), generated.cameraPassword());
        SimulatedCheckpoint checkpoint = SimulatedCheckpoint.start(GATEWAY_ID, lanes, broker, c, dataDir, false);
        Path file = checkpoint.writeSiteFile(dataDir.resolve("site.yaml"), false);
        // This run's newcomers and new seals get ids of their own: the quota ledger and seal inventory outlive a run.
        TrafficGenerator traffic = new TrafficGenerator(lanes, 20261123L, Long.toString(Instant.now().getEpochSecond() % 1_679_616, 36)
                .toUpperCase(Locale.ROOT));
        checkpoint.central().keepGatewayCurrent(GATEWAY_ID, org.borderedge.sim.central.CentralSimulator.snapshot(GATEWAY_ID,
                1, traffic.declarations(), traffic.watchlist(), null, null));
        return new DemoCheckpoint(checkpoint, traffic, file);
    }

    Path siteFile() {
        return siteFile;
    }

    Map<String, Map<String, Object>> secretConfigurations() {
        return checkpoint.secretConfigurations();
    }

    SimulatedCheckpoint checkpoint() {
        return checkpoint;
    }

    /** Connects the drivers to the running gateway and starts the traffic once the declarations are in. */
    void startTraffic(URI gatewayUrl) throws InterruptedException {
        checkpoint.attach(gatewayUrl);
        if (!checkpoint.publishReferenceData(1, traffic.declarations(), traffic.watchlist(), Duration.ofSeconds(30))) {
            System.out.println("Demo: the gateway did not confirm the declaration set; traffic starts anyway");
        }
        traffic.start(checkpoint, System.out::println);
        System.out.println("Demo traffic running in " + checkpoint.laneSpecs().size() + " lanes ("
                + traffic.declarations().size() + " declarations at the central)");
    }

    void stop() {
        traffic.close();
        checkpoint.close();
    }
}
