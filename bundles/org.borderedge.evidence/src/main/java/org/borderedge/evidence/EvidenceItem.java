package org.borderedge.evidence;

import java.time.Instant;

/**
 * A stored piece of evidence with what it belongs to.
 *
 * @param kind plate-crop, overview, scan, scan-reference, weighing (see {@link EvidenceKinds})
 * @param cycleId the lane cycle, or empty when it belongs to none
 * @param synced the central confirmed it holds a copy with the same hash
 * @param evicted when the content was removed under the quota (the reference stays), else null
 */
public record EvidenceItem(EvidenceRef ref, String laneId, String cycleId, String kind, Instant storedAt,
        boolean synced, Instant evicted) {
}
