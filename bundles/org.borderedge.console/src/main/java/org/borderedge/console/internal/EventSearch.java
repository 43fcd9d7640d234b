package org.borderedge.console.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.borderedge.core.GateEvent;
import org.borderedge.outbox.Outbox;

/**
 * Searches the journal through {@link Outbox#readAfter}: a linear scan in pages, newest matches
 * kept. Good for a gate's journal of a few hundred thousand events; an indexed query on the outbox
 * would replace it for larger ones.
 */
final class EventSearch {

    static final int PAGE = 1000;
    static final int MAX_SCANNED = 500_000;

    /** Blank fields do not filter. Plate, container and declaration match anywhere in a payload field named after them. */
    record Query(String plate, String container, String declaration, String type, String lane, Instant from,
            Instant to, int limit) {
    }

    record Result(List<GateEvent> events, long scanned, boolean truncated) {
    }

    Result search(Outbox outbox, Query q) {
        int limit = Math.max(1, Math.min(q.limit(), 500));
        Deque<GateEvent> newest = new ArrayDeque<>();
        long after = 0;
        long scanned = 0;
        boolean truncated = false;
        while (true) {
            List<GateEvent> page = outbox.readAfter(after, PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (GateEvent e : page) {
                if (matches(e, q)) {
                    newest.addLast(e);
                    if (newest.size() > limit) {
                        newest.removeFirst();
                    }
                }
                after = e.seq();
            }
            scanned += page.size();
            if (scanned >= MAX_SCANNED) {
                truncated = true;
                break;
            }
        }
        List<GateEvent> out = new ArrayList<>(newest);
        java.util.Collections.reverse(out);
        return new Result(out, scanned, truncated);
    }

    static boolean matches(GateEvent e, Query q) {
        if (q.from() != null && e.time().isBefore(q.from())) {
            return false;
        }
        if (q.to() != null && e.time().isAfter(q.to())) {
            return false;
        }
        if (!blank(q.type()) && !e.type().name().equalsIgnoreCase(q.type().trim())) {
            return false;
        }
        if (!blank(q.lane()) && !q.lane().trim().equals(e.laneId())) {
            return false;
        }
        return field(e.payload(), "plate", q.plate()) && field(e.payload(), "container", q.container())
                && field(e.payload(), "declaration", q.declaration());
    }

    /** True if the wanted text is blank or occurs in a value whose key contains {@code key}, at any depth. */
    static boolean field(Object node, String key, String wanted) {
        if (blank(wanted)) {
            return true;
        }
        String needle = squash(wanted);
        return search(node, key, needle, false);
    }

    private static boolean search(Object node, String key, String needle, boolean underKey) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> en : m.entrySet()) {
                boolean k = underKey || String.valueOf(en.getKey()).toLowerCase(Locale.ROOT).contains(key);
                if (search(en.getValue(), key, needle, k)) {
                    return true;
                }
            }
            return false;
        }
        if (node instanceof Collection<?> c) {
            for (Object o : c) {
                if (search(o, key, needle, underKey)) {
                    return true;
                }
            }
            return false;
        }
        return underKey && node != null && squash(String.valueOf(node)).contains(needle);
    }

    /** Plates are typed with or without dashes, dots and spaces: compare without them. */
    private static String squash(String s) {
        return s.toUpperCase(Locale.ROOT).replaceAll("[\\s.\\-]", "");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
