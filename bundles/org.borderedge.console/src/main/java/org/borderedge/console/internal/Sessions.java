package org.borderedge.console.internal;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.borderedge.console.internal.UserStore.Principal;

/**
 * Server-side sessions keyed by a random cookie value. Each session has its own CSRF token, an
 * idle timeout and an absolute lifetime; sessions live in memory, so a restart logs everyone out.
 */
final class Sessions {

    static final String COOKIE = "BE_SESSION";

    static final class Session {
        final String id;
        final Principal principal;
        final String csrf;
        final Instant created;
        volatile Instant lastSeen;

        Session(String id, Principal principal, String csrf, Instant created) {
            this.id = id;
            this.principal = principal;
            this.csrf = csrf;
            this.created = created;
            this.lastSeen = created;
        }

        boolean csrfMatches(String presented) {
            return presented != null && MessageDigest.isEqual(presented.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    csrf.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;

    Sessions(Clock clock, Duration idle, Duration absolute) {
        this.clock = clock;
        this.idle = idle;
        this.absolute = absolute;
    }

    Session open(Principal principal) {
        Session s = new Session(randomToken(), principal, randomToken(), clock.instant());
        sessions.put(s.id, s);
        return s;
    }

    /** The live session for a cookie value, touched; expired sessions are removed. */
    Optional<Session> find(String id) {
        return find(id, true);
    }

    /**
     * The live session for a cookie value. Only user actions touch it: a page refreshing itself in
     * the background must not keep an unattended console logged in.
     */
    Optional<Session> find(String id, boolean touch) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isAfter(s.lastSeen.plus(idle)) || now.isAfter(s.created.plus(absolute))) {
            sessions.remove(id);
            return Optional.empty();
        }
        if (touch) {
            s.lastSeen = now;
        }
        return Optional.of(s);
    }

    /** Whether the session is still live, without counting this as activity (for live streams). */
    boolean alive(String id) {
        Session s = id == null ? null : sessions.get(id);
        if (s == null) {
            return false;
        }
        Instant now = clock.instant();
        return !now.isAfter(s.lastSeen.plus(idle)) && !now.isAfter(s.created.plus(absolute));
    }

    void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    void purgeExpired() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> now.isAfter(s.lastSeen.plus(idle)) || now.isAfter(s.created.plus(absolute)));
    }

    int active() {
        return sessions.size();
    }

    Duration idleTimeout() {
        return idle;
    }

    private String randomToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
