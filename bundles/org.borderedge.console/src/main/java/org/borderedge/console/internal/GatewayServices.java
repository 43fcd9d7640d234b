package org.borderedge.console.internal;

import java.util.List;
import java.util.Optional;
import org.borderedge.access.AgencyTokens;
import org.borderedge.console.LaneConsoleSource;
import org.borderedge.core.CentralLink;
import org.borderedge.device.Device;
import org.borderedge.device.ProfileRegistry;
import org.borderedge.outbox.Outbox;

/** The gateway services the console reads, as currently bound (any may come and go). */
interface GatewayServices {

    LaneConsoleSource lanes();

    List<Device> devices();

    Optional<Outbox> outbox();

    Optional<CentralLink> centralLink();

    Optional<ProfileRegistry> profiles();

    /** The agencies' pull tokens (bundle org.borderedge.access), when running. */
    default Optional<AgencyTokens> agencyTokens() {
        return Optional.empty();
    }
}
