package org.borderedge.device;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The device profiles known to this gateway: built-in ones plus those in the site's profile folders. */
@org.osgi.annotation.versioning.ProviderType
public interface ProfileRegistry {

    Optional<DeviceProfile> profile(String id);

    Collection<DeviceProfile> profiles();

    /** Profile files that were refused, each with file, path and reason. */
    List<ProfileProblem> problems();
}
