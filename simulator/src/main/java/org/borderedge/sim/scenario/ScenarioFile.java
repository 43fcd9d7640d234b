package org.borderedge.sim.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.borderedge.device.JsonSchemaCheck;

/** Reads a scenario file; every problem names the file, the field and the reason. */
public final class ScenarioFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchemaCheck SCHEMA = JsonSchemaCheck.fromResource(ScenarioFile.class, "scenario.schema.json");

    private ScenarioFile() {
    }

    public static Scenario load(Path file) throws IOException {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("scenario " + file + ": $: not valid YAML: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("scenario " + file + ": $: must be a mapping");
        }
        List<String> problems = new ArrayList<>();
        SCHEMA.check(root).forEach(v -> problems.add("scenario " + file + ": " + v.path() + ": " + v.reason()));
        if (problems.isEmpty()) {
            Scenario s = toScenario(root);
            Set<String> lanes = new HashSet<>();
            s.lanes().forEach(l -> lanes.add(l.id()));
            for (int i = 0; i < s.vehicles().size(); i++) {
                if (!lanes.contains(s.vehicles().get(i).lane())) {
                    problems.add("scenario " + file + ": $.vehicles[" + i + "].lane: lane '" + s.vehicles().get(i).lane()
                            + "' is not declared in $.lanes");
                }
            }
            if (problems.isEmpty()) {
                return s;
            }
        }
        throw new IllegalArgumentException(String.join(System.lineSeparator(), problems));
    }

    @SuppressWarnings("unchecked")
    private static Scenario toScenario(JsonNode r) {
        List<Scenario.Lane> lanes = new ArrayList<>();
        if (r.has("lanes")) {
            for (JsonNode l : r.path("lanes")) {
                lanes.add(new Scenario.Lane(l.path("id").asText(), l.path("type").asText(),
                        l.has("options") ? YAML.convertValue(l.path("options"), Map.class) : Map.of()));
            }
        } else {
            lanes.add(new Scenario.Lane("IMP-1", "road-import", Map.of()));
        }
        List<Scenario.DeclarationSpec> declarations = new ArrayList<>();
        for (JsonNode d : r.path("declarations")) {
            declarations.add(new Scenario.DeclarationSpec(d.path("id").asText(), strings(d.path("plates")),
                    strings(d.path("containers")), strings(d.path("seals")),
                    d.has("grossKg") ? d.path("grossKg").asDouble() : null, d.path("channel").asText()));
        }
        List<Scenario.WatchEntry> watchlist = new ArrayList<>();
        for (JsonNode w : r.path("watchlist")) {
            watchlist.add(new Scenario.WatchEntry(w.path("subject").asText(), w.path("value").asText(), w.path("reason").asText("")));
        }
        List<Scenario.Vehicle> vehicles = new ArrayList<>();
        for (JsonNode v : r.path("vehicles")) {
            vehicles.add(new Scenario.Vehicle(duration(v.path("at").asText()), v.path("lane").asText(), v.path("plate").asText(),
                    text(v, "cameraReads"), text(v, "qr"), strings(v.path("containers")),
                    v.has("weightKg") ? v.path("weightKg").asDouble() : null,
                    v.path("seal").has("id") ? v.path("seal").path("id").asText() : null,
                    v.path("seal").path("lock").asText("LOCKED"), text(v, "scan"),
                    v.has("stopsUnderBoom") ? duration(v.path("stopsUnderBoom").asText()) : Duration.ZERO,
                    v.path("tailgater").asBoolean(false), v.path("expect").asText()));
        }
        vehicles.sort((a, b) -> a.at().compareTo(b.at()));
        List<Scenario.Fault> faults = new ArrayList<>();
        for (JsonNode f : r.path("faults")) {
            faults.add(new Scenario.Fault(duration(f.path("at").asText()), f.path("type").asText(),
                    f.has("duration") ? duration(f.path("duration").asText()) : Duration.ZERO, text(f, "device")));
        }
        JsonNode expect = r.path("expect");
        return new Scenario(r.path("name").asText(), r.path("description").asText(""),
                Duration.ofSeconds(r.path("timeoutSeconds").asInt(110)), lanes, declarations, watchlist, vehicles, faults,
                expect.path("eventsAtCentralEqualGateway").asBoolean(true), expect.path("maxGaps").asInt(0));
    }

    private static String text(JsonNode n, String field) {
        return n.has(field) ? n.path(field).asText() : null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** "1500ms", "2s", "1.5s", "1m". */
    static Duration duration(String text) {
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 2))));
        }
        double value = Double.parseDouble(text.substring(0, text.length() - 1));
        return Duration.ofMillis(Math.round(value * (text.endsWith("m") ? 60_000 : 1000)));
    }
}
