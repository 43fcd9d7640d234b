package org.borderedge.api.http.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.borderedge.lane.LaneState;

/**
 * Computes GET /api/v1/health from what the framework shows. DOWN: a bundle is not running or a
 * configured lane is missing. DEGRADED: a device is not ONLINE (or never started), a lane needs a
 * technician, or the outbox is missing or degraded. Otherwise UP. Reasons say which.
 */
final class HealthReport {

    record BundleInfo(String name, String state, boolean fragment) {
        boolean healthy() {
            return fragment ? "RESOLVED".equals(state) : "ACTIVE".equals(state);
        }
    }

    record DeviceInfo(String id, String kind, String status, String reason) {
    }

    record LaneInfo(String id, String type, String state) {
    }

    record OutboxInfo(long pending, long oldestPendingAgeMs, String degradedReason) {
    }

    /** The lane state in which the lane cannot run unattended: a technician owns the barrier. */
    private static final String LANE_NEEDS_TECHNICIAN = LaneState.MANUAL.name();

    private HealthReport() {
    }

    /**
     * @param configuredDevices id → kind, from the site file
     * @param outbox null when no outbox service is running
     */
    static Map<String, Object> build(String gatewayId, List<BundleInfo> bundles, List<DeviceInfo> devices,
            List<LaneInfo> lanes, OutboxInfo outbox, List<String> configuredLanes, Map<String, String> configuredDevices) {
        List<String> down = new ArrayList<>();
        List<String> degraded = new ArrayList<>();
        for (BundleInfo b : bundles) {
            if (!b.healthy()) {
                down.add("bundle " + b.name() + " is " + b.state());
            }
        }
        Set<String> laneIds = new LinkedHashSet<>();
        for (LaneInfo l : lanes) {
            laneIds.add(l.id());
            if (LANE_NEEDS_TECHNICIAN.equals(l.state())) {
                degraded.add("lane " + l.id() + " is " + l.state());
            }
        }
        for (String configured : configuredLanes) {
            if (!laneIds.contains(configured)) {
                down.add("lane " + configured + " is configured but not running");
            }
        }
        List<DeviceInfo> allDevices = new ArrayList<>(devices);
        Set<String> deviceIds = new LinkedHashSet<>();
        devices.forEach(d -> deviceIds.add(d.id()));
        configuredDevices.forEach((id, kind) -> {
            if (!deviceIds.contains(id)) {
                allDevices.add(new DeviceInfo(id, kind, "OFFLINE", "device component not started"));
            }
        });
        allDevices.sort((a, b) -> a.id().compareTo(b.id()));
        for (DeviceInfo d : allDevices) {
            if (!"ONLINE".equals(d.status())) {
                degraded.add("device " + d.id() + " is " + d.status() + (d.reason().isEmpty() ? "" : ": " + d.reason()));
            }
        }
        Map<String, Object> outboxJson = new LinkedHashMap<>();
        if (outbox == null) {
            degraded.add("outbox is not running");
            outboxJson.put("pending", null);
            outboxJson.put("oldestPendingAgeMs", null);
        } else {
            outboxJson.put("pending", outbox.pending());
            outboxJson.put("oldestPendingAgeMs", outbox.oldestPendingAgeMs());
            if (outbox.degradedReason() != null && !outbox.degradedReason().isEmpty()) {
                degraded.add("outbox: " + outbox.degradedReason());
            }
        }
        String status = !down.isEmpty() ? "DOWN" : !degraded.isEmpty() ? "DEGRADED" : "UP";
        List<String> reasons = new ArrayList<>(down);
        reasons.addAll(degraded);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status);
        json.put("gatewayId", gatewayId);
        json.put("reasons", reasons);
        json.put("bundles", bundles.stream().map(b -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", b.name());
            m.put("state", b.state());
            m.put("fragment", b.fragment());
            return m;
        }).toList());
        json.put("devices", allDevices.stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", d.id());
            m.put("kind", d.kind());
            m.put("status", d.status());
            m.put("reason", d.reason());
            return m;
        }).toList());
        json.put("lanes", lanes.stream().sorted((a, b) -> a.id().compareTo(b.id())).map(l -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", l.id());
            m.put("type", l.type());
            m.put("state", l.state());
            return m;
        }).toList());
        json.put("outbox", outboxJson);
        return json;
    }
}
