package org.borderedge.device;

import java.time.Instant;
import java.util.Objects;

/** A device's state with the reason a technician needs, and since when it holds. */
public record DeviceStatus(DeviceState state, String reason, Instant since) {

    public DeviceStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        reason = reason == null ? "" : reason;
    }

    public static DeviceStatus online(Instant since) {
        return new DeviceStatus(DeviceState.ONLINE, "", since);
    }

    public static DeviceStatus offline(String reason, Instant since) {
        return new DeviceStatus(DeviceState.OFFLINE, reason, since);
    }

    public static DeviceStatus degraded(String reason, Instant since) {
        return new DeviceStatus(DeviceState.DEGRADED, reason, since);
    }

    public boolean isOnline() {
        return state == DeviceState.ONLINE;
    }
}
