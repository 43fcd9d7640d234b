package org.borderedge.launcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.borderedge.device.JsonSchemaCheck;

/**
 * Reads and checks the site file a technician edits (YAML or JSON): first against
 * site.schema.json, then the cross-references a schema cannot express (unique ids, devices
 * pointing at declared lanes, a real time zone).
 */
public final class SiteFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaCheck SCHEMA = JsonSchemaCheck.fromResource(SiteFile.class, "site.schema.json");

    private SiteFile() {
    }

    public static Site load(Path file) throws SiteFileException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SiteFileException(file, List.of(new SiteFileException.Problem("$", "cannot read: " + e)));
        }
        JsonNode root;
        try {
            root = (file.toString().endsWith(".json") ? JSON : YAML).readTree(content);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            String msg = e.getOriginalMessage();
            throw new SiteFileException(file, List.of(new SiteFileException.Problem("$",
                    "not valid YAML/JSON: " + msg.lines().findFirst().orElse(msg) + where)));
        } catch (IOException e) {
            throw new SiteFileException(file, List.of(new SiteFileException.Problem("$", "cannot parse: " + e)));
        }
        if (root == null || !root.isObject()) {
            throw new SiteFileException(file, List.of(new SiteFileException.Problem("$", "the site file must be a mapping")));
        }
        List<SiteFileException.Problem> problems = new ArrayList<>();
        SCHEMA.check(root).forEach(v -> problems.add(new SiteFileException.Problem(v.path(), v.reason())));
        if (!problems.isEmpty()) {
            throw new SiteFileException(file, problems);
        }
        Site site = toSite(root);
        crossCheck(site, problems);
        if (!problems.isEmpty()) {
            throw new SiteFileException(file, problems);
        }
        return site;
    }

    @SuppressWarnings("unchecked")
    private static Site toSite(JsonNode root) {
        JsonNode gw = root.path("gateway");
        List<Site.LaneEntry> lanes = new ArrayList<>();
        for (JsonNode l : root.path("lanes")) {
            lanes.add(new Site.LaneEntry(l.path("id").asText(), l.path("type").asText(), l.path("name").asText(""),
                    JSON.convertValue(l.path("options").isMissingNode() ? JSON.createObjectNode() : l.path("options"), Map.class)));
        }
        List<Site.DeviceEntry> devices = new ArrayList<>();
        for (JsonNode d : root.path("devices")) {
            devices.add(new Site.DeviceEntry(d.path("id").asText(), d.path("kind").asText(), d.path("lane").asText(""),
                    d.path("profile").asText(), d.path("endpoint").asText(),
                    JSON.convertValue(d.path("options").isMissingNode() ? JSON.createObjectNode() : d.path("options"), Map.class)));
        }
        Map<String, Map<String, Object>> configurations = new LinkedHashMap<>();
        root.path("configurations").fields().forEachRemaining(e ->
                configurations.put(e.getKey(), JSON.convertValue(e.getValue(), Map.class)));
        List<String> profileDirs = new ArrayList<>();
        root.path("profileDirectories").forEach(n -> profileDirs.add(n.asText()));
        return new Site(gw.path("id").asText(), gw.path("name").asText(""), gw.path("timeZone").asText("Asia/Ho_Chi_Minh"),
                profileDirs, lanes, devices, configurations);
    }

    private static void crossCheck(Site site, List<SiteFileException.Problem> problems) {
        try {
            ZoneId.of(site.timeZone());
        } catch (DateTimeException e) {
            problems.add(new SiteFileException.Problem("$.gateway.timeZone", "unknown time zone '" + site.timeZone() + "'"));
        }
        Set<String> laneIds = new HashSet<>();
        for (int i = 0; i < site.lanes().size(); i++) {
            if (!laneIds.add(site.lanes().get(i).id())) {
                problems.add(new SiteFileException.Problem("$.lanes[" + i + "].id",
                        "lane id '" + site.lanes().get(i).id() + "' is used twice"));
            }
        }
        Map<String, Integer> deviceIds = new HashMap<>();
        for (int i = 0; i < site.devices().size(); i++) {
            Site.DeviceEntry d = site.devices().get(i);
            if (deviceIds.putIfAbsent(d.id(), i) != null) {
                problems.add(new SiteFileException.Problem("$.devices[" + i + "].id", "device id '" + d.id() + "' is used twice"));
            }
            if (!d.lane().isEmpty() && !laneIds.contains(d.lane())) {
                problems.add(new SiteFileException.Problem("$.devices[" + i + "].lane",
                        "lane '" + d.lane() + "' is not declared in $.lanes"));
            }
            if (!d.profile().startsWith(d.kind() + "/")) {
                problems.add(new SiteFileException.Problem("$.devices[" + i + "].profile",
                        "profile '" + d.profile() + "' is not a " + d.kind() + " profile (expected " + d.kind() + "/...)"));
            }
        }
    }
}
