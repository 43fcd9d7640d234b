package org.borderedge.device;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every device instance keeps for its driver, written once: the status (a report that changes
 * neither state nor reason is not news), when the device was last seen, its counters, and the
 * listeners that hear of observations and status changes. The gateway's configured devices extend
 * it, and so do devices run outside the framework (simulator rigs, bench-top commissioning, tests).
 * A listener that throws is reported to {@link #listenerFailed} and never reaches the driver.
 */
public abstract class AbstractDevice implements Device, DeviceContext {

    private final Clock clock;
    private final String id;
    private final String laneId;
    private final String endpoint;
    private final DeviceProfile profile;
    private final Map<String, Object> options;
    private final List<DeviceListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private volatile DeviceStatus status;
    private volatile Instant lastSeen;

    /**
     * For a device that learns who it is later (from its configuration): it overrides {@link #id()},
     * {@link #laneId()}, {@link #endpoint()}, {@link #profile()} and {@link #options()}. Starts OFFLINE
     * with the reason "starting".
     */
    protected AbstractDevice(Clock clock) {
        this(clock, null, null, null, null, Map.of());
    }

    /**
     * For a device whose identity is fixed when it is made (outside the framework); its options are
     * the profile's defaults overridden by {@code siteOptions}. Starts OFFLINE with the reason "starting".
     */
    protected AbstractDevice(Clock clock, String id, String laneId, String endpoint, DeviceProfile profile,
            Map<String, ?> siteOptions) {
        this.clock = clock;
        this.id = id;
        this.laneId = laneId;
        this.endpoint = endpoint;
        this.profile = profile;
        this.options = profile == null ? Map.copyOf(siteOptions) : driverOptions(profile, siteOptions);
        this.status = DeviceStatus.offline("starting", clock.instant());
    }

    /** The profile's defaults overridden by the site's options of the same name: the options a driver sees. */
    public static Map<String, Object> driverOptions(DeviceProfile profile, Map<String, ?> siteOptions) {
        Map<String, Object> merged = new LinkedHashMap<>(profile.section("defaults"));
        merged.putAll(siteOptions);
        return Map.copyOf(merged);
    }

    /** Called after the status changed, before the listeners hear of it (e.g. to log it). */
    protected void statusChanged(DeviceStatus next) {
    }

    /** A listener threw; the device carries on. */
    protected void listenerFailed(Object event, RuntimeException e) {
    }

    /** Forgets every listener (the device is going away). */
    protected final void clearListeners() {
        listeners.clear();
    }

    @Override
    public String id() {
        return id;
    }

    /** The same id for the driver ({@link DeviceContext#deviceId()}) as for the lane ({@link Device#id()}). */
    @Override
    public String deviceId() {
        return id();
    }

    @Override
    public String kind() {
        return profile().kind();
    }

    @Override
    public String profileId() {
        return profile().id();
    }

    @Override
    public String laneId() {
        return laneId;
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

    /** One counter's value, 0 if it was never counted. */
    public long counter(String name) {
        LongAdder a = counters.get(name);
        return a == null ? 0 : a.sum();
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
    public void updateStatus(DeviceStatus next) {
        DeviceStatus previous = status;
        if (previous.state() == next.state() && previous.reason().equals(next.reason())) {
            return;
        }
        status = next;
        statusChanged(next);
        for (DeviceListener l : listeners) {
            try {
                l.onStatus(this, next);
            } catch (RuntimeException e) {
                listenerFailed(next, e);
            }
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
            try {
                l.onObservation(this, observation);
            } catch (RuntimeException e) {
                listenerFailed(observation, e);
            }
        }
    }

    @Override
    public void count(String counter, long delta) {
        counters.computeIfAbsent(counter, k -> new LongAdder()).add(delta);
    }
}
