package org.borderedge.camera.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.borderedge.device.DeviceContext;
import org.borderedge.device.DeviceProfile;
import org.borderedge.device.DeviceStatus;
import org.borderedge.device.Observation;

/** The device layer as a driver sees it, recording what the driver reports. */
final class RecordingDeviceContext implements DeviceContext {

    final BlockingQueue<Observation> observations = new LinkedBlockingQueue<>();
    final List<DeviceStatus> statuses = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final String deviceId;
    private final String endpoint;
    private final Map<String, Object> options;
    private final DeviceProfile profile;
    private volatile DeviceStatus status;

    RecordingDeviceContext(String deviceId, String driver, String endpoint, Map<String, Object> options) {
        this.deviceId = deviceId;
        this.endpoint = endpoint;
        this.options = Map.copyOf(options);
        this.profile = new DeviceProfile("camera/test-" + driver, "camera", "test", driver, driver, "test", Map.of());
    }

    @Override
    public String deviceId() {
        return deviceId;
    }

    @Override
    public String kind() {
        return "camera";
    }

    @Override
    public String laneId() {
        return "lane-1";
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
        return Clock.systemUTC();
    }

    @Override
    public synchronized void updateStatus(DeviceStatus next) {
        DeviceStatus previous = status;
        if (previous == null || previous.state() != next.state() || !previous.reason().equals(next.reason())) {
            status = next;
            statuses.add(next);
        }
    }

    DeviceStatus status() {
        return status;
    }

    @Override
    public void seen() {
    }

    @Override
    public void observe(Observation observation) {
        observations.add(observation);
    }

    @Override
    public void count(String counter, long delta) {
        counters.computeIfAbsent(counter, k -> new AtomicLong()).addAndGet(delta);
    }

    long counter(String name) {
        AtomicLong v = counters.get(name);
        return v == null ? 0 : v.get();
    }

    Map<String, Long> counters() {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    Observation.PlateObserved nextPlate(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            Observation o = observations.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (o == null) {
                return null;
            }
            if (o instanceof Observation.PlateObserved p) {
                return p;
            }
        }
    }

    /** Waits until the status matches; returns the last status seen either way. */
    DeviceStatus awaitStatus(Predicate<DeviceStatus> wanted, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            DeviceStatus s = status;
            if (s != null && wanted.test(s)) {
                return s;
            }
            Thread.sleep(10);
        }
        return status;
    }
}
