package org.borderedge.sim.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.borderedge.core.CentralCommand;
import org.borderedge.core.CentralCommandHandler;
import org.borderedge.core.Channel;
import org.borderedge.core.CommandOutcome;
import org.borderedge.core.Declaration;
import org.borderedge.core.Plate;
import org.borderedge.core.Ticker;
import org.borderedge.core.WatchlistEntry;
import org.borderedge.outbox.internal.JournalSettings;
import org.borderedge.outbox.internal.SqliteJournal;
import org.borderedge.sim.broker.MosquittoBroker;
import org.borderedge.sync.mqtt.internal.MqttSync;
import org.borderedge.sync.mqtt.internal.ReferenceStore;
import org.borderedge.sync.mqtt.internal.SyncSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reference data and commands from the central through a real broker: accepted only when they should be. */
class DownlinkIT {

    static final byte[] KEY = "downlink-test-key-0123456789".getBytes(StandardCharsets.UTF_8);
    static final String GW = "gw-d";
    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    MosquittoBroker broker;
    CentralSimulator central;
    SqliteJournal journal;
    ReferenceStore reference;
    MqttSync sync;
    final AtomicReference<CentralCommand> executed = new AtomicReference<>();
    volatile boolean handlerPresent;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(MosquittoBroker.available(), "mosquitto not installed");
        broker = MosquittoBroker.start(dir.resolve("broker"));
        central = CentralSimulator.start(broker.url(), "borderedge", KEY);
        journal = SqliteJournal.open(JournalSettings.of(dir.resolve("outbox.db"), GW), Clock.systemUTC());
        reference = ReferenceStore.open(dir.resolve("reference.db"), Clock.systemUTC());
        CentralCommandHandler barrier = new CentralCommandHandler() {
            @Override
            public Set<String> commands() {
                return Set.of("open-barrier");
            }

            @Override
            public CommandOutcome execute(CentralCommand command) {
                executed.set(command);
                return CommandOutcome.done("barrier of " + command.arg("laneId") + " opened");
            }
        };
        sync = new MqttSync(SyncSettings.of(broker.url(), GW, KEY), journal, reference, Clock.systemUTC(), Ticker.system(),
                name -> handlerPresent && name.equals("open-barrier") ? Optional.of(barrier) : Optional.empty());
        sync.start();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (central.status(GW).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals("online", central.status(GW).orElseThrow().path("status").asText(), "birth message");
    }

