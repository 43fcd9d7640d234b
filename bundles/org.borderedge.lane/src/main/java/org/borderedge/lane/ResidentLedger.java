package org.borderedge.lane;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Per-resident purchase totals of the border-resident trade lanes, shared by every resident-trade lane
 * of the gateway and kept across restarts. A lane reads the total before deciding and records a
 * purchase before the barrier opens for it.
 */
@ProviderType
public interface ResidentLedger {

    /**
     * Value in VND already purchased by the resident in the period.
     *
     * @throws IllegalStateException when the ledger cannot be read (the lane then holds the resident)
     */
    long usedVnd(String residentId, String period);

    /**
     * Records a released purchase durably (idempotent by purchase id) and returns the resident's new
     * total for the period.
     *
     * @throws IllegalStateException when it could not be stored; the lane then does not open
     */
    long record(ResidentPurchase purchase);
}
