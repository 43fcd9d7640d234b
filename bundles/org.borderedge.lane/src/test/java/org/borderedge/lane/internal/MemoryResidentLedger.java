package org.borderedge.lane.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.borderedge.lane.ResidentLedger;
import org.borderedge.lane.ResidentPurchase;

/** Purchases in memory; it can be told to fail. */
final class MemoryResidentLedger implements ResidentLedger {

    final Map<String, ResidentPurchase> purchases = new LinkedHashMap<>();
    volatile boolean failing;
    volatile boolean failRecord;

    @Override
    public synchronized long usedVnd(String residentId, String period) {
        if (failing) {
            throw new IllegalStateException("ledger disk error (test)");
        }
        return purchases.values().stream().filter(p -> p.residentId().equals(residentId) && p.period().equals(period))
                .mapToLong(ResidentPurchase::valueVnd).sum();
    }

    @Override
    public synchronized long record(ResidentPurchase purchase) {
        if (failing || failRecord) {
            throw new IllegalStateException("ledger disk error (test)");
        }
        purchases.putIfAbsent(purchase.purchaseId(), purchase);
        return usedVnd(purchase.residentId(), purchase.period());
    }
}
