package org.borderedge.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.borderedge.testing.FakeTime;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final FakeTime clock = new FakeTime(Instant.parse("2026-11-23T01:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock, 3, Duration.ofMinutes(15), Duration.ofSeconds(30),
            Duration.ofMinutes(5));

    @Test
    void locksAfterFreeAttemptsAndDoublesUpToTheCap() {
        throttle.failed("tech", "10.0.0.5");
        throttle.failed("tech", "10.0.0.5");
        assertEquals(Duration.ZERO, throttle.retryAfter("tech", "10.0.0.5"));
        throttle.failed("tech", "10.0.0.5");
        assertEquals(Duration.ofSeconds(30), throttle.retryAfter("tech", "10.0.0.5"));
        clock.advance(Duration.ofSeconds(31));
        assertEquals(Duration.ZERO, throttle.retryAfter("tech", "10.0.0.5"));
        throttle.failed("tech", "10.0.0.5");
        assertEquals(Duration.ofSeconds(60), throttle.retryAfter("tech", "10.0.0.5"));
        for (int i = 0; i < 10; i++) {
            throttle.failed("tech", "10.0.0.5");
        }
        assertEquals(Duration.ofMinutes(5), throttle.retryAfter("tech", "10.0.0.5"));
    }

    @Test
    void lockFollowsTheAccountAcrossAddressesAndTheAddressAcrossAccounts() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("tech", "10.0.0." + i);
        }
        assertTrue(throttle.retryAfter("tech", "10.0.0.99").compareTo(Duration.ZERO) > 0);
        assertEquals(Duration.ZERO, throttle.retryAfter("other", "10.0.0.99"));
        for (int i = 0; i < 3; i++) {
            throttle.failed("user" + i, "10.9.9.9");
        }
        assertTrue(throttle.retryAfter("fresh", "10.9.9.9").compareTo(Duration.ZERO) > 0);
    }

    @Test
    void successClearsAndOldFailuresExpire() {
        throttle.failed("tech", "a");
        throttle.failed("tech", "a");
        throttle.succeeded("tech", "a");
        throttle.failed("tech", "a");
        throttle.failed("tech", "a");
        assertEquals(Duration.ZERO, throttle.retryAfter("tech", "a"));
        clock.advance(Duration.ofMinutes(16));
        throttle.failed("tech", "a");
        assertEquals(Duration.ZERO, throttle.retryAfter("tech", "a"), "failures outside the window do not add up");
    }
}
