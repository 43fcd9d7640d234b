package org.borderedge.api.http.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.borderedge.access.AccessScope;
import org.borderedge.access.AgencyTokens;
import org.borderedge.access.PullCaller;
import org.borderedge.core.EventType;
import org.borderedge.core.GateEvent;
import org.borderedge.outbox.EventWire;
import org.borderedge.outbox.Outbox;

/**
 * The pull API, free of servlet types so it is tested directly: read-only access to the journal in
 * sequence order with a bearer token. No lane command accepts these tokens.
 *
 * <p>Two kinds of token: the configured {@code pullToken} (the customs central: everything) and agency
 * tokens issued in the console, each limited to event types and lanes. Optional filters {@code lane}
 * and {@code type} narrow a pull; asking for a lane or type outside the token's scope is 403.
 *
 * <p>Cursor: sequences are the gateway's, one gap-free sequence for all events. A filtered or scoped
 * pull returns only matching events but {@code next} is the last sequence it examined, so the next
 * pull continues after the events it skipped. A pull examines at most {@value #SCAN_BUDGET} events:
 * a page may then hold fewer than {@code limit} (even none) while {@code next} still advances; keep
 * pulling until {@code next} stops moving.
 */
public final class PullApi {

    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 100;
    public static final int SCAN_BUDGET = 10_000;

    /** Status code and JSON body (a map for any JSON library). */
    public record Answer(int status, Map<String, Object> body) {
    }

    private record Caller(PullAudit.Principal principal, AccessScope scope) {
    }

    private final Outbox outbox;
    private final byte[] token;
    private final Supplier<AgencyTokens> agencyTokens;
    private final PullAudit audit;

    public PullApi(Outbox outbox, String pullToken) {
        this(outbox, pullToken, () -> null, null);
    }

    /**
     * @param agencyTokens the agency token service as currently bound (may supply null)
     * @param audit where every pull is counted, or null for none
     */
    public PullApi(Outbox outbox, String pullToken, Supplier<AgencyTokens> agencyTokens, PullAudit audit) {
        this.outbox = outbox;
        this.token = pullToken == null ? new byte[0] : pullToken.getBytes(StandardCharsets.UTF_8);
        this.agencyTokens = agencyTokens;
        this.audit = audit;
    }

    public Answer events(String authorization, String after, String limit) {
        return events(authorization, after, limit, null, null);
    }

    /**
     * @param authorization the Authorization header, or null
     * @param after the "after" parameter as sent, or null (means 0)
     * @param limit the "limit" parameter as sent, or null (means {@value #DEFAULT_LIMIT})
     * @param lane only events of this lane, or null
     * @param type comma-separated event types, or null for all
     */
    public Answer events(String authorization, String after, String limit, String lane, String type) {
        Optional<Caller> caller = authenticate(authorization);
        if (caller.isEmpty()) {
            return audited(PullAudit.Principal.UNAUTHENTICATED, 0, "",
                    error(401, "unauthorized", "Authorization: Bearer <pull token> required"));
        }
        Caller c = caller.get();
        String filter = (lane == null || lane.isEmpty() ? "" : "lane=" + lane)
                + (type == null || type.isEmpty() ? "" : (lane == null || lane.isEmpty() ? "" : "&") + "type=" + type);
        long afterSeq;
        try {
            afterSeq = after == null || after.isEmpty() ? 0 : Long.parseLong(after);
        } catch (NumberFormatException e) {
            return audited(c.principal(), 0, filter, error(400, "after", "after must be a sequence number (integer >= 0), was '" + after + "'"));
        }
        if (afterSeq < 0) {
            return audited(c.principal(), afterSeq, filter, error(400, "after", "after must be >= 0, was " + afterSeq));
        }
        int max;
        try {
            max = limit == null || limit.isEmpty() ? DEFAULT_LIMIT : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            return audited(c.principal(), afterSeq, filter, error(400, "limit", "limit must be an integer 1.." + MAX_LIMIT + ", was '" + limit + "'"));
        }
        if (max < 1 || max > MAX_LIMIT) {
            return audited(c.principal(), afterSeq, filter, error(400, "limit", "limit must be 1.." + MAX_LIMIT + ", was " + max));
        }
        Set<String> types = new LinkedHashSet<>();
        if (type != null && !type.isBlank()) {
            for (String t : type.split(",")) {
                if (t.isBlank()) {
                    continue;
                }
                String name = t.strip().toUpperCase(Locale.ROOT);
                if (Arrays.stream(EventType.values()).noneMatch(e -> e.name().equals(name))) {
                    return audited(c.principal(), afterSeq, filter, error(400, "type", "unknown event type '" + t.strip() + "'"));
                }
                types.add(name);
            }
        }
        String laneId = lane == null || lane.isBlank() ? null : lane.strip();
        if (laneId != null && !c.scope().allowsLane(laneId)) {
            return audited(c.principal(), afterSeq, filter, error(403, "lane", "lane " + laneId + " is outside this token's scope"));
        }
        for (String t : types) {
            if (!c.scope().allowsType(t)) {
                return audited(c.principal(), afterSeq, filter, error(403, "type", "event type " + t + " is outside this token's scope"));
            }
        }
        boolean unfiltered = c.scope().unrestricted() && laneId == null && types.isEmpty();
        List<Map<String, Object>> out = new ArrayList<>();
        long next = afterSeq;
        int scanned = 0;
        while (out.size() < max && scanned < SCAN_BUDGET) {
            int batch = unfiltered ? max - out.size() : Math.min(MAX_LIMIT, SCAN_BUDGET - scanned);
            List<GateEvent> events = outbox.readAfter(next, batch);
            for (GateEvent e : events) {
                scanned++;
                next = e.seq();
                if (unfiltered || (c.scope().allows(e.type().name(), e.laneId()) && (laneId == null || laneId.equals(e.laneId()))
                        && (types.isEmpty() || types.contains(e.type().name())))) {
                    out.add(EventWire.toMap(e));
                    if (out.size() == max) {
                        break;
                    }
                }
            }
            if (events.size() < batch) {
                break;
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", out);
        body.put("next", next);
        body.put("epoch", outbox.stats().epoch());
        return audited(c.principal(), afterSeq, filter, new Answer(200, body), next, out.size());
    }

    private Answer audited(PullAudit.Principal who, long after, String filter, Answer a) {
        return audited(who, after, filter, a, after, 0);
    }

    private Answer audited(PullAudit.Principal who, long after, String filter, Answer a, long next, int returned) {
        if (audit != null) {
            audit.pulled(who, a.status(), after, next, returned, filter);
        }
        return a;
    }

    private Optional<Caller> authenticate(String header) {
        return PullCaller.of(header, token, agencyTokens.get()).map(c -> new Caller(c.central() ? PullAudit.Principal.PULL_TOKEN
                : new PullAudit.Principal(c.agency().id(), c.agency().agency().wireName(), c.agency().label()), c.scope()));
    }

    private static Answer error(int status, String parameter, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", switch (status) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            default -> "bad parameter";
        });
        if (status == 400 || status == 403) {
            body.put("parameter", parameter);
        }
        body.put("message", message);
        return new Answer(status, body);
    }
}
