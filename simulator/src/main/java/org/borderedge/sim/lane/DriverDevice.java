package org.borderedge.sim.lane;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import org.borderedge.device.CommandResult;
import org.borderedge.device.Device;
import org.borderedge.device.DeviceCommand;
import org.borderedge.device.DeviceContext;
import org.borderedge.device.DeviceHandler;
import org.borderedge.device.DeviceHandlerFactory;
import org.borderedge.device.DeviceListener;
import org.borderedge.device.DeviceProfile;
import org.borderedge.device.DeviceStatus;
import org.borderedge.device.Observation;

/**
 * A real driver as a {@link Device} outside OSGi, as the device bundle's configured device does it
 * inside: so a lane engine can run against real drivers and simulators in tests and on a bench.
 */
public final class DriverDevice implements Device, DeviceContext, AutoCloseable {

    private final String id;
    private final String laneId;
    private final String endpoint;
    private final DeviceProfile profile;
    private final Map<String, Object> options;
    private final Clock clock;
    private final List<DeviceListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final DeviceHandler handler;
    private volatile DeviceStatus status;
    private volatile Instant lastSeen;

    public DriverDevice(String id, String laneId, String endpoint, DeviceProfile profile, Map<String, Object> siteOptions,
            DeviceHandlerFactory factory, Clock clock) {
        this.id = id;
        this.laneId = laneId;
        this.endpoint = endpoint;
        this.profile = profile;
        Map<String, Object> merged = new LinkedHashMap<>(profile.section("defaults"));
        merged.putAll(siteOptions);
        this.options = Map.copyOf(merged);
        this.clock = clock;
        this.status = DeviceStatus.offline("starting", clock.instant());
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
    public String id() {
        return id;
    }

    @Override
    public String deviceId() {
        return id;
    }

    @Override
    public String kind() {
        return profile.kind();
    }

    @Override
    public String laneId() {
        return laneId;
    }

    @Override
    public String profileId() {
        return profile.id();
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public DeviceProfile profile() {
        return profile;
    }

    @Override
    public Map<String, Object> options() {
        return options;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public DeviceStatus status() {
        return status;
    }

    @Override
    public Instant lastSeen() {
        return lastSeen;
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return out;
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
        try {
            return handler.execute(command);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(CommandResult.refused("driver failed: " + e));
        }
    }

    @Override
    public void updateStatus(DeviceStatus next) {
        DeviceStatus previous = status;
        if (previous.state() == next.state() && previous.reason().equals(next.reason())) {
            return;
        }
        status = next;
        for (DeviceListener l : listeners) {
            l.onStatus(this, next);
        }
    }

    @Override
    public void seen() {
        lastSeen = clock.instant();
    }

    @Override
    public void observe(Observation observation) {
        lastSeen = clock.instant();
        for (DeviceListener l : listeners) {
            l.onObservation(this, observation);
        }
    }

    @Override
    public void count(String counter, long delta) {
        counters.computeIfAbsent(counter, k -> new LongAdder()).add(delta);
    }
}
