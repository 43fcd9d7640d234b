package org.borderedge.sim.lane;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.borderedge.device.AbstractDevice;
import org.borderedge.device.CommandResult;
import org.borderedge.device.DeviceCommand;
import org.borderedge.device.DeviceHandler;
import org.borderedge.device.DeviceHandlerFactory;
import org.borderedge.device.DeviceProfile;

/**
 * A real driver as a {@link org.borderedge.device.Device} outside OSGi, with the device bundle's own
 * status, counter and listener logic: so a lane engine or a benchmark can run real drivers against
 * simulators in tests and on a bench.
 */
public final class DriverDevice extends AbstractDevice implements AutoCloseable {

    private final DeviceHandler handler;

    public DriverDevice(String id, String laneId, String endpoint, DeviceProfile profile, Map<String, Object> siteOptions,
            DeviceHandlerFactory factory, Clock clock) {
        super(clock, id, laneId, endpoint, profile, siteOptions);
        this.handler = factory.create(this);
    }

    /** Starts the driver (it connects in the background). Add listeners first to see its first reports. */
    public DriverDevice start() {
        handler.initialize();
        return this;
    }

    @Override
    public void close() {
        handler.dispose();
    }

    @Override
    public CompletionStage<CommandResult> execute(DeviceCommand command) {
        try {
            return handler.execute(command);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(CommandResult.refused("driver failed: " + e));
        }
    }
}
