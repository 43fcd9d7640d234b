package org.borderedge.core;

/**
 * Monotonic time for measuring durations (stage times, timeouts). Wall-clock {@link java.time.Clock}
 * is for records; a clock step must not corrupt a duration, so durations come from here.
 */
@FunctionalInterface
public interface Ticker {

    long nanos();

    static Ticker system() {
        return System::nanoTime;
    }
}
