package org.borderedge.lane;

import java.time.Instant;

/**
 * One purchase of a border resident released through a resident-trade lane, counted against the
 * resident's duty-free value quota for {@code period}.
 *
 * @param purchaseId unique per purchase (the lane cycle id): recording it twice counts it once
 * @param period the quota period key, e.g. {@code 2026-11-23} (day), {@code 2026-W48} (week), {@code 2026-11} (month)
 * @param valueVnd declared goods value in Vietnamese dong
 * @param overQuota released although it exceeded the quota (an officer's manual release)
 * @param releasedBy "engine" or the user who released it
 */
public record ResidentPurchase(String purchaseId, String residentId, String residentName, String period, long valueVnd,
        String laneId, Instant time, boolean overQuota, String releasedBy) {
}
