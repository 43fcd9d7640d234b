package org.borderedge.outbox.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Frozen settings of one journal.
 *
 * @param quotaBytes bytes of live database pages the journal may use before it evicts TELEMETRY
 * @param retention how long delivered events stay for the pull API and audit before they are purged
 * @param maxBatch most appends (and acknowledgements) one group commit takes
 * @param maintenanceInterval how often retention purge, vacuum and WAL checkpoint run
 */
public record JournalSettings(Path file, String gatewayId, long quotaBytes, Duration retention, int maxBatch,
        Duration maintenanceInterval) {

    public static final long DEFAULT_QUOTA_BYTES = 2L * 1024 * 1024 * 1024;

    public JournalSettings {
        Objects.requireNonNull(file, "file");
        if (gatewayId == null || gatewayId.isBlank()) {
            throw new IllegalArgumentException("gateway id is empty");
        }
        if (quotaBytes < 64 * 1024) {
            throw new IllegalArgumentException("quotaBytes below 64 KiB: " + quotaBytes);
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch < 1: " + maxBatch);
        }
    }

    public static JournalSettings of(Path file, String gatewayId) {
        return new JournalSettings(file, gatewayId, DEFAULT_QUOTA_BYTES, Duration.ofDays(7), 2000, Duration.ofMinutes(1));
    }

    public JournalSettings withQuotaBytes(long quota) {
        return new JournalSettings(file, gatewayId, quota, retention, maxBatch, maintenanceInterval);
    }

    public JournalSettings withRetention(Duration r) {
        return new JournalSettings(file, gatewayId, quotaBytes, r, maxBatch, maintenanceInterval);
    }
}
