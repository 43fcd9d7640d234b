package org.borderedge.testing;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.borderedge.device.AbstractDevice;
import org.borderedge.device.CommandResult;
import org.borderedge.device.DeviceCommand;
import org.borderedge.device.DeviceProfile;
import org.borderedge.device.DeviceState;
import org.borderedge.device.DeviceStatus;
import org.borderedge.device.Observation;

/**
 * The device layer as a driver under test sees it (the gateway's own status, counter and listener
 * logic), recording what the driver reports: every status report, the status changes, and every
 * observation, both as a history and as a queue the test takes them from. Options are the profile's
 * defaults overridden by the given site options, as the gateway merges them.
 */
public final class RecordingDevice extends AbstractDevice {

    private final BlockingQueue<Observation> pending = new LinkedBlockingQueue<>();
    private final List<Observation> history = new CopyOnWriteArrayList<>();
    private final List<DeviceStatus> statuses = new CopyOnWriteArrayList<>();
    private final List<DeviceStatus> reports = new CopyOnWriteArrayList<>();

    public RecordingDevice(String deviceId, String laneId, DeviceProfile profile, String endpoint, Map<String, ?> siteOptions) {
        super(Clock.systemUTC(), deviceId, laneId, endpoint, profile, siteOptions);
    }

    /** Device "test-&lt;kind&gt;" on lane "lane-1". */
    public RecordingDevice(DeviceProfile profile, String endpoint, Map<String, ?> siteOptions) {
        this("test-" + profile.kind(), "lane-1", profile, endpoint, siteOptions);
    }

    /** A profile without settings, for drivers configured by their options alone. */
    public static DeviceProfile bareProfile(String kind, String driver) {
        return new DeviceProfile(kind + "/test-" + driver, kind, "test", driver, driver, "test", Map.of());
    }

    /** The test holds the driver itself: commands go to it, not through here. */
    @Override
    public CompletionStage<CommandResult> execute(DeviceCommand command) {
        return CompletableFuture.completedFuture(CommandResult.refused("a recording device has no driver of its own"));
    }

    @Override
    public void updateStatus(DeviceStatus next) {
        reports.add(next);
        super.updateStatus(next);
    }

    @Override
    protected void statusChanged(DeviceStatus next) {
        statuses.add(next);
    }

    @Override
    public void observe(Observation observation) {
        // history first: a test that took the observation from the queue may look at the history at once
        history.add(observation);
        pending.add(observation);
        super.observe(observation);
    }

    /** Every status the driver reported, repeats included. */
    public List<DeviceStatus> reports() {
        return new ArrayList<>(reports);
    }

    /** The status changes, as the gateway's device would pass them on. */
    public List<DeviceStatus> statuses() {
        return new ArrayList<>(statuses);
    }

    /** Every observation so far, in order. */
    public List<Observation> history() {
        return new ArrayList<>(history);
    }

    /** The observations not yet taken by {@link #await}, {@link #next} or a poll of the test's own. */
    public BlockingQueue<Observation> pending() {
        return pending;
    }

    /** Takes pending observations until one matches; fails the test after the timeout. */
    public Observation await(Predicate<Observation> test, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            Observation o = pending.poll(50, TimeUnit.MILLISECONDS);
            if (o != null && test.test(o)) {
                return o;
            }
        }
        throw new AssertionError(id() + ": no matching observation within " + seconds + " s; status " + status()
                + ", counters " + counters());
    }

    /** Takes pending observations until one of the type; null if none came within the timeout. */
    public <T extends Observation> T next(Class<T> type, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            Observation o = pending.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (o == null) {
                return null;
            }
            if (type.isInstance(o)) {
                return type.cast(o);
            }
        }
    }

    /** The states of the weighings reported so far, in order. */
    public List<org.borderedge.core.ScaleState> weighingStates() {
        return history.stream().filter(o -> o instanceof Observation.WeightObserved)
                .map(o -> ((Observation.WeightObserved) o).result().state()).toList();
    }

    public Observation.PlateObserved nextPlate(Duration timeout) throws InterruptedException {
        return next(Observation.PlateObserved.class, timeout);
    }

    /** Waits for an observation matching the test at or after index {@code from} of the history; fails the test after the timeout. */
    public Observation awaitObservation(int from, Predicate<Observation> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            for (int i = from; i < history.size(); i++) {
                if (match.test(history.get(i))) {
                    return history.get(i);
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError(id() + ": no matching observation within " + timeout + "; got "
                + history.subList(Math.min(from, history.size()), history.size()));
    }

    /** Waits until the status matches; fails the test after the timeout. */
    public DeviceStatus awaitStatus(Predicate<DeviceStatus> test, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            DeviceStatus s = status();
            if (test.test(s)) {
                return s;
            }
            Thread.sleep(5);
        }
        throw new AssertionError(id() + ": status never matched within " + timeout + "; changes " + statuses);
    }

    public DeviceStatus awaitStatus(Predicate<DeviceStatus> test, long seconds) throws InterruptedException {
        return awaitStatus(test, Duration.ofSeconds(seconds));
    }

    public DeviceStatus awaitStatus(DeviceState state, Duration timeout) throws InterruptedException {
        return awaitStatus(s -> s.state() == state, timeout);
    }
}
