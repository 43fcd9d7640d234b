package org.borderedge.sync.mqtt.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.borderedge.core.CentralCommand;
import org.borderedge.core.CentralCommandHandler;
import org.borderedge.core.CommandOutcome;
import org.borderedge.core.EventDraft;
import org.borderedge.core.EventType;
import org.borderedge.core.Priority;
import org.borderedge.outbox.Outbox;
import org.borderedge.outbox.OutboxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks and applies what the central sends: signed reference data and signed commands. Every
 * message gets a reply; nothing here throws, whatever arrives. Order of checks: envelope shape,
 * signature (before the body is even parsed), body shape, addressee, then the kind's own rules
 * (version never rolls back; command allowed, not expired, not replayed).
 */
final class Downlink {

    private static final Logger LOG = LoggerFactory.getLogger(Downlink.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The answer published on up/reply. {@code ref} is the command id or "refdata:<version>" when known. */
    record Reply(String kind, String ref, String status, String reason) {

        Map<String, Object> toMap(String gatewayId, Instant at) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("v", 1);
            m.put("gatewayId", gatewayId);
            m.put("kind", kind);
            m.put("ref", ref);
            m.put("status", status);
            m.put("reason", reason);
            m.put("time", at.toString());
            return m;
        }
    }

    private final SyncSettings settings;
    private final ReferenceStore reference;
    private final Outbox outbox;
    private final Clock clock;
    private final Function<String, Optional<CentralCommandHandler>> handlers;
    private final Runnable rewindUplink;
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();

    Downlink(SyncSettings settings, ReferenceStore reference, Outbox outbox, Clock clock,
            Function<String, Optional<CentralCommandHandler>> handlers, Runnable rewindUplink) {
        this.settings = settings;
        this.rewindUplink = rewindUplink;
        this.reference = reference;
        this.outbox = outbox;
        this.clock = clock;
        this.handlers = handlers;
    }

    Reply handle(String leaf, byte[] payload) {
        String kind = Topics.DOWN_COMMAND.equals(leaf) ? "command" : Topics.DOWN_REFDATA.equals(leaf) ? "refdata" : "unknown";
        Reply reply;
        try {
            reply = switch (kind) {
                case "command" -> command(payload);
                case "refdata" -> refdata(payload);
                default -> new Reply(kind, null, "rejected", "unknown downlink topic " + leaf);
            };
        } catch (RuntimeException e) {
            LOG.error("downlink {} failed unexpectedly", leaf, e);
            reply = new Reply(kind, null, "failed", "internal error: " + e);
        }
        if ("accepted".equals(reply.status())) {
            accepted.incrementAndGet();
            LOG.info("downlink {} {} accepted: {}", kind, reply.ref(), reply.reason());
        } else {
            rejected.incrementAndGet();
            LOG.warn("downlink {} {} {}: {}", kind, reply.ref(), reply.status(), reply.reason());
        }
        return reply;
    }

    /**
     * The id or version the message claims, read without trusting it, so even a refusal can be
     * matched to what the sender sent. Null when unreadable.
     */
    private static String claimedRef(byte[] payload, String field) {
        try {
            JsonNode body = JSON.readTree(JSON.readTree(payload).path("body").asText(""));
            JsonNode v = body == null ? null : body.get(field);
            return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
        } catch (Exception unreadable) {
            return null;
        }
    }

