package org.borderedge.core;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The central system's reference data as cached on the gateway (declarations with channels,
 * watchlists, seal assignments, rule parameters). Lanes decide on it, online or offline.
 */
public interface ReferenceData {

    Optional<Declaration> declarationById(String id);

    Optional<Declaration> declarationForPlate(Plate plate);

    Optional<Declaration> declarationForContainer(String containerNumber);

    Optional<WatchlistEntry> watchlisted(WatchlistEntry.Subject subject, String value);

    /** Declaration id a seal is assigned to, if the central assigned it. */
    Optional<String> sealAssignment(String sealId);

    /** Rule parameters from the central (tolerances, policies); lanes fall back to their own config. */
    Map<String, String> ruleParameters();

    /** Version of the newest snapshot or delta applied; 0 when nothing was ever received. */
    long version();

    /** When reference data was last applied or confirmed current by the central; null if never. */
    Instant refreshedAt();
}
