package org.borderedge.sim.modbus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.borderedge.device.DeviceContext;
import org.borderedge.device.DeviceProfile;
import org.borderedge.device.DeviceState;
import org.borderedge.device.DeviceStatus;
import org.borderedge.device.Observation;

/**
 * A DeviceContext outside OSGi: runs a real driver handler against a simulator for tests,
 * benchmarks and bench-top commissioning. Records every status and observation.
 */
public final class StandaloneDeviceContext implements DeviceContext {

    private final String deviceId;
    private final String kind;
    private final String laneId;
    private final String endpoint;
    private final DeviceProfile profile;
    private final Map<String, Object> options;
    private final Clock clock;
    private final List<Observation> observations = new CopyOnWriteArrayList<>();
    private final List<DeviceStatus> statuses = new CopyOnWriteArrayList<>();
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private volatile DeviceStatus status;
    private volatile Instant lastSeen;

    public StandaloneDeviceContext(String deviceId, String laneId, String endpoint, DeviceProfile profile,
            Map<String, Object> siteOptions, Clock clock) {
        this.deviceId = deviceId;
        this.kind = profile.kind();
        this.laneId = laneId;
        this.endpoint = endpoint;
        this.profile = profile;
        Map<String, Object> merged = new LinkedHashMap<>(profile.section("defaults"));
        merged.putAll(siteOptions);
        this.options = Map.copyOf(merged);
        this.clock = clock;
        this.status = DeviceStatus.offline("starting", clock.instant());
    }

    @Override
    public String deviceId() {
        return deviceId;
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
    public void updateStatus(DeviceStatus next) {
        status = next;
        statuses.add(next);
    }

    @Override
    public void seen() {
        lastSeen = clock.instant();
    }

    @Override
    public void observe(Observation observation) {
        lastSeen = clock.instant();
        observations.add(observation);
    }

    @Override
    public void count(String counter, long delta) {
        counters.computeIfAbsent(counter, k -> new LongAdder()).add(delta);
    }

    public DeviceStatus status() {
        return status;
    }

    public Instant lastSeen() {
        return lastSeen;
    }

    public List<DeviceStatus> statuses() {
        return new ArrayList<>(statuses);
    }

    public List<Observation> observations() {
        return new ArrayList<>(observations);
    }

    public long counter(String name) {
        LongAdder a = counters.get(name);
        return a == null ? 0 : a.sum();
    }

    public Map<String, Long> counters() {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Waits until the device reports {@code state}; returns that status or throws with what it saw instead. */
    public DeviceStatus awaitStatus(DeviceState state, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            DeviceStatus s = status;
            if (s.state() == state) {
                return s;
            }
            Thread.sleep(5);
        }
        throw new AssertionError(deviceId + " did not become " + state + " within " + timeout + "; statuses: " + statuses);
    }

    /** Waits for an observation matching {@code match} after index {@code from} of {@link #observations()}. */
    public Observation awaitObservation(int from, Predicate<Observation> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            List<Observation> seen = observations;
            for (int i = from; i < seen.size(); i++) {
                if (match.test(seen.get(i))) {
                    return seen.get(i);
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError(deviceId + ": no matching observation within " + timeout + "; got "
                + observations.subList(Math.min(from, observations.size()), observations.size()));
    }
}
