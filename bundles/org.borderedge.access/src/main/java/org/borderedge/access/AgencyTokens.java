package org.borderedge.access;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Agencies' pull tokens. Secrets are random 256-bit values, stored only as SHA-256 and returned once,
 * by {@link #issue}. Revocation is immediate and survives restarts.
 */
@ProviderType
public interface AgencyTokens {

    /** The active token with this secret; empty for an unknown or revoked one. */
    Optional<AgencyToken> authenticate(String secret);

    /**
     * @param eventTypes event type names (org.borderedge.core.EventType), empty for all
     * @param lanes lane ids, empty for all
     * @throws IllegalArgumentException naming an unknown event type, a malformed lane id or label
     * @throws IllegalStateException when the token could not be stored (then it does not exist)
     */
    IssuedToken issue(Agency agency, String label, Set<String> eventTypes, Set<String> lanes, String issuedBy);

    /** Revokes a token; empty when there is no token with this id. Revoking twice keeps the first revocation. */
    Optional<AgencyToken> revoke(String id, String revokedBy);

    /** Every token, active and revoked, oldest first. */
    List<AgencyToken> list();
}
