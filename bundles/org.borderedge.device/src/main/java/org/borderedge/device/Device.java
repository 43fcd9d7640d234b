package org.borderedge.device;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * A configured device instance, registered as an OSGi service with properties
 * {@code device.id}, {@code device.kind} and {@code lane.id}.
 */
@org.osgi.annotation.versioning.ProviderType
public interface Device {

    String PROP_ID = "device.id";
    String PROP_KIND = "device.kind";
    String PROP_LANE = "lane.id";

    String id();

    String kind();

    /** Lane the device serves, or empty for shared devices (e.g. a scanner serving several lanes). */
    String laneId();

    String profileId();

    String endpoint();

    DeviceStatus status();

    /** When the device last proved it was alive (a frame, a poll reply); null if never. */
    Instant lastSeen();

    /** Diagnostic counters: frames, bad checksums, timeouts, reconnects ... */
    Map<String, Long> counters();

    void addListener(DeviceListener listener);

    void removeListener(DeviceListener listener);

    /** Never throws: failures come back as a refused result. */
    CompletionStage<CommandResult> execute(DeviceCommand command);
}
