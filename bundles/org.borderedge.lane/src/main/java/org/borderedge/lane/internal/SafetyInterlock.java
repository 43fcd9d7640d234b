package org.borderedge.lane.internal;

import java.util.Optional;

/**
 * Our defence-in-depth interlock (the barrier's own safety loop input stays primary): CLOSE only
 * when the safety loop is known to be clear and has been clear for the clearance delay. An unknown
 * loop state (start-up, loop device offline) counts as occupied.
 */
final class SafetyInterlock {

    private final long clearanceNanos;
    /** null while unknown. */
    private Boolean occupied;
    private long clearSince;

    SafetyInterlock(long clearanceNanos) {
        this.clearanceNanos = clearanceNanos;
    }

    void safetyLoop(boolean nowOccupied, long tick) {
        if (!nowOccupied && !Boolean.FALSE.equals(occupied)) {
            clearSince = tick;
        }
        occupied = nowOccupied;
    }

    void unknown() {
        occupied = null;
    }

    Boolean occupied() {
        return occupied;
    }

    /** Why CLOSE is not allowed now, or empty when it is. */
    Optional<String> closeRefusal(long tick) {
        if (occupied == null) {
            return Optional.of("safety loop state unknown");
        }
        if (occupied) {
            return Optional.of("safety loop occupied");
        }
        long left = clearanceNanos - (tick - clearSince);
        if (left > 0) {
            return Optional.of("safety loop cleared less than the clearance delay ago (" + (left + 999_999) / 1_000_000 + " ms left)");
        }
        return Optional.empty();
    }
}
