package org.borderedge.api.http.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.borderedge.core.GateEvent;
import org.borderedge.outbox.EventWire;
import org.borderedge.outbox.Outbox;

/**
 * The central's pull API, free of servlet types so it is tested directly: read-only access to the
 * journal in sequence order with a bearer token. The token grants nothing else (no lane command
 * accepts it).
 */
public final class PullApi {

    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 100;

    /** Status code and JSON body (a map for any JSON library). */
    public record Answer(int status, Map<String, Object> body) {
    }

    private final Outbox outbox;
    private final byte[] token;

    public PullApi(Outbox outbox, String pullToken) {
        this.outbox = outbox;
        this.token = pullToken == null ? new byte[0] : pullToken.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param authorization the Authorization header, or null
     * @param after the "after" parameter as sent, or null (means 0)
     * @param limit the "limit" parameter as sent, or null (means {@value #DEFAULT_LIMIT})
     */
    public Answer events(String authorization, String after, String limit) {
        if (!authorised(authorization)) {
            return error(401, "unauthorized", "Authorization: Bearer <pullToken> required");
        }
        long afterSeq;
        try {
            afterSeq = after == null || after.isEmpty() ? 0 : Long.parseLong(after);
        } catch (NumberFormatException e) {
            return error(400, "after", "after must be a sequence number (integer >= 0), was '" + after + "'");
        }
        if (afterSeq < 0) {
            return error(400, "after", "after must be >= 0, was " + afterSeq);
        }
        int max;
        try {
            max = limit == null || limit.isEmpty() ? DEFAULT_LIMIT : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            return error(400, "limit", "limit must be an integer 1.." + MAX_LIMIT + ", was '" + limit + "'");
        }
        if (max < 1 || max > MAX_LIMIT) {
            return error(400, "limit", "limit must be 1.." + MAX_LIMIT + ", was " + max);
        }
        List<GateEvent> events = outbox.readAfter(afterSeq, max);
        List<Map<String, Object>> out = new ArrayList<>(events.size());
        long next = afterSeq;
        for (GateEvent e : events) {
            out.add(EventWire.toMap(e));
            next = e.seq();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", out);
        body.put("next", next);
        body.put("epoch", outbox.stats().epoch());
        return new Answer(200, body);
    }

    private boolean authorised(String header) {
        if (token.length == 0 || header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(token, given);
    }

    private static Answer error(int status, String parameter, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", status == 401 ? "unauthorized" : "bad parameter");
        if (status == 400) {
            body.put("parameter", parameter);
        }
        body.put("message", message);
        return new Answer(status, body);
    }
}
