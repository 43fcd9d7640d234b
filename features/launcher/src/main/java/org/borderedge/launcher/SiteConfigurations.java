package org.borderedge.launcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a site into ConfigAdmin configurations: a factory configuration per lane
 * ({@code org.borderedge.lane~<id>}) and per device ({@code org.borderedge.device~<id>}), the
 * profile folders, then the site's own component configurations and the caller's extras.
 */
final class SiteConfigurations {

    static final String LANE_FACTORY = "org.borderedge.lane";
    static final String DEVICE_FACTORY = "org.borderedge.device";
    static final String PROFILES_PID = "org.borderedge.device.profiles";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SiteConfigurations() {
    }

    static Map<String, Map<String, Object>> of(Site site, Path siteDir, Map<String, Map<String, Object>> extra) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        Map<String, Object> profiles = new LinkedHashMap<>();
        profiles.put("directories", site.profileDirectories().stream()
                .map(d -> siteDir.resolve(d).toAbsolutePath().normalize().toString()).toArray(String[]::new));
        out.put(PROFILES_PID, profiles);
        for (Site.LaneEntry lane : site.lanes()) {
            Map<String, Object> p = new LinkedHashMap<>();
            lane.options().forEach((k, v) -> p.put(k, toConfigValue(v)));
            p.put("lane.id", lane.id());
            p.put("lane.type", lane.type());
            p.put("lane.name", lane.name());
            p.put("lane.devices", site.devices().stream().filter(d -> d.lane().equals(lane.id()))
                    .map(Site.DeviceEntry::id).toArray(String[]::new));
            out.put(LANE_FACTORY + "~" + lane.id(), p);
        }
        for (Site.DeviceEntry device : site.devices()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("device.id", device.id());
            p.put("device.kind", device.kind());
            p.put("lane.id", device.lane());
            p.put("profile", device.profile());
            p.put("endpoint", device.endpoint());
            p.put("options", json(device.options()));
            out.put(DEVICE_FACTORY + "~" + device.id(), p);
        }
        merge(out, site.configurations());
        merge(out, extra);
        return out;
    }

    private static void merge(Map<String, Map<String, Object>> into, Map<String, Map<String, Object>> from) {
        from.forEach((pid, props) -> {
            Map<String, Object> target = into.computeIfAbsent(pid, k -> new LinkedHashMap<>());
            props.forEach((k, v) -> target.put(k, toConfigValue(v)));
        });
    }

    /** ConfigAdmin takes scalars and arrays of scalars; anything nested travels as a JSON string. */
    static Object toConfigValue(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof String[]) {
            return v;
        }
        if (v instanceof List<?> list && list.stream().allMatch(e -> e instanceof String || e instanceof Number || e instanceof Boolean)) {
            return list.stream().map(String::valueOf).toArray(String[]::new);
        }
        return json(v);
    }

    private static String json(Object v) {
        try {
            return JSON.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise configuration value " + v, e);
        }
    }
}
