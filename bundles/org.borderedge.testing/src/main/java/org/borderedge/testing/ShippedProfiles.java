package org.borderedge.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.borderedge.device.DeviceProfile;
import org.borderedge.device.ProfileLoader;

/** The repository's device-profiles/, loaded and validated as the gateway does, once per test JVM. */
public final class ShippedProfiles {

    private static ProfileLoader.Result loaded;

    private ShippedProfiles() {
    }

    /** The shipped profile with this id; fails the test if any shipped profile has a problem or the id is unknown. */
    public static synchronized DeviceProfile get(String id) {
        if (loaded == null) {
            loaded = new ProfileLoader().loadDirectory(root());
        }
        if (!loaded.problems().isEmpty()) {
            throw new AssertionError("profile problems: " + loaded.problems());
        }
        return loaded.profiles().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no profile " + id));
    }

    /** device-profiles/ of the checkout, found upwards from the module a test runs in. */
    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("device-profiles");
            if (Files.isDirectory(candidate.resolve("schema"))) {
                return candidate;
            }
        }
        throw new AssertionError("no device-profiles/ above " + Path.of("").toAbsolutePath());
    }
}
