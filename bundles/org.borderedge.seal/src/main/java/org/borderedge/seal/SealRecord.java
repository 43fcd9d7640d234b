package org.borderedge.seal;

import java.time.Instant;

/**
 * A seal as the inventory knows it. Text fields are empty, never null, when unknown.
 *
 * @param batteryPct last reported battery, null if never reported
 * @param lock last reported lock state (LOCKED, UNLOCKED, TAMPERED) or empty
 * @param lastSeen when a reader last saw it, null if never
 * @param fault why it is FAULTY (kept after repair as history lives in events), empty if never
 */
public record SealRecord(String sealId, SealState state, String declarationId, String vehicle, String laneId,
        Integer batteryPct, String lock, Instant lastSeen, String fault, Instant updatedAt) {
}
