package org.borderedge.api.http.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.borderedge.core.EventDraft;
import org.borderedge.core.EventType;
import org.borderedge.outbox.Outbox;
import org.borderedge.outbox.OutboxException;

/**
 * Audit of pull-API use, aggregated: a central polling every second would otherwise write 86,400 audit
 * events a day. Every pull (answered, refused or rejected) is counted in its principal's current
 * window; a window is journalled as one CRITICAL AUDIT event ({@code action = API_PULLS}) once it is
 * {@code window} old, at the latest when {@link #flushDue} next runs after that, and on shutdown.
 * The events reach the central like any other and cannot be edited on the gateway (the journal's
 * sequence is gap-free). A window is kept in memory until the outbox accepts it; a crash loses at most
 * the open windows.
 */
public final class PullAudit {

    /** Who pulled: the configured pull token, an agency token id, or nobody known. */
    public record Principal(String id, String agency, String label) {
        public static final Principal PULL_TOKEN = new Principal("pull-token", "customs", "configured pullToken");
        public static final Principal UNAUTHENTICATED = new Principal("unauthenticated", "", "");
    }

    private static final class Window {
        final Principal who;
        final Instant start;
        Instant last;
        long pulls;
        long ok;
        long forbidden;
        long badRequest;
        long unauthenticated;
        long events;
        long lowestAfter = Long.MAX_VALUE;
        long highestNext = -1;
        final Map<String, Long> filters = new LinkedHashMap<>();

        Window(Principal who, Instant start) {
            this.who = who;
            this.start = start;
        }
    }

    private final Supplier<Outbox> outbox;
    private final Clock clock;
    private final Duration window;
    private final Map<String, Window> open = new LinkedHashMap<>();
    private final List<Window> unsent = new ArrayList<>();
    private final AtomicLong failures = new AtomicLong();

    public PullAudit(Supplier<Outbox> outbox, Clock clock, Duration window) {
        this.outbox = outbox;
        this.clock = clock;
        this.window = window;
    }

    /**
     * @param status the HTTP status answered
     * @param filter what was asked beyond the cursor (e.g. "lane=L1"), or empty
     */
    public void pulled(Principal who, int status, long after, long next, int returned, String filter) {
        Instant now = clock.instant();
        synchronized (this) {
            Window w = open.computeIfAbsent(who.id(), id -> new Window(who, now));
            w.last = now;
            w.pulls++;
            switch (status) {
                case 200 -> {
                    w.ok++;
                    w.events += returned;
                    w.lowestAfter = Math.min(w.lowestAfter, after);
                    w.highestNext = Math.max(w.highestNext, next);
                }
                case 401 -> w.unauthenticated++;
                case 403 -> w.forbidden++;
                default -> w.badRequest++;
            }
            if (filter != null && !filter.isEmpty() && w.filters.size() < 20) {
                w.filters.merge(filter, 1L, Long::sum);
            }
        }
        flushDue();
    }

    /** Journals every window that is at least {@code window} old. */
    public void flushDue() {
        flush(false);
    }

    /** Journals every window, old or not (shutdown). */
    public void flushAll() {
        flush(true);
    }

    /** AUDIT events that could not be journalled yet (retried on the next flush). */
    public long failures() {
        return failures.get();
    }

    private synchronized void flush(boolean all) {
        Instant now = clock.instant();
        var it = open.values().iterator();
        while (it.hasNext()) {
            Window w = it.next();
            if (all || !w.start.plus(window).isAfter(now)) {
                unsent.add(w);
                it.remove();
            }
        }
        Outbox o = outbox.get();
        while (!unsent.isEmpty()) {
            if (o == null) {
                failures.incrementAndGet();
                return;
            }
            try {
                o.append(EventDraft.of(EventType.AUDIT, null, unsent.get(0).last, payload(unsent.get(0))));
                unsent.remove(0);
            } catch (OutboxException | RuntimeException e) {
                failures.incrementAndGet();
                return;
            }
        }
    }

    private static Map<String, Object> payload(Window w) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("action", "API_PULLS");
        p.put("principal", w.who.id());
        p.put("agency", w.who.agency());
        p.put("label", w.who.label());
        p.put("from", w.start.toString());
        p.put("to", w.last.toString());
        p.put("pulls", w.pulls);
        p.put("ok", w.ok);
        p.put("forbidden", w.forbidden);
        p.put("badRequest", w.badRequest);
        p.put("unauthenticated", w.unauthenticated);
        p.put("events", w.events);
        if (w.ok > 0) {
            p.put("lowestAfter", w.lowestAfter);
            p.put("highestNext", w.highestNext);
        }
        p.put("filters", new LinkedHashMap<>(w.filters));
        return p;
    }
}
