package org.borderedge.sim.modbus;

import java.time.Duration;
import org.borderedge.core.Ticker;

/**
 * A boom barrier and the vehicle in its lane. The boom travels between closed (0) and open (1) in
 * {@code travel}; position is computed from elapsed time on each look, so no thread is needed.
 * Like a real barrier it refuses to start closing onto a vehicle in the safety loop and reverses
 * when one enters it while closing. The vehicle moves zone by zone: presence loop, safety loop
 * (under the boom), exit loop, gone.
 */
public final class BarrierPhysics {

    /** Where the vehicle in the lane is. */
    public enum Zone { NONE, PRESENCE, SAFETY, EXIT }

    private final Ticker ticker;
    private final long travelNanos;
    private double position;
    private int motion;
    private long updatedAt;
    private boolean stopHeld;
    private boolean forcedOpen;
    private Zone vehicle = Zone.NONE;
    private long refusedCloses;
    private long reversals;

    public BarrierPhysics(Ticker ticker, Duration travel) {
        this.ticker = ticker;
        this.travelNanos = Math.max(1, travel.toNanos());
        this.updatedAt = ticker.nanos();
    }

    private void advance() {
        long now = ticker.nanos();
        long dt = now - updatedAt;
        updatedAt = now;
        if (motion == 0) {
            return;
        }
        position += motion * (double) dt / travelNanos;
        if (position >= 1) {
            position = 1;
            motion = 0;
        } else if (position <= 0) {
            position = 0;
            motion = 0;
        }
    }

    synchronized void openContact() {
        advance();
        if (!stopHeld) {
            motion = position < 1 ? 1 : 0;
        }
    }

    synchronized void closeContact() {
        advance();
        if (stopHeld) {
            return;
        }
        if (vehicle == Zone.SAFETY) {
            refusedCloses++;
            return;
        }
        if (!forcedOpen) {
            motion = position > 0 ? -1 : 0;
        }
    }

    /** The STOP input is a normally-closed contact: while the relay holds it open, the boom does not move. */
    synchronized void stopContact(boolean held) {
        advance();
        stopHeld = held;
        if (held) {
            motion = 0;
        }
    }

    public synchronized double position() {
        advance();
        return position;
    }

    public synchronized boolean openLimit() {
        advance();
        return position >= 1;
    }

    public synchronized boolean closeLimit() {
        advance();
        return position <= 0;
    }

    public synchronized boolean moving() {
        advance();
        return motion != 0;
    }

    public synchronized boolean forcedOpen() {
        return forcedOpen;
    }

    public synchronized Zone vehicle() {
        return vehicle;
    }

    public synchronized boolean loop(Zone zone) {
        return vehicle == zone && zone != Zone.NONE;
    }

    /** CLOSE pulses the barrier ignored because a vehicle stood in the safety loop. */
    public synchronized long refusedCloses() {
        return refusedCloses;
    }

    /** Times the closing boom reversed because a vehicle entered the safety loop. */
    public synchronized long reversals() {
        return reversals;
    }

    /** A vehicle drives onto the presence loop. */
    public synchronized void vehicleArrives() {
        if (vehicle != Zone.NONE) {
            throw new IllegalStateException("a vehicle is already in the lane (" + vehicle + ")");
        }
        vehicle = Zone.PRESENCE;
    }

    /**
     * The vehicle moves on by one zone; it only passes under a fully open boom.
     *
     * @return the zone it is in now
     */
    public synchronized Zone vehicleAdvances() {
        advance();
        switch (vehicle) {
            case NONE -> throw new IllegalStateException("no vehicle in the lane");
            case PRESENCE -> {
                if (position < 1) {
                    throw new IllegalStateException("the boom is not open (position " + Math.round(position * 100) + " %)");
                }
                enterSafety();
            }
            case SAFETY -> vehicle = Zone.EXIT;
            case EXIT -> vehicle = Zone.NONE;
        }
        return vehicle;
    }

    /** A vehicle ends up under the boom whatever the boom does (it slipped in, or stopped there). */
    public synchronized void vehicleStopsUnderBoom() {
        advance();
        enterSafety();
    }

    private void enterSafety() {
        vehicle = Zone.SAFETY;
        if (motion < 0) {
            motion = 1;
            reversals++;
        }
    }

    /** The vehicle turns back or is pushed out: the lane is empty. */
    public synchronized void vehicleLeaves() {
        vehicle = Zone.NONE;
    }

    /** Someone lifts the boom by hand (forced-open alarm input follows), or lets it down again. */
    public synchronized void forceOpen(boolean forced) {
        advance();
        forcedOpen = forced;
        if (forced) {
            position = 1;
            motion = 0;
        }
    }

    /**
     * Drives one vehicle through: arrives, waits for the boom to open (the gateway must command it),
     * passes each loop after {@code dwell}, leaves. If the boom is not open within {@code openTimeout}
     * the vehicle turns back.
     *
     * @return true when the vehicle passed, false when it turned back
     */
    public boolean driveThrough(Duration openTimeout, Duration dwell) throws InterruptedException {
        vehicleArrives();
        return driveThroughAfterArrival(openTimeout, dwell);
    }

    /** As {@link #driveThrough}, for a vehicle already on the presence loop. */
    public boolean driveThroughAfterArrival(Duration openTimeout, Duration dwell) throws InterruptedException {
        long deadline = ticker.nanos() + openTimeout.toNanos();
        while (!openLimit()) {
            if (ticker.nanos() - deadline > 0) {
                vehicleLeaves();
                return false;
            }
            Thread.sleep(10);
        }
        Thread.sleep(dwell.toMillis());
        vehicleAdvances();
        Thread.sleep(dwell.toMillis());
        vehicleAdvances();
        Thread.sleep(dwell.toMillis());
        vehicleAdvances();
        return true;
    }

    @Override
    public synchronized String toString() {
        advance();
        return String.format("boom %3d %% %s%s vehicle %s", Math.round(position * 100),
                motion > 0 ? "opening" : motion < 0 ? "closing" : position >= 1 ? "open" : position <= 0 ? "closed" : "stopped",
                forcedOpen ? " FORCED-OPEN" : "", vehicle);
    }
}
