package org.borderedge.sim.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A parsed scenario file (simulator/scenarios/*.yaml); see scenario.schema.json for the format. */
public record Scenario(String name, String description, Duration timeout, List<Lane> lanes,
        List<DeclarationSpec> declarations, List<WatchEntry> watchlist, List<Vehicle> vehicles, List<Fault> faults,
        boolean eventsAtCentralEqualGateway, int maxGaps) {

    public record Lane(String id, String type, Map<String, Object> options) {
    }

    public record DeclarationSpec(String id, List<String> plates, List<String> containers, List<String> seals,
            Double grossKg, String channel) {
    }

    public record WatchEntry(String subject, String value, String reason) {
    }

    /**
     * A truck going through a lane. {@code cameraReads} is what the camera reports when it differs
     * from the real plate; {@code stopsUnderBoom} how long it stands on the safety loop.
     */
    public record Vehicle(Duration at, String lane, String plate, String cameraReads, String qr, List<String> containers,
            Double weightKg, String sealId, String sealLock, String scan, Duration stopsUnderBoom, boolean tailgater,
            String expect) {
    }

    public record Fault(Duration at, String type, Duration duration, String device) {
    }
}
