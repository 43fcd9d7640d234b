package org.borderedge.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.borderedge.core.Ticker;

/** A wall clock and a monotonic ticker the test moves by hand; the wall clock can also step alone. */
public final class FakeTime extends Clock implements Ticker {

    private volatile Instant wall;
    private volatile long nanos = 1_000_000_000L;

    public FakeTime(Instant start) {
        this.wall = start;
    }

    /** Time passes: both the wall clock and the ticker move. */
    public void advance(Duration d) {
        nanos += d.toNanos();
        wall = wall.plus(d);
    }

    /** An NTP step: the wall clock jumps, the ticker does not. */
    public void stepWallClock(Duration d) {
        wall = wall.plus(d);
    }

    @Override
    public long nanos() {
        return nanos;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return wall;
    }
}
