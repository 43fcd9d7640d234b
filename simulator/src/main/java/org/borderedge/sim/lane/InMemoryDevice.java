package org.borderedge.sim.lane;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.borderedge.device.CommandResult;
import org.borderedge.device.Device;
import org.borderedge.device.DeviceCommand;
import org.borderedge.device.DeviceListener;
import org.borderedge.device.DeviceStatus;
import org.borderedge.device.Observation;

/**
 * A device without hardware, for benchmarks and demos of the lane engine: the caller makes it observe
 * things; commands go to a handler that may answer with observations (a barrier's limit switches).
 */
public final class InMemoryDevice implements Device {

    private final String id;
    private final String kind;
    private final String laneId;
    private final List<DeviceListener> listeners = new CopyOnWriteArrayList<>();
    private volatile DeviceStatus status = DeviceStatus.online(Instant.now());
    private volatile Consumer<DeviceCommand> onCommand = c -> { };

    public InMemoryDevice(String id, String kind, String laneId) {
        this.id = id;
        this.kind = kind;
        this.laneId = laneId;
    }

    public void onCommand(Consumer<DeviceCommand> handler) {
        this.onCommand = handler;
    }

    public void observe(Observation o) {
        for (DeviceListener l : listeners) {
            l.onObservation(this, o);
        }
    }

    public void status(DeviceStatus s) {
        status = s;
        for (DeviceListener l : listeners) {
            l.onStatus(this, s);
        }
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
        return kind + "/in-memory";
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
        onCommand.accept(command);
        return CompletableFuture.completedFuture(CommandResult.ok());
    }
}
