package org.borderedge.device;

import java.time.Clock;
import java.util.Map;

/** What a driver's handler gets from the device layer: its configuration and the way to report. */
@org.osgi.annotation.versioning.ProviderType
public interface DeviceContext {

    String deviceId();

    String kind();

    String laneId();

    String endpoint();

    DeviceProfile profile();

    /** Site-specific options from the site file; they override profile defaults of the same name. */
    Map<String, Object> options();

    Clock clock();

    void updateStatus(DeviceStatus status);

    default void online() {
        updateStatus(DeviceStatus.online(clock().instant()));
    }

    default void offline(String reason) {
        updateStatus(DeviceStatus.offline(reason, clock().instant()));
    }

    default void degraded(String reason) {
        updateStatus(DeviceStatus.degraded(reason, clock().instant()));
    }

    /** Marks the device alive now without an observation (e.g. a poll reply with no change). */
    void seen();

    void observe(Observation observation);

    void count(String counter, long delta);

    default void count(String counter) {
        count(counter, 1);
    }
}
