package org.borderedge.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTrailTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T01:00:00Z"), ZoneOffset.UTC);

    private AuditTrail trailWith(int n, List<AuditTrail.Entry> synced) {
        AuditTrail t = new AuditTrail(dir.resolve("audit.jsonl"), clock, synced::add);
        for (int i = 1; i <= n; i++) {
            t.append("tech", "OVERRIDE", "L1", Map.of("action", "OPEN", "reason", "reason " + i, "accepted", true));
        }
        return t;
    }

    @Test
    void intactChainVerifiesAndContinuesAfterRestart() {
        List<AuditTrail.Entry> synced = new ArrayList<>();
        trailWith(3, synced);
        assertEquals(3, synced.size());
        assertEquals(AuditTrail.GENESIS, synced.get(0).prev());
        assertEquals(synced.get(0).hash(), synced.get(1).prev());

        AuditTrail reopened = new AuditTrail(dir.resolve("audit.jsonl"), clock, e -> { });
        AuditTrail.Entry fourth = reopened.append("chief", "LOGIN", null, Map.of("address", "127.0.0.1"));
        assertEquals(4, fourth.seq());
        assertEquals(synced.get(2).hash(), fourth.prev());
        AuditTrail.Verification v = reopened.verify();
        assertTrue(v.ok(), v.problem());
        assertEquals(4, v.entries());
    }

    @Test
    void editedEntryIsDetectedAtThatEntry() throws Exception {
        AuditTrail t = trailWith(5, new ArrayList<>());
        Path f = dir.resolve("audit.jsonl");
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        lines.set(2, lines.get(2).replace("reason 3", "reason X"));
        Files.write(f, lines, StandardCharsets.UTF_8);
        AuditTrail.Verification v = t.verify();
        assertFalse(v.ok());
        assertEquals(3, v.firstBadSeq());
        assertTrue(v.problem().contains("edited"), v.problem());
    }

    @Test
    void editedEntryWithRecomputedHashBreaksTheNextLink() throws Exception {
        AuditTrail t = trailWith(4, new ArrayList<>());
        Path f = dir.resolve("audit.jsonl");
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        // A forger who rewrites entry 2 and its own hash still cannot fix entry 3's prev without rewriting all after it.
        String forged = lines.get(1).replace("reason 2", "reason Y");
        AuditTrail scratch = new AuditTrail(dir.resolve("scratch.jsonl"), clock, e -> { });
        scratch.append("tech", "OVERRIDE", "L1", Map.of("action", "OPEN", "reason", "reason 1", "accepted", true));
        AuditTrail.Entry rehashed = scratch.append("tech", "OVERRIDE", "L1", Map.of("action", "OPEN", "reason", "reason Y", "accepted", true));
        forged = forged.replaceAll("\"hash\":\"[0-9a-f]{64}\"", "\"hash\":\"" + rehashed.hash() + "\"");
        lines.set(1, forged);
        Files.write(f, lines, StandardCharsets.UTF_8);
        AuditTrail.Verification v = t.verify();
        assertFalse(v.ok());
        assertEquals(3, v.firstBadSeq(), v.problem());
    }

    @Test
    void deletedOrGarbledLinesAreDetected() throws Exception {
        AuditTrail t = trailWith(4, new ArrayList<>());
        Path f = dir.resolve("audit.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8));
        lines.remove(1);
        Files.write(f, lines, StandardCharsets.UTF_8);
        assertFalse(t.verify().ok());
        assertEquals(2, t.verify().firstBadSeq());

        lines.add(1, "{not json");
        Files.write(f, lines, StandardCharsets.UTF_8);
        AuditTrail.Verification v = t.verify();
        assertFalse(v.ok());
        assertTrue(v.problem().contains("line 2"), v.problem());
    }
}
