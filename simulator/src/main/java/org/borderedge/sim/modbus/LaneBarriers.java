package org.borderedge.sim.modbus;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated relay board with its barrier and loops per lane, each on its own Modbus TCP port,
 * and the site-file device entries that point the gateway at them. For the demo and scenarios.
 */
public final class LaneBarriers implements AutoCloseable {

    public static final String PROFILE = "barrier/waveshare-relay8";

    private final Map<String, RelayBoardSimulator> lanes;

    private LaneBarriers(Map<String, RelayBoardSimulator> lanes) {
        this.lanes = lanes;
    }

    /** Starts a board per lane on free loopback ports; the boom takes {@code travel} to open or close. */
    public static LaneBarriers start(List<String> laneIds, Duration travel) throws IOException {
        Map<String, RelayBoardSimulator> lanes = new LinkedHashMap<>();
        try {
            for (String lane : laneIds) {
                lanes.put(lane, RelayBoardSimulator.builder().board(1, PROFILE, Map.of()).travel(travel).startTcp(0));
            }
        } catch (IOException | RuntimeException e) {
            lanes.values().forEach(RelayBoardSimulator::close);
            throw e;
        }
        return new LaneBarriers(lanes);
    }

    /** The device id the site entry uses for a lane's barrier. */
    public static String deviceId(String laneId) {
        return laneId + "-barrier";
    }

    /** Site-file device entry: id, kind, lane, profile, endpoint, options. */
    public Map<String, Object> siteDevice(String laneId) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", deviceId(laneId));
        d.put("kind", "barrier");
        d.put("lane", laneId);
        d.put("profile", PROFILE);
        d.put("endpoint", simulator(laneId).endpointUri(1) + "&timeoutMs=500");
        d.put("options", Map.of("pollMs", 100, "pulseMs", 300));
        return d;
    }

    public List<Map<String, Object>> siteDevices() {
        List<Map<String, Object>> out = new ArrayList<>();
        lanes.keySet().forEach(l -> out.add(siteDevice(l)));
        return out;
    }

    public RelayBoardSimulator simulator(String laneId) {
        RelayBoardSimulator s = lanes.get(laneId);
        if (s == null) {
            throw new IllegalArgumentException("no simulated barrier for lane " + laneId + " (lanes: " + lanes.keySet() + ")");
        }
        return s;
    }

    /** The lane's boom and vehicle: vehicleArrives(), vehicleAdvances(), driveThrough(...), forceOpen(...). */
    public BarrierPhysics barrier(String laneId) {
        return simulator(laneId).barrier(1);
    }

    @Override
    public void close() {
        lanes.values().forEach(RelayBoardSimulator::close);
    }
}
