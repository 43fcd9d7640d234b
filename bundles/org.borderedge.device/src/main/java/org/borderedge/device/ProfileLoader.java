package org.borderedge.device;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads device profiles ({@code <kind>/<vendor>-<model>.json|yaml|yml}) and validates each against
 * device-profiles/schema/device-profile.schema.json. A broken file becomes a {@link ProfileProblem}
 * naming file, path and reason; it never stops the other profiles from loading.
 */
public final class ProfileLoader {

    public static final String SCHEMA_RESOURCE = "/device-profiles/schema/device-profile.schema.json";

    /** Profiles that loaded, and problems of those that did not. */
    public record Result(List<DeviceProfile> profiles, List<ProfileProblem> problems) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final JsonSchemaCheck schema;

    public ProfileLoader() {
        this(JsonSchemaCheck.fromResource(ProfileLoader.class, SCHEMA_RESOURCE));
    }

    public ProfileLoader(JsonSchemaCheck schema) {
        this.schema = schema;
    }

    public static boolean isProfileFile(String name) {
        return (name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml")) && !name.contains("schema");
    }

    /** Loads every profile file below {@code root}; a missing folder yields nothing. */
    public Result loadDirectory(Path root) {
        List<DeviceProfile> profiles = new ArrayList<>();
        List<ProfileProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return new Result(profiles, problems);
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                String rel = root.relativize(file).toString().replace('\\', '/');
                if (!Files.isRegularFile(file) || !isProfileFile(rel) || rel.startsWith("schema/")) {
                    continue;
                }
                try {
                    load(rel, Files.readAllBytes(file), file.toString(), profiles, problems);
                } catch (IOException e) {
                    problems.add(new ProfileProblem(file.toString(), "$", "cannot read: " + e.getMessage()));
                }
            }
        } catch (IOException e) {
            problems.add(new ProfileProblem(root.toString(), "$", "cannot list: " + e.getMessage()));
        }
        return new Result(profiles, problems);
    }

    /**
     * Loads one profile. {@code relativePath} ({@code scale/yaohua-xk3190-a9.yaml}) gives the id;
     * {@code source} is what problems name (an absolute path or a bundle entry).
     */
    public void load(String relativePath, byte[] content, String source, List<DeviceProfile> profiles,
            List<ProfileProblem> problems) {
        String id = relativePath.replaceFirst("\\.(json|yaml|yml)$", "");
        JsonNode node;
        try {
            node = (relativePath.endsWith(".json") ? JSON : YAML).readTree(content);
        } catch (JsonProcessingException e) {
            problems.add(new ProfileProblem(source, "$", "not valid " + (relativePath.endsWith(".json") ? "JSON" : "YAML")
                    + ": " + firstLine(e.getOriginalMessage()) + locationOf(e)));
            return;
        } catch (IOException e) {
            problems.add(new ProfileProblem(source, "$", "cannot parse: " + e.getMessage()));
            return;
        }
        if (node == null || !node.isObject()) {
            problems.add(new ProfileProblem(source, "$", "a profile must be an object"));
            return;
        }
        List<JsonSchemaCheck.Violation> violations = schema.check(node);
        if (!violations.isEmpty()) {
            violations.forEach(v -> problems.add(new ProfileProblem(source, v.path(), v.reason())));
            return;
        }
        String kind = node.path("kind").asText();
        if (!id.startsWith(kind + "/")) {
            problems.add(new ProfileProblem(source, "$.kind",
                    "kind '" + kind + "' does not match the folder of " + relativePath));
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> body = JSON.convertValue(node, Map.class);
        profiles.add(new DeviceProfile(id, kind, node.path("vendor").asText(), node.path("model").asText(),
                node.path("driver").asText(), source, body));
    }

    private static String firstLine(String message) {
        int nl = message == null ? -1 : message.indexOf('\n');
        return nl < 0 ? String.valueOf(message) : message.substring(0, nl);
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }
}
