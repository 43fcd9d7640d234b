package org.borderedge.evidence.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Random;
import org.borderedge.evidence.EvidenceException;
import org.borderedge.evidence.EvidenceKinds;
import org.borderedge.evidence.EvidenceRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteEvidenceStoreTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T01:00:00Z"), ZoneOffset.UTC);

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void storesContentUnderItsSha256AndServesRangesAfterRestart() throws Exception {
        byte[] picture = bytes(5000, 1);
        EvidenceRef ref;
        try (SqliteEvidenceStore store = new SqliteEvidenceStore(dir, 1 << 20, clock)) {
            ref = store.put(picture, "image/jpeg", "L1", "c-1", EvidenceKinds.PLATE_CROP);
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(picture)), ref.sha256());
            assertEquals(5000, ref.size());
        }
        try (SqliteEvidenceStore store = new SqliteEvidenceStore(dir, 1 << 20, clock)) {
            assertEquals(1, store.stats().items());
            assertEquals(5000, store.stats().bytes());
            try (InputStream in = store.open(ref.id(), 1000, 250)) {
                byte[] slice = in.readAllBytes();
                assertArrayEquals(java.util.Arrays.copyOfRange(picture, 1000, 1250), slice);
            }
            store.verify(ref.id());
            assertThrows(EvidenceException.class, () -> store.open(ref.id(), 4900, 200));
            assertEquals("L1", store.forCycle("c-1").get(0).laneId());
        }
    }

    @Test
    void quotaSqueezeEvictsOldReleasedEvidenceAndKeepsHeldEvidenceUntilSynced() throws Exception {
        try (SqliteEvidenceStore store = new SqliteEvidenceStore(dir, 1000, clock)) {
            EvidenceRef held = store.put(bytes(300, 2), "image/jpeg", "L1", "held", EvidenceKinds.PLATE_CROP);
            store.mark("held", "HOLD", false);
            EvidenceRef old = store.put(bytes(300, 3), "image/jpeg", "L1", "released-1", EvidenceKinds.PLATE_CROP);
            store.mark("released-1", "RELEASE", true);
            EvidenceRef unsynced = store.put(bytes(300, 4), "image/jpeg", "L1", "released-2", EvidenceKinds.OVERVIEW);
            store.mark("released-2", "RELEASE", false);
            assertEquals(0, store.stats().evicted());

            // 1200 bytes > 1000: the released, synced cycle goes first, not the older held one
            EvidenceRef open = store.put(bytes(300, 5), "image/jpeg", "L1", "undecided", EvidenceKinds.PLATE_CROP);
            assertNotNull(store.find(old.id()).orElseThrow().evicted());
            assertNull(store.find(held.id()).orElseThrow().evicted());
            assertNull(store.find(unsynced.id()).orElseThrow().evicted());
            assertThrows(EvidenceException.class, () -> store.open(old.id(), 0, -1));

            // the next squeeze takes the released but unsynced item; held and undecided evidence stays even over quota
            store.put(bytes(300, 6), "image/jpeg", "L1", "undecided", EvidenceKinds.OVERVIEW);
            assertNotNull(store.find(unsynced.id()).orElseThrow().evicted());
            store.put(bytes(300, 7), "image/jpeg", "L1", "undecided", EvidenceKinds.SCAN);
            assertNull(store.find(held.id()).orElseThrow().evicted());
            assertNull(store.find(open.id()).orElseThrow().evicted());
            assertEquals(200, store.stats().overQuotaBytes());
            store.verify(held.id());

            // once the central confirms the held evidence with the right hash it may go
            assertFalse(store.markSynced(held.id(), "00".repeat(32)));
            assertNull(store.find(held.id()).orElseThrow().evicted());
            assertTrue(store.markSynced(held.id(), held.sha256()));
            assertNotNull(store.find(held.id()).orElseThrow().evicted());
            assertEquals(0, store.stats().overQuotaBytes());
        }
    }

    @Test
    void aHeldCycleStaysHeldWhenTheVehicleIsReleasedLater() throws Exception {
        try (SqliteEvidenceStore store = new SqliteEvidenceStore(dir, 500, clock)) {
            EvidenceRef held = store.put(bytes(300, 8), "image/jpeg", "L1", "c-held", EvidenceKinds.PLATE_CROP);
            store.mark("c-held", "HOLD", false);
            store.mark("c-held", "RELEASE", false);
            store.put(bytes(300, 9), "image/jpeg", "L1", "c-next", EvidenceKinds.PLATE_CROP);
            assertNull(store.find(held.id()).orElseThrow().evicted());
            assertEquals("c-held", store.latestDecided("L1").get(0).cycleId());
        }
    }

    @Test
    void aReceiptTheDatabaseCannotRecordIsAnErrorNotAHashMismatch() throws Exception {
        SqliteEvidenceStore store = new SqliteEvidenceStore(dir, 1 << 20, clock);
        EvidenceRef ref = store.put(bytes(100, 11), "image/jpeg", "L1", "c-1", EvidenceKinds.PLATE_CROP);
        assertFalse(store.markSynced(ref.id(), "00".repeat(32)), "a wrong hash is a mismatch");
        store.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.markSynced(ref.id(), ref.sha256()));
        assertTrue(e.getMessage().contains(ref.id()), e.getMessage());
    }

    @Test
    void aCorruptedFileIsRefusedAndCounted() throws Exception {
        try (SqliteEvidenceStore store = new SqliteEvidenceStore(dir, 1 << 20, clock)) {
            EvidenceRef ref = store.put(bytes(100, 10), "image/png", "L1", "c-1", EvidenceKinds.OVERVIEW);
            Files.write(dir.resolve("media").resolve(ref.id()), bytes(100, 11));
            EvidenceException e = assertThrows(EvidenceException.class, () -> store.verify(ref.id()));
            assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
            assertEquals(1, store.stats().integrityFailures());
        }
    }
}
