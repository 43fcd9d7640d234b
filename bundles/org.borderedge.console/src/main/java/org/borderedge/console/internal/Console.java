package org.borderedge.console.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.borderedge.console.LaneConsoleSource;
import org.borderedge.console.LaneView;
import org.borderedge.console.OverrideAction;
import org.borderedge.console.OverrideResult;
import org.borderedge.core.EventDraft;
import org.borderedge.core.EventType;
import org.borderedge.core.Priority;
import org.borderedge.outbox.Outbox;
import org.borderedge.outbox.OutboxException;
import org.borderedge.console.internal.Sessions.Session;
import org.borderedge.console.internal.UserStore.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's state and rules, independent of OSGi and of HTTP: users and first-start setup,
 * sessions, login throttling, overrides with their audit, live lanes and statistics.
 */
final class Console implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Console.class);
    static final int MAX_REASON = 500;
    private static final int MAX_PENDING_SYNC = 10_000;

    sealed interface LoginOutcome {
        record Ok(Session session) implements LoginOutcome {
        }

        record Refused() implements LoginOutcome {
        }

        record Throttled(Duration retryAfter) implements LoginOutcome {
        }
    }

    sealed interface OverrideOutcome {
        record Done(OverrideResult result, long auditSeq) implements OverrideOutcome {
        }

        /** HTTP 400 */
        record Invalid(String code, String message) implements OverrideOutcome {
        }

        /** HTTP 404 */
        record NoLane(String laneId) implements OverrideOutcome {
        }

        /** HTTP 409 */
        record Refused(String reason, long auditSeq) implements OverrideOutcome {
        }
    }

    final ConsoleSettings settings;
    final Clock clock;
    final GatewayServices services;
    final UserStore users;
    final Sessions sessions;
    final LoginThrottle throttle;
    final AuditTrail audit;
    final StageStats stats = new StageStats();
    final LiveLanes live;
    final EventSearch eventSearch = new EventSearch();
    final ObjectMapper json = new ObjectMapper();
    final AtomicLong loginFailures = new AtomicLong();
    final AtomicLong syncFailures = new AtomicLong();
    private final Deque<EventDraft> pendingSync = new ArrayDeque<>();
    private final ScheduledExecutorService timer;
    private volatile String setupToken;
    private LaneConsoleSource watched;

    Console(ConsoleSettings settings, Clock clock, GatewayServices services) {
        this.settings = settings;
        this.clock = clock;
        this.services = services;
        this.users = new UserStore(settings.dataDir().resolve("users.json"), clock);
        this.sessions = new Sessions(clock, settings.idleTimeout(), settings.absoluteTimeout());
        this.throttle = new LoginThrottle(clock, settings.freeLoginAttempts(), settings.loginWindow(),
                settings.baseLock(), settings.maxLock());
        this.audit = new AuditTrail(settings.dataDir().resolve("audit.jsonl"), clock, this::sync);
        this.live = new LiveLanes(stats, v -> write(laneJson(v)));
        firstStart();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "console-heartbeat");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::heartbeat, 15, 15, TimeUnit.SECONDS);
    }

    private void firstStart() {
        if (!users.isEmpty()) {
            return;
        }
        if (!settings.bootstrapUser().isBlank()) {
            try {
                users.create(settings.bootstrapUser(), settings.bootstrapPassword(), Role.SUPERVISOR);
                audit.append("", "USER_CREATED", null, Map.of("name", settings.bootstrapUser(), "role", "supervisor",
                        "via", "bootstrap configuration"));
                LOG.info("Console: created supervisor '{}' from the bootstrap configuration", settings.bootstrapUser());
                return;
            } catch (IllegalArgumentException refused) {
                LOG.error("Console: bootstrap supervisor refused ({}); falling back to the setup token", refused.getMessage());
            }
        }
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        setupToken = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        LOG.warn("Console has no users. Create the first supervisor at /console/#setup with the one-time setup token: {}",
                setupToken);
    }

    /** The one-time setup token while no user exists, for the log and the Gogo command. */
    Optional<String> setupToken() {
        return Optional.ofNullable(setupToken);
    }

    /** Creates the first supervisor with the one-time token; the token dies with its first use. */
    synchronized Principal setup(String token, String name, String password, String address) {
        String expected = setupToken;
        if (expected == null || !users.isEmpty()) {
            throw new IllegalStateException("setup is closed: a user already exists");
        }
        if (token == null || !java.security.MessageDigest.isEqual(expected.getBytes(), token.trim().getBytes())) {
            throttle.failed("#setup", address);
            throw new SecurityException("wrong setup token");
        }
        users.create(name, password, Role.SUPERVISOR);
        setupToken = null;
        audit.append(name, "USER_CREATED", null, Map.of("name", name, "role", "supervisor", "via", "setup token",
                "address", address));
        return new Principal(name, Role.SUPERVISOR, false);
    }

    LoginOutcome login(String name, String password, String address) {
        String user = name == null ? "" : name.trim();
        Duration wait = throttle.retryAfter(user, address);
        if (!wait.isZero()) {
            loginFailures.incrementAndGet();
            return new LoginOutcome.Throttled(wait);
        }
        Optional<Principal> p = users.authenticate(user, password);
        if (p.isEmpty()) {
            throttle.failed(user, address);
            loginFailures.incrementAndGet();
            audit.append(user, "LOGIN_FAILED", null, Map.of("address", address));
            return new LoginOutcome.Refused();
        }
        throttle.succeeded(user, address);
        Session s = sessions.open(p.get());
        audit.append(p.get().name(), "LOGIN", null, Map.of("address", address, "role", p.get().role().wireName()));
        return new LoginOutcome.Ok(s);
    }

    void logout(Session s) {
        sessions.close(s.id);
        audit.append(s.principal.name(), "LOGOUT", null, Map.of());
    }

    /** Validates, asks the lane, audits the attempt whatever its outcome, and notes it on the lane. */
    OverrideOutcome override(Principal who, String laneId, String actionName, String reason) {
        if (reason == null || reason.isBlank()) {
            return new OverrideOutcome.Invalid("reason_required", "a reason is required for a manual override");
        }
        if (reason.length() > MAX_REASON) {
            return new OverrideOutcome.Invalid("reason_too_long", "reason longer than " + MAX_REASON + " characters");
        }
        Optional<OverrideAction> action = OverrideAction.parse(actionName);
        if (action.isEmpty()) {
            return new OverrideOutcome.Invalid("bad_action", "action must be OPEN, CLOSE, HOLD or RELEASE, not " + actionName);
        }
        LaneConsoleSource lanes = services.lanes();
        if (lanes.lane(laneId).isEmpty()) {
            return new OverrideOutcome.NoLane(laneId);
        }
        String why = reason.strip();
        OverrideResult r;
        try {
            r = lanes.override(laneId, action.get(), why, who.name());
        } catch (RuntimeException e) {
            LOG.warn("Override {} on lane {} failed", action.get(), laneId, e);
            r = OverrideResult.refused("lane error: " + e.getMessage());
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("action", action.get().name());
        detail.put("reason", why);
        detail.put("accepted", r.accepted());
        detail.put("via", who.viaToken() ? "api-token" : "console");
        if (!r.accepted()) {
            detail.put("refusal", r.message());
        }
        AuditTrail.Entry e = audit.append(who.name(), r.accepted() ? "OVERRIDE" : "OVERRIDE_REFUSED", laneId, detail);
        if (r.outcome() == OverrideResult.Outcome.INVALID) {
            return new OverrideOutcome.Invalid("lane_invalid", r.message());
        }
        live.noteManual(laneId, new LiveLanes.ManualNote(action.get().name(), why, who.name(), e.time(), r.accepted(),
                r.message()));
        lanes.lane(laneId).ifPresent(live::laneChanged);
        return r.accepted() ? new OverrideOutcome.Done(r, e.seq()) : new OverrideOutcome.Refused(r.message(), e.seq());
    }

    /** Starts following a lane source's live feed (and stops following the previous one). */
    synchronized void watch(LaneConsoleSource source) {
        if (watched == source) {
            return;
        }
        if (watched != null) {
            watched.removeListener(live);
        }
        watched = source;
        if (source != null) {
            source.addListener(live);
        }
    }

    Map<String, Object> laneJson(LaneView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id());
        m.put("type", v.type());
        m.put("state", v.state());
        m.put("since", v.since() == null ? null : v.since().toString());
        m.put("alarm", v.alarm());
        if (v.vehicle() != null) {
            Map<String, Object> veh = new LinkedHashMap<>();
            veh.put("plate", v.vehicle().plate());
            veh.put("containers", v.vehicle().containers());
            veh.put("declaration", v.vehicle().declaration());
            veh.put("weightKg", v.vehicle().weightKg());
            veh.put("plateCrop", v.vehicle().plateCrop());
            m.put("vehicle", veh);
        } else {
            m.put("vehicle", null);
        }
        if (v.decision() != null) {
            m.put("decision", Map.of("outcome", v.decision().outcome(), "reasons", v.decision().reasons(), "at",
                    v.decision().at() == null ? "" : v.decision().at().toString()));
        } else {
            m.put("decision", null);
        }
        if (v.resident() != null) {
            LaneView.Resident r = v.resident();
            Map<String, Object> res = new LinkedHashMap<>();
            res.put("id", r.residentId());
            res.put("valueVnd", r.valueVnd());
            res.put("quotaVnd", r.quotaVnd());
            res.put("usedVnd", r.usedVnd());
            res.put("period", r.period());
            m.put("resident", res);
        } else {
            m.put("resident", null);
        }
        LiveLanes.ManualNote note = live.manual(v.id());
        m.put("manual", note);
        return m;
    }

    String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Audit entries reach the central as CRITICAL events; kept in memory until an outbox takes them. */
    private void sync(AuditTrail.Entry e) {
        // Overrides go out as AUDIT: the lane engine journals the MANUAL_OVERRIDE event itself, and
        // one override must not count twice at the central. The AUDIT event anchors the chain.
        EventType type = switch (e.action()) {
            case "LOGIN", "LOGIN_FAILED", "LOGOUT" -> EventType.USER_LOGIN;
            default -> EventType.AUDIT;
        };
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("user", e.user());
        payload.put("action", e.action());
        payload.put("detail", e.detail());
        payload.put("auditSeq", e.seq());
        payload.put("auditHash", e.hash());
        EventDraft draft = new EventDraft(type, e.lane(), Priority.CRITICAL, java.time.Instant.parse(e.time()), payload);
        synchronized (pendingSync) {
            if (pendingSync.size() >= MAX_PENDING_SYNC) {
                pendingSync.removeFirst();
                syncFailures.incrementAndGet();
            }
            pendingSync.addLast(draft);
        }
        flushSync();
    }

    void flushSync() {
        Optional<Outbox> outbox = services.outbox();
        if (outbox.isEmpty()) {
            return;
        }
        synchronized (pendingSync) {
            while (!pendingSync.isEmpty()) {
                try {
                    outbox.get().append(pendingSync.peekFirst());
                    pendingSync.removeFirst();
                } catch (OutboxException | RuntimeException ex) {
                    syncFailures.incrementAndGet();
                    LOG.warn("Audit event not yet in the outbox, will retry: {}", ex.getMessage());
                    return;
                }
            }
        }
    }

    int pendingSync() {
        synchronized (pendingSync) {
            return pendingSync.size();
        }
    }

    private void heartbeat() {
        try {
            sessions.purgeExpired();
            live.broadcast("ping", "{}");
            flushSync();
        } catch (RuntimeException e) {
            LOG.warn("Console heartbeat failed", e);
        }
    }

    List<AuditTrail.Entry> auditLatest(int limit) {
        return audit.latest(limit);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        watch(null);
        live.closeAll();
    }
}
