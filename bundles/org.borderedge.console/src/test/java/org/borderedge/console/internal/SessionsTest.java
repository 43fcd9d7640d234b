package org.borderedge.console.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.borderedge.console.internal.UserStore.Principal;
import org.borderedge.testing.FakeTime;
import org.junit.jupiter.api.Test;

class SessionsTest {

    private final FakeTime clock = new FakeTime(Instant.parse("2026-11-23T01:00:00Z"));
    private final Sessions sessions = new Sessions(clock, Duration.ofMinutes(15), Duration.ofHours(12));
    private final Principal tech = new Principal("tech", Role.TECHNICIAN, false);

    @Test
    void idleSessionExpiresAndUserActivityKeepsItAlive() {
        Sessions.Session s = sessions.open(tech);
        clock.advance(Duration.ofMinutes(14));
        assertTrue(sessions.find(s.id).isPresent());
        clock.advance(Duration.ofMinutes(14));
        assertTrue(sessions.find(s.id).isPresent(), "touched 14 min ago");
        clock.advance(Duration.ofMinutes(16));
        assertFalse(sessions.find(s.id).isPresent());
        assertFalse(sessions.alive(s.id));
    }

    @Test
    void backgroundRefreshesDoNotKeepAnUnattendedConsoleLoggedIn() {
        Sessions.Session s = sessions.open(tech);
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(4));
            sessions.find(s.id, false);
        }
        assertFalse(sessions.find(s.id, false).isPresent());
    }

    @Test
    void absoluteLifetimeEndsEvenAnActiveSession() {
        Sessions.Session s = sessions.open(tech);
        for (int i = 0; i < 12 * 6; i++) {
            clock.advance(Duration.ofMinutes(10));
            sessions.find(s.id);
        }
        clock.advance(Duration.ofMinutes(1));
        assertFalse(sessions.find(s.id).isPresent());
    }

    @Test
    void eachSessionHasItsOwnUnguessableIdAndCsrfToken() {
        Sessions.Session a = sessions.open(tech);
        Sessions.Session b = sessions.open(tech);
        assertNotEquals(a.id, b.id);
        assertNotEquals(a.csrf, b.csrf);
        assertNotEquals(a.id, a.csrf);
        assertTrue(a.id.length() >= 43);
        assertTrue(a.csrfMatches(a.csrf));
        assertFalse(a.csrfMatches(b.csrf));
        assertFalse(a.csrfMatches(null));
    }
}
