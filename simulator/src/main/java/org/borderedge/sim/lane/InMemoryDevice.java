package org.borderedge.sim.lane;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.borderedge.device.AbstractDevice;
import org.borderedge.device.CommandResult;
import org.borderedge.device.DeviceCommand;
import org.borderedge.device.DeviceProfile;
import org.borderedge.device.DeviceStatus;

/**
 * A device without hardware, for benchmarks and demos of the lane engine: the caller makes it observe
 * things ({@link #observe}); commands go to a handler that may answer with observations (a barrier's
 * limit switches). ONLINE from the start.
 */
public final class InMemoryDevice extends AbstractDevice {

    private volatile Consumer<DeviceCommand> onCommand = c -> { };

    public InMemoryDevice(String id, String kind, String laneId) {
        super(Clock.systemUTC(), id, laneId, "memory:" + id,
                new DeviceProfile(kind + "/in-memory", kind, "in-memory", "in-memory", "in-memory", "memory", Map.of()), Map.of());
        updateStatus(DeviceStatus.online(clock().instant()));
    }

    public void onCommand(Consumer<DeviceCommand> handler) {
        this.onCommand = handler;
    }

    public void status(DeviceStatus s) {
        updateStatus(s);
    }

    @Override
    public CompletionStage<CommandResult> execute(DeviceCommand command) {
        onCommand.accept(command);
        return CompletableFuture.completedFuture(CommandResult.ok());
    }
}
