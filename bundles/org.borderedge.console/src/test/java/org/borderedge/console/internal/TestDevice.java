package org.borderedge.console.internal;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.borderedge.device.CommandResult;
import org.borderedge.device.Device;
import org.borderedge.device.DeviceCommand;
import org.borderedge.device.DeviceListener;
import org.borderedge.device.DeviceStatus;

/** A device as the console sees it (status, last seen, counters), for the devices page and metrics. */
record TestDevice(String id, String kind, String laneId, String profileId, String endpoint, DeviceStatus status,
        Instant lastSeen, Map<String, Long> counters) implements Device {

    @Override
    public void addListener(DeviceListener listener) {
    }

    @Override
    public void removeListener(DeviceListener listener) {
    }

    @Override
    public CompletionStage<CommandResult> execute(DeviceCommand command) {
        return CompletableFuture.failedStage(new UnsupportedOperationException("test device"));
    }
}
