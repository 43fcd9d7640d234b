package org.borderedge.device.reader.internal;

import java.nio.file.Path;
import java.util.List;
import org.borderedge.device.DeviceProfile;
import org.borderedge.device.ProfileLoader;

/** The repository's shipped profiles, loaded and validated as the gateway does. */
final class Profiles {

    static final Path ROOT = Path.of("../../device-profiles");

    private Profiles() {
    }

    private static ProfileLoader.Result loaded;

    static synchronized DeviceProfile shipped(String id) {
        if (loaded == null) {
            loaded = new ProfileLoader().loadDirectory(ROOT);
        }
        ProfileLoader.Result r = loaded;
        if (!r.problems().isEmpty()) {
            throw new AssertionError("profile problems: " + r.problems());
        }
        List<DeviceProfile> match = r.profiles().stream().filter(p -> p.id().equals(id)).toList();
        if (match.isEmpty()) {
            throw new AssertionError("no profile " + id);
        }
        return match.get(0);
    }
}
