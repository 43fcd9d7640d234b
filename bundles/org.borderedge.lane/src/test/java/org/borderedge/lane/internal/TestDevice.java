package org.borderedge.lane.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.borderedge.device.AbstractDevice;
import org.borderedge.device.CommandResult;
import org.borderedge.device.DeviceCommand;
import org.borderedge.device.DeviceProfile;
import org.borderedge.device.DeviceStatus;
import org.borderedge.device.Observation;

/** An in-memory device: the test makes it observe things and sees the commands it was handed. */
final class TestDevice extends AbstractDevice {

    final List<DeviceCommand> commands = new CopyOnWriteArrayList<>();
    /** What the device reports in answer to a command (a barrier's limit switches), synchronously. */
    volatile Function<DeviceCommand, List<Observation>> responder = c -> List.of();
    volatile CommandResult result = CommandResult.ok();

    TestDevice(String id, String kind, String laneId) {
        super(Clock.systemUTC(), id, laneId, "memory:" + id, new DeviceProfile(kind + "/test", kind, "test", "test", "test", "test", Map.of()),
                Map.of());
        updateStatus(DeviceStatus.online(Instant.EPOCH));
    }

    void status(DeviceStatus s) {
        updateStatus(s);
    }

    List<DeviceCommand> commands() {
        return new ArrayList<>(commands);
    }

    @Override
    public CompletionStage<CommandResult> execute(DeviceCommand command) {
        commands.add(command);
        CommandResult r = result;
        List<Observation> answers = responder.apply(command);
        if (r.accepted()) {
            for (Observation o : answers) {
                observe(o);
            }
        }
        return CompletableFuture.completedFuture(r);
    }
}
