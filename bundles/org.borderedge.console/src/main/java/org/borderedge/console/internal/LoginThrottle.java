package org.borderedge.console.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing per account and per client address: after {@code freeAttempts}
 * failures within the window, each further failure locks the key for a delay that doubles up to
 * {@code maxLock}. A locked key is refused without checking the password at all.
 */
final class LoginThrottle {

    private record Failures(int count, Instant first, Instant lockedUntil) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int freeAttempts;
    private final Duration window;
    private final Duration baseLock;
    private final Duration maxLock;

    LoginThrottle(Clock clock, int freeAttempts, Duration window, Duration baseLock, Duration maxLock) {
        this.clock = clock;
        this.freeAttempts = freeAttempts;
        this.window = window;
        this.baseLock = baseLock;
        this.maxLock = maxLock;
    }

    /** Zero if a login for this user from this address may be tried now, else how long to wait. */
    Duration retryAfter(String user, String address) {
        Instant now = clock.instant();
        Duration a = wait(userKey(user), now);
        Duration b = wait(addressKey(address), now);
        return a.compareTo(b) >= 0 ? a : b;
    }

    void failed(String user, String address) {
        Instant now = clock.instant();
        record(userKey(user), now);
        record(addressKey(address), now);
    }

    void succeeded(String user, String address) {
        failures.remove(userKey(user));
        failures.remove(addressKey(address));
    }

    private Duration wait(String key, Instant now) {
        Failures f = failures.get(key);
        if (f == null || f.lockedUntil == null || !now.isBefore(f.lockedUntil)) {
            return Duration.ZERO;
        }
        return Duration.between(now, f.lockedUntil);
    }

    private void record(String key, Instant now) {
        failures.compute(key, (k, f) -> {
            if (f == null || now.isAfter(f.first.plus(window))) {
                f = new Failures(0, now, null);
            }
            int count = f.count + 1;
            Instant locked = null;
            if (count >= freeAttempts) {
                int doublings = Math.min(count - freeAttempts, 20);
                Duration lock = baseLock.multipliedBy(1L << doublings);
                locked = now.plus(lock.compareTo(maxLock) > 0 ? maxLock : lock);
            }
            return new Failures(count, f.first, locked);
        });
    }

    private static String userKey(String user) {
        return "u:" + (user == null ? "" : user.toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "a:" + address;
    }
}
