package org.borderedge.access;

import java.time.Instant;

/**
 * A pull token as stored: never the secret, only its SHA-256.
 *
 * @param revokedAt null while the token is active
 */
public record AgencyToken(String id, Agency agency, String label, AccessScope scope, Instant created, String createdBy,
        Instant revokedAt, String revokedBy) {

    public boolean active() {
        return revokedAt == null;
    }
}
