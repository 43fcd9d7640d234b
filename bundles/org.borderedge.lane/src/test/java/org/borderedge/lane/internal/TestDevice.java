package org.borderedge.lane.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.borderedge.device.CommandResult;
import org.borderedge.device.Device;
import org.borderedge.device.DeviceCommand;
import org.borderedge.device.DeviceListener;
import org.borderedge.device.DeviceStatus;
import org.borderedge.device.Observation;

/** An in-memory device: the test makes it observe things and sees the commands it was handed. */
final class TestDevice implements Device {

    private final String id;
    private final String kind;
    private final String laneId;
    private final List<DeviceListener> listeners = new CopyOnWriteArrayList<>();
    final List<DeviceCommand> commands = new CopyOnWriteArrayList<>();
    private volatile DeviceStatus status = DeviceStatus.online(Instant.EPOCH);
    /** What the device reports in answer to a command (a barrier's limit switches), synchronously. */
    volatile Function<DeviceCommand, List<Observation>> responder = c -> List.of();
    volatile CommandResult result = CommandResult.ok();

    TestDevice(String id, String kind, String laneId) {
        this.id = id;
        this.kind = kind;
        this.laneId = laneId;
    }

    void observe(Observation o) {
        for (DeviceListener l : listeners) {
            l.onObservation(this, o);
        }
    }

    void status(DeviceStatus s) {
        status = s;
        for (DeviceListener l : listeners) {
            l.onStatus(this, s);
        }
    }

    List<DeviceCommand> commands() {
        return new ArrayList<>(commands);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public String laneId() {
        return laneId;
    }

    @Override
    public String profileId() {
        return kind + "/test";
    }

    @Override
    public String endpoint() {
        return "memory:" + id;
    }

    @Override
    public DeviceStatus status() {
        return status;
    }

    @Override
    public Instant lastSeen() {
        return null;
    }

    @Override
    public Map<String, Long> counters() {
        return Map.of();
    }

    @Override
    public void addListener(DeviceListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(DeviceListener listener) {
        listeners.remove(listener);
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
