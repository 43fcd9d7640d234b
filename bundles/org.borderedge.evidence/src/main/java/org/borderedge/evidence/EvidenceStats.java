package org.borderedge.evidence;

/**
 * @param overQuotaBytes bytes above the quota that could not be evicted (held, unsynced evidence); 0 normally
 */
public record EvidenceStats(long items, long bytes, long quotaBytes, long evicted, long overQuotaBytes,
        long integrityFailures) {
}
