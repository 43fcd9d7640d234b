package org.borderedge.core;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A command from the central system, already authenticated, authorised, not expired and not a
 * replay when a handler sees it. {@code id} is unique per command; {@code args} as sent (e.g.
 * laneId and reason for "open-barrier").
 */
public record CentralCommand(String id, String name, Map<String, Object> args, Instant issuedAt, Instant expiresAt) {

    public CentralCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        args = args == null ? Map.of() : Map.copyOf(args);
    }

    public String arg(String key) {
        Object v = args.get(key);
        return v == null ? null : v.toString();
    }
}
