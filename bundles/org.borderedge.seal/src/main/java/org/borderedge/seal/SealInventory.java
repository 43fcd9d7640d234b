package org.borderedge.seal;

import java.util.List;
import java.util.Optional;

/**
 * The seals a gateway handles. Every accepted transition is journalled as SEAL_LIFECYCLE before it
 * counts; a refused one changes nothing and says why.
 */
@org.osgi.annotation.versioning.ProviderType
public interface SealInventory {

    /** Seals in a state (all when null), ordered by seal id. */
    List<SealRecord> list(SealState state);

    Optional<SealRecord> find(String sealId);

    /** ASSIGN creates an unknown seal; every other action needs a known one. */
    SealTransition transition(String sealId, SealRequest request);
}
