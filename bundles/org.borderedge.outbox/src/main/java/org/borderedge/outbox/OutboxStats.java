package org.borderedge.outbox;

/**
 * A snapshot of the journal for health, console and metrics.
 *
 * @param degradedReason empty when healthy; otherwise why (quota reached, database quarantined ...)
 */
public record OutboxStats(long epoch, long lastSeq, long pending, long oldestPendingAgeMs, long lastAckSeq,
        String degradedReason) {

    public boolean degraded() {
        return degradedReason != null && !degradedReason.isEmpty();
    }
}
