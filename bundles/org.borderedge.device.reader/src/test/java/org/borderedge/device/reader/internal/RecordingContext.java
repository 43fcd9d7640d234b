package org.borderedge.device.reader.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
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

/** A device context that records what the handler reports, for tests. */
final class RecordingContext implements DeviceContext {

    final DeviceProfile profile;
    final String endpoint;
    final Map<String, Object> options;
    final BlockingQueue<Observation> observations = new LinkedBlockingQueue<>();
    final List<Observation> history = new CopyOnWriteArrayList<>();
    final List<DeviceStatus> statuses = new CopyOnWriteArrayList<>();
    final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    volatile DeviceStatus status;

    RecordingContext(DeviceProfile profile, String endpoint, Map<String, Object> options) {
        this.profile = profile;
        this.endpoint = endpoint;
        this.options = options;
    }

    @Override
    public String deviceId() {
        return "test-" + profile.kind();
    }

    @Override
    public String kind() {
        return profile.kind();
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
    public synchronized void updateStatus(DeviceStatus s) {
        if (status == null || status.state() != s.state() || !status.reason().equals(s.reason())) {
            status = s;
            statuses.add(s);
        }
    }

    @Override
    public void seen() {
    }

    @Override
    public void observe(Observation observation) {
        // history first: a test that took the observation from the queue may look at the history at once
        history.add(observation);
        observations.add(observation);
    }

    @Override
    public void count(String counter, long delta) {
        counters.computeIfAbsent(counter, k -> new AtomicLong()).addAndGet(delta);
    }

    List<org.borderedge.core.ScaleState> weighingStates() {
        return history.stream().filter(o -> o instanceof Observation.WeightObserved)
                .map(o -> ((Observation.WeightObserved) o).result().state()).toList();
    }

    long counter(String name) {
        AtomicLong v = counters.get(name);
        return v == null ? 0 : v.get();
    }

    /** Waits for an observation matching the test; fails the test after the timeout. */
    Observation await(Predicate<Observation> test, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            Observation o = observations.poll(50, TimeUnit.MILLISECONDS);
            if (o != null && test.test(o)) {
                return o;
            }
        }
        throw new AssertionError("no matching observation within " + seconds + " s; status " + status + ", counters " + counters);
    }

    DeviceStatus awaitStatus(Predicate<DeviceStatus> test, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            DeviceStatus s = status;
            if (s != null && test.test(s)) {
                return s;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("status never matched within " + seconds + " s; history " + statuses);
    }
}
