package org.borderedge.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who presented a bearer token to a read-only pull endpoint (events, evidence): the customs central with
 * the configured pull token, or an agency with a token issued in the console.
 *
 * @param agency the agency token, or null for the central's pull token
 */
public record PullCaller(AgencyToken agency) {

    public static final PullCaller CENTRAL = new PullCaller(null);

    public boolean central() {
        return agency == null;
    }

    public AccessScope scope() {
        return agency == null ? AccessScope.ALL : agency.scope();
    }

    /**
     * @param authorization the request's Authorization header, or null
     * @param pullToken the configured pull token (UTF-8), empty when none is configured
     * @param agencies the agency token service, or null when it is not running
     * @return empty for a missing header, another scheme, or an unknown or revoked token
     */
    public static Optional<PullCaller> of(String authorization, byte[] pullToken, AgencyTokens agencies) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String presented = authorization.substring(7).strip();
        if (pullToken.length > 0 && MessageDigest.isEqual(pullToken, presented.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(CENTRAL);
        }
        if (agencies == null || presented.isEmpty()) {
            return Optional.empty();
        }
        try {
            return agencies.authenticate(presented).map(PullCaller::new);
        } catch (RuntimeException e) {
            // A token store that cannot be read authenticates nobody.
            return Optional.empty();
        }
    }
}
