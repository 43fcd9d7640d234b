package org.borderedge.evidence;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's evidence media store. Content is written durably before {@link #put} returns and is
 * addressed by id; its SHA-256 travels in events so both ends can check it. Under the quota the
 * oldest evidence of released, synced cycles goes first; evidence of HOLD or INSPECT cycles is never
 * evicted before the central has it.
 */
@org.osgi.annotation.versioning.ProviderType
public interface EvidenceStore {

    /**
     * Stores content for a cycle.
     *
     * @param cycleId the lane cycle, or null/empty when none
     * @throws EvidenceException if it could not be written; nothing is then stored
     */
    EvidenceRef put(byte[] content, String mediaType, String laneId, String cycleId, String kind) throws EvidenceException;

    Optional<EvidenceItem> find(String id);

    /** Every item of a cycle (evicted ones included, with their evicted time), oldest first. */
    List<EvidenceItem> forCycle(String cycleId);

    /** Items of the lane's most recently decided cycle, oldest first; empty if none. */
    List<EvidenceItem> latestDecided(String laneId);

    /**
     * Opens {@code length} bytes of the content from {@code offset} (length &lt; 0: to the end).
     *
     * @throws EvidenceException if the item is unknown, evicted, or the range lies outside it
     */
    InputStream open(String id, long offset, long length) throws EvidenceException;

    /**
     * Reads the whole content and checks it against the stored hash.
     *
     * @throws EvidenceException if unknown, evicted, unreadable, or the hash does not match (counted)
     */
    void verify(String id) throws EvidenceException;

    /**
     * Records a cycle's decision and whether the central holds its evidence. A cycle once held or sent
     * to inspection stays so even if it is released later: its evidence is what a dispute needs.
     *
     * @param outcome RELEASE, HOLD or INSPECT; null keeps the recorded outcome
     */
    void mark(String cycleId, String outcome, boolean synced);

    /**
     * The central confirms a copy; false if the item is unknown or the hash is not the stored one.
     *
     * @throws IllegalStateException when the store cannot record the receipt (retry later)
     */
    boolean markSynced(String id, String sha256);

    EvidenceStats stats();
}
