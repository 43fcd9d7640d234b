package org.borderedge.launcher;

import java.util.List;
import java.util.Map;

/** A validated site file: one checkpoint gateway with its lanes, devices and component configurations. */
public record Site(String gatewayId, String gatewayName, String timeZone, List<String> profileDirectories,
        List<LaneEntry> lanes, List<DeviceEntry> devices, Map<String, Map<String, Object>> configurations) {

    public record LaneEntry(String id, String type, String name, Map<String, Object> options) {
    }

    public record DeviceEntry(String id, String kind, String lane, String profile, String endpoint,
            Map<String, Object> options) {
    }
}