    /** Returns the verified body, or throws with the reason the message is refused. */
    private JsonNode verifiedBody(byte[] payload) throws ReferenceStore.Refused {
        JsonNode envelope;
        try {
            envelope = JSON.readTree(new String(payload, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new ReferenceStore.Refused("malformed JSON: " + e.getOriginalMessage());
        }
        if (envelope == null || !envelope.isObject()) {
            throw new ReferenceStore.Refused("malformed envelope: not a JSON object");
        }
        if (envelope.path("v").asInt(-1) != 1) {
            throw new ReferenceStore.Refused("unsupported envelope version " + envelope.path("v"));
        }
        String body = ReferenceStore.text(envelope, "body");
        if (!Signatures.valid(settings.hmacKey(), body, envelope.path("hmac").asText(null))) {
            throw new ReferenceStore.Refused("bad signature");
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ReferenceStore.Refused("malformed JSON in body: " + e.getOriginalMessage());
        }
        if (parsed == null || !parsed.isObject()) {
            throw new ReferenceStore.Refused("malformed body: not a JSON object");
        }
        String to = ReferenceStore.text(parsed, "gatewayId");
        if (!to.equals(settings.gatewayId()) && !"*".equals(to)) {
            throw new ReferenceStore.Refused("addressed to gateway " + to + ", not " + settings.gatewayId());
        }
        return parsed;
    }

    private Reply refdata(byte[] payload) {
        String claimed = claimedRef(payload, "version");
        String ref = claimed == null ? null : "refdata:" + claimed;
        try {
            JsonNode body = verifiedBody(payload);
            if (body.path("version").isIntegralNumber()) {
                ref = "refdata:" + body.get("version").asLong();
            }
            Map<String, Object> summary = reference.apply(body);
            journal(EventType.REFERENCE_DATA_APPLIED, summary);
            return new Reply("refdata", ref, "accepted", "applied " + summary);
        } catch (ReferenceStore.Refused e) {
            return new Reply("refdata", ref, "rejected", e.getMessage());
        } catch (SQLException e) {
            return new Reply("refdata", ref, "failed", "could not store reference data: " + e.getMessage());
        }
    }

    private Reply command(byte[] payload) {
        String id = null;
        String claimed = claimedRef(payload, "id");
        String name = null;
        Reply reply;
        try {
            JsonNode body = verifiedBody(payload);
            id = ReferenceStore.text(body, "id");
            name = ReferenceStore.text(body, "name");
            Instant issued = instant(body, "issuedAt");
            Instant expires = instant(body, "expiresAt");
            Instant now = clock.instant();
            if (!settings.allowedCommands().contains(name) && !"resync".equals(name) && !"open-barrier".equals(name)) {
                throw new ReferenceStore.Refused("unknown command " + name);
            }
            if (!settings.allowedCommands().contains(name)) {
                throw new ReferenceStore.Refused("command " + name + " not authorised on this gateway");
            }
            if (!expires.isAfter(now)) {
                throw new ReferenceStore.Refused("expired at " + expires);
            }
            if (expires.isAfter(issued.plus(settings.maxCommandTtl()))) {
                throw new ReferenceStore.Refused("expiry further than " + settings.maxCommandTtl() + " after issue");
            }
            if (!reference.firstSighting(id, expires)) {
                throw new ReferenceStore.Refused("replayed command id " + id);
            }
            Map<String, Object> args = body.has("args") && body.get("args").isObject()
                    ? JSON.convertValue(body.get("args"), Map.class) : Map.of();
            reply = execute(new CentralCommand(id, name, args, issued, expires));
        } catch (ReferenceStore.Refused e) {
            reply = new Reply("command", id == null ? claimed : id, "rejected", e.getMessage());
        } catch (SQLException e) {
            reply = new Reply("command", id, "failed", "could not record command id: " + e.getMessage());
        }
        if (id != null) {
            Map<String, Object> audit = new LinkedHashMap<>();
            audit.put("commandId", id);
            audit.put("name", name);
            audit.put("status", reply.status());
            audit.put("reason", reply.reason());
            journal(EventType.COMMAND_EXECUTED, audit);
        }
        return reply;
    }

    private Reply execute(CentralCommand c) {
        if ("resync".equals(c.name())) {
            String from = c.arg("fromSeq");
            long fromSeq;
            try {
                fromSeq = Long.parseLong(from);
            } catch (NumberFormatException e) {
                return new Reply("command", c.id(), "rejected", "resync needs a numeric args.fromSeq, got " + from);
            }
            try {
                int n = outbox.redeliverFrom(fromSeq);
                rewindUplink.run();
                return new Reply("command", c.id(), "accepted", n + " events from seq " + fromSeq + " queued again");
            } catch (OutboxException e) {
                return new Reply("command", c.id(), "failed", e.getMessage());
            }
        }
        Optional<CentralCommandHandler> handler = handlers.apply(c.name());
        if (handler.isEmpty()) {
            return new Reply("command", c.id(), "no-handler", "no handler registered for " + c.name());
        }
        try {
            CommandOutcome out = handler.get().execute(c);
            return new Reply("command", c.id(), out.accepted() ? "accepted" : "rejected", out.detail());
        } catch (RuntimeException e) {
            return new Reply("command", c.id(), "failed", "handler failed: " + e);
        }
    }

    private static Instant instant(JsonNode body, String field) throws ReferenceStore.Refused {
        String s = ReferenceStore.text(body, field);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new ReferenceStore.Refused(field + " is not an ISO-8601 instant: " + s);
        }
    }

    /** Durable before the reply goes out, so the audit trail never lags what the central was told. */
    private void journal(EventType type, Map<String, Object> payload) {
        try {
            outbox.append(new EventDraft(type, null, Priority.CRITICAL, clock.instant(), payload));
        } catch (OutboxException | RuntimeException e) {
            LOG.warn("could not journal {}: {}", type, e.toString());
        }
    }
}