    @AfterEach
    void stop() {
        if (sync != null) {
            sync.close();
        }
        if (reference != null) {
            reference.close();
        }
        if (journal != null) {
            journal.close();
        }
        if (central != null) {
            central.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private JsonNode reply(String ref) throws InterruptedException {
        return central.awaitReply(ref, WAIT).orElseThrow(() -> new AssertionError("no reply to " + ref));
    }

    private JsonNode replyWithReason(String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode r : central.replies()) {
                if (r.path("reason").asText().contains(fragment)) {
                    return r;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no reply with reason containing '" + fragment + "' in " + central.replies());
    }

    private static Declaration declaration(String id, String plate, Channel channel) {
        return new Declaration(id, Set.of(plate), Set.of("CSQU3054383"), Set.of("SEAL-1"), new BigDecimal("24310"), channel);
    }

    @Test
    void snapshotIsAppliedKeptAcrossRestartAndNeverRolledBack() throws Exception {
        Map<String, Object> v5 = CentralSimulator.snapshot(GW, 5, List.of(declaration("D-1", "51F-678.90", Channel.GREEN)),
                List.of(Map.of("subject", "PLATE", "value", "29C-123.45", "reason", "stolen")), Map.of("SEAL-1", "D-1"),
                Map.of("weightTolerancePct", "3"));
        assertEquals("accepted", reply(central.publishReferenceData(GW, v5)).path("status").asText());
        assertEquals(5, reference.version());
        assertEquals("D-1", reference.declarationForPlate(Plate.of("51F67890")).orElseThrow().id());
        assertEquals("D-1", reference.declarationForContainer("csqu3054383").orElseThrow().id());
        assertTrue(reference.watchlisted(WatchlistEntry.Subject.PLATE, "29C12345").isPresent());
        assertEquals(Optional.of("D-1"), reference.sealAssignment("SEAL-1"));

        Map<String, Object> older = CentralSimulator.snapshot(GW, 4, List.of(declaration("D-OLD", "30A12345", Channel.RED)), null, null, null);
        JsonNode refused = reply(central.publishReferenceData(GW, older));
        assertEquals("rejected", refused.path("status").asText());
        assertTrue(refused.path("reason").asText().contains("not newer"), refused.toString());
        assertEquals(5, reference.version());
        assertTrue(reference.declarationById("D-OLD").isEmpty());

        Map<String, Object> delta = new java.util.LinkedHashMap<>();
        delta.put("kind", "delta");
        delta.put("gatewayId", GW);
        delta.put("version", 6);
        delta.put("baseVersion", 5);
        delta.put("declarations", List.of(CentralSimulator.declaration(declaration("D-2", "14C11111", Channel.RED))));
        delta.put("removeDeclarations", List.of("D-1"));
        assertEquals("accepted", reply(central.publishReferenceData(GW, delta)).path("status").asText());
        assertTrue(reference.declarationById("D-1").isEmpty());
        assertEquals(Channel.RED, reference.declarationForPlate(Plate.of("14C-111.11")).orElseThrow().channel());

        reference.close();
        try (ReferenceStore reopened = ReferenceStore.open(dir.resolve("reference.db"), Clock.systemUTC())) {
            assertEquals(6, reopened.version(), "reference data survives a restart");
            assertEquals("D-2", reopened.declarationForPlate(Plate.of("14C11111")).orElseThrow().id());
            assertEquals("3", reopened.ruleParameters().get("weightTolerancePct"));
        }
        reference = null;
    }

    @Test
    void badSignatureMalformedAndMisaddressedAreRejectedWithAReason() throws Exception {
        Map<String, Object> body = CentralSimulator.snapshot(GW, 9, List.of(declaration("D-9", "51F67890", Channel.GREEN)), null, null, null);
        try (CentralSimulator forger = CentralSimulator.start(broker.url(), "borderedge",
                "some-other-key-0123456789".getBytes(StandardCharsets.UTF_8), "forger", Clock.systemUTC())) {
            JsonNode r = reply(forger.publishReferenceData(GW, body));
            assertEquals("rejected", r.path("status").asText());
            assertEquals("bad signature", r.path("reason").asText());
        }
        assertEquals(0, reference.version());

        central.publishRaw(GW, "down/refdata", "{not json".getBytes(StandardCharsets.UTF_8));
        assertEquals("rejected", replyWithReason("malformed JSON").path("status").asText());

        central.publishRaw(GW, "down/command", "[1,2,3]".getBytes(StandardCharsets.UTF_8));
        assertEquals("rejected", replyWithReason("not a JSON object").path("status").asText());

        Map<String, Object> elsewhere = CentralSimulator.snapshot("gw-other", 10, List.of(), null, null, null);
        assertTrue(reply(central.publishReferenceData(GW, elsewhere)).path("reason").asText().contains("addressed to gateway gw-other"));
        assertTrue(sync.connected(), "bad input never drops the link");
        assertTrue(sync.downlinkRejected() >= 4);
    }

    @Test
    void commandsAreCheckedForNameExpiryAndReplay() throws Exception {
        JsonNode unknown = reply(central.sendCommand(GW, "format-disk", Map.of(), Duration.ofMinutes(1)));
        assertEquals("rejected", unknown.path("status").asText());
        assertTrue(unknown.path("reason").asText().contains("unknown command"), unknown.toString());

        JsonNode noHandler = reply(central.sendCommand(GW, "open-barrier", Map.of("laneId", "lane-1"), Duration.ofMinutes(1)));
        assertEquals("no-handler", noHandler.path("status").asText());

        handlerPresent = true;
        Instant now = Instant.now();
        byte[] open = central.command(GW, "cmd-open-1", "open-barrier", Map.of("laneId", "lane-2", "reason", "manual release"),
                now, now.plusSeconds(60));
        central.publishRaw(GW, "down/command", open);
        JsonNode done = reply("cmd-open-1");
        assertEquals("accepted", done.path("status").asText(), done.toString());
        assertEquals("lane-2", executed.get().arg("laneId"));

        executed.set(null);
        central.publishRaw(GW, "down/command", open);
        JsonNode replay = replyWithReason("replayed command id cmd-open-1");
        assertEquals("rejected", replay.path("status").asText());
        assertEquals(null, executed.get(), "a replay is not executed");

        central.publishRaw(GW, "down/command", central.command(GW, "cmd-old", "open-barrier", Map.of("laneId", "lane-2"),
                now.minusSeconds(120), now.minusSeconds(60)));
        assertTrue(reply("cmd-old").path("reason").asText().startsWith("expired"));

        central.publishRaw(GW, "down/command", central.command(GW, "cmd-long", "open-barrier", Map.of("laneId", "lane-2"),
                now, now.plus(Duration.ofDays(30))));
        assertTrue(reply("cmd-long").path("reason").asText().contains("expiry further"));
        assertEquals(null, executed.get());
    }

    @Test
    void resyncCommandSendsDeliveredEventsAgain() throws Exception {
        for (int i = 0; i < 50; i++) {
            journal.append(org.borderedge.core.EventDraft.of(org.borderedge.core.EventType.DECISION, "lane-1", Instant.now(), Map.of("i", i)));
        }
        assertTrue(central.awaitReceived(GW, 50, WAIT));
        long before = central.report(GW).duplicates();
        JsonNode r = reply(central.sendCommand(GW, "resync", Map.of("fromSeq", 11), Duration.ofMinutes(1)));
        assertEquals("accepted", r.path("status").asText(), r.toString());
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (central.report(GW).duplicates() < before + 40 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        CentralSimulator.GatewayReport report = central.report(GW);
        assertTrue(report.duplicates() >= before + 40, "re-sent events arrive as repeats of their ids: " + report);
        assertEquals(0, report.gaps());
        assertEquals(0, report.conflicts());
    }
}
