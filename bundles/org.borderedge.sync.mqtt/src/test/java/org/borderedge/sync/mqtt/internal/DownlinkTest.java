package org.borderedge.sync.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.borderedge.core.EventType;
import org.borderedge.core.GateEvent;
import org.borderedge.outbox.internal.JournalSettings;
import org.borderedge.outbox.internal.SqliteJournal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The downlink's checks, message by message, without a broker. */
class DownlinkTest {

    static final byte[] KEY = "unit-test-key-0123456789".getBytes(StandardCharsets.UTF_8);
    static final ObjectMapper JSON = new ObjectMapper();
    final Clock clock = Clock.fixed(Instant.parse("2026-11-20T08:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    SqliteJournal journal;
    ReferenceStore reference;
    Downlink downlink;

    @BeforeEach
    void open() throws Exception {
        journal = SqliteJournal.open(JournalSettings.of(dir.resolve("outbox.db"), "gw-u"), clock);
        reference = ReferenceStore.open(dir.resolve("reference.db"), clock);
        SyncSettings s = new SyncSettings("tcp://127.0.0.1:1", null, null, "gw-u", KEY, 10, 0, 10, java.time.Duration.ofMillis(100),
                java.time.Duration.ofSeconds(1), 30, Set.of("resync"), java.time.Duration.ofMinutes(10), null, null, null, null, null);
        downlink = new Downlink(s, reference, journal, clock, name -> Optional.empty(), () -> { });
    }

    @AfterEach
    void close() {
        reference.close();
        journal.close();
    }

    static byte[] signed(Map<String, Object> body, byte[] key) throws Exception {
        String text = JSON.writeValueAsString(body);
        return JSON.writeValueAsBytes(Map.of("v", 1, "body", text, "hmac", Signatures.hmacHex(key, text)));
    }

    static Map<String, Object> command(String id, String name, Instant issued, Instant expires) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("gatewayId", "gw-u");
        m.put("name", name);
        m.put("issuedAt", issued.toString());
        m.put("expiresAt", expires.toString());
        m.put("args", Map.of("laneId", "lane-1"));
        return m;
    }

    @Test
    void refusalsCarryTheirReason() throws Exception {
        Instant now = clock.instant();
        assertEquals("malformed JSON", downlink.handle("down/command", "{".getBytes(StandardCharsets.UTF_8)).reason().substring(0, 14));
        assertEquals("bad signature", downlink.handle("down/command",
                signed(command("c1", "resync", now, now.plusSeconds(60)), "another-key-0123456789".getBytes(StandardCharsets.UTF_8))).reason());
        assertEquals("command open-barrier not authorised on this gateway",
                downlink.handle("down/command", signed(command("c2", "open-barrier", now, now.plusSeconds(60)), KEY)).reason());
        assertEquals("unknown command reboot", downlink.handle("down/command", signed(command("c3", "reboot", now, now.plusSeconds(60)), KEY)).reason());
        assertTrue(downlink.handle("down/command", signed(command("c4", "resync", now.minusSeconds(90), now.minusSeconds(30)), KEY))
                .reason().startsWith("expired"));
        assertEquals("resync needs a numeric args.fromSeq, got null",
                downlink.handle("down/command", signed(command("c5", "resync", now, now.plusSeconds(60)), KEY)).reason());
        assertEquals("replayed command id c5",
                downlink.handle("down/command", signed(command("c5", "resync", now, now.plusSeconds(60)), KEY)).reason());
        Map<String, Object> missing = command("c6", "resync", now, now.plusSeconds(60));
        missing.remove("expiresAt");
        assertEquals("missing or empty field expiresAt", downlink.handle("down/command", signed(missing, KEY)).reason());
        assertEquals("unknown downlink topic down/firmware", downlink.handle("down/firmware", new byte[0]).reason());
        assertEquals(0, downlink.accepted.get());
        assertEquals(9, downlink.rejected.get());

        List<GateEvent> audit = journal.readAfter(0, 100);
        assertTrue(audit.stream().allMatch(e -> e.type() == EventType.COMMAND_EXECUTED));
        assertTrue(audit.stream().anyMatch(e -> "replayed command id c5".equals(e.payload().get("reason"))), "refusals are journalled");
    }

    @Test
    void referenceDataVersionsOnlyMoveForward() throws Exception {
        Map<String, Object> snap = new LinkedHashMap<>();
        snap.put("kind", "snapshot");
        snap.put("gatewayId", "*");
        snap.put("version", 3);
        snap.put("declarations", List.of(Map.of("id", "D-1", "plates", List.of("51F-678.90"), "channel", "YELLOW")));
        assertEquals("accepted", downlink.handle("down/refdata", signed(snap, KEY)).status());
        assertEquals(3, reference.version());
        assertEquals(clock.instant(), reference.refreshedAt());

        snap.put("version", 3);
        assertTrue(downlink.handle("down/refdata", signed(snap, KEY)).reason().contains("not newer"));
        Map<String, Object> delta = new LinkedHashMap<>(Map.of("kind", "delta", "gatewayId", "gw-u", "version", 5, "baseVersion", 4));
        assertTrue(downlink.handle("down/refdata", signed(delta, KEY)).reason().contains("a snapshot is needed"));
        snap.put("version", 4);
        snap.put("declarations", List.of(Map.of("id", "D-2", "channel", "PURPLE")));
        assertEquals("declaration D-2: channel must be GREEN, YELLOW or RED", downlink.handle("down/refdata", signed(snap, KEY)).reason());
        assertEquals(3, reference.version(), "a refused update changes nothing");
        assertTrue(reference.declarationById("D-1").isPresent());
    }
}
