package org.borderedge.sim.modbus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.borderedge.device.DeviceProfile;
import org.borderedge.device.JsonSchemaCheck;
import org.borderedge.device.ProfileLoader;
import org.borderedge.device.ProfileProblem;
import org.borderedge.device.barrier.RelayBoardMap;

/** Loads the same profiles the gateway ships (device-profiles/ inside the device bundle jar), or a file. */
public final class BarrierProfiles {

    /** The simulator's own copy of device-profiles/ (the runnable feature jars leave the top-level folder out). */
    private static final String OWN_COPY = "/org/borderedge/sim/device-profiles/";

    private BarrierProfiles() {
    }

    /** A built-in profile by id, e.g. {@code barrier/waveshare-relay8}. */
    public static DeviceProfile builtIn(String id) {
        for (String root : new String[] {"/device-profiles/", OWN_COPY}) {
            for (String ext : new String[] {".yaml", ".yml", ".json"}) {
                String resource = root + id + ext;
                try (InputStream in = ProfileLoader.class.getResourceAsStream(resource)) {
                    if (in != null) {
                        return load(id + ext, in.readAllBytes(), "classpath:" + resource);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalArgumentException("no built-in profile '" + id + "' (try barrier/waveshare-relay8, "
                + "barrier/generic-relay8coil1, barrier/generic-relay8reg)");
    }

    /** A profile file laid out as {@code <root>/barrier/<vendor>-<model>.yaml}. */
    public static DeviceProfile file(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        String rel = parent.getFileName() + "/" + file.getFileName();
        return load(rel, Files.readAllBytes(file), file.toString());
    }

    private static DeviceProfile load(String rel, byte[] content, String source) {
        List<DeviceProfile> profiles = new ArrayList<>();
        List<ProfileProblem> problems = new ArrayList<>();
        ProfileLoader loader = ProfileLoader.class.getResource(ProfileLoader.SCHEMA_RESOURCE) != null ? new ProfileLoader()
                : new ProfileLoader(JsonSchemaCheck.fromResource(BarrierProfiles.class, OWN_COPY + "schema/device-profile.schema.json"));
        loader.load(rel, content, source, profiles, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("profile refused: " + problems);
        }
        return profiles.get(0);
    }

    /** The board map with the profile defaults overridden by {@code options}, as the driver computes it. */
    public static RelayBoardMap map(DeviceProfile profile, Map<String, Object> options) {
        Map<String, Object> merged = new LinkedHashMap<>(profile.section("defaults"));
        merged.putAll(options);
        return RelayBoardMap.from(profile, merged);
    }
}
