package org.borderedge.sim.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.borderedge.core.EventDraft;
import org.borderedge.core.EventType;
import org.borderedge.core.Ticker;
import org.borderedge.device.JsonSchemaCheck;
import org.borderedge.outbox.internal.JournalSettings;
import org.borderedge.outbox.internal.SqliteJournal;
import org.borderedge.sim.broker.MosquittoBroker;
import org.borderedge.sync.mqtt.internal.MqttSync;
import org.borderedge.sync.mqtt.internal.ReferenceStore;
import org.borderedge.sync.mqtt.internal.SyncSettings;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the gateway puts on the wire matches the JSON Schemas shipped in the sync bundle. */
class WireSchemaIT {

    static final byte[] KEY = "schema-test-key-0123456789".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void uplinkRepliesAndStatusMatchTheirSchemas() throws Exception {
        assumeTrue(MosquittoBroker.available(), "mosquitto not installed");
        JsonSchemaCheck uplink = JsonSchemaCheck.fromResource(MqttSync.class, "/schema/uplink-batch-v1.schema.json");
        JsonSchemaCheck reply = JsonSchemaCheck.fromResource(MqttSync.class, "/schema/reply-v1.schema.json");
        JsonSchemaCheck envelope = JsonSchemaCheck.fromResource(MqttSync.class, "/schema/downlink-envelope-v1.schema.json");
        ObjectMapper json = new ObjectMapper();
        List<String[]> seen = new CopyOnWriteArrayList<>();
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
                CentralSimulator central = CentralSimulator.start(broker.url(), "borderedge", KEY);
                SqliteJournal journal = SqliteJournal.open(JournalSettings.of(dir.resolve("outbox.db"), "gw-s"), Clock.systemUTC());
                ReferenceStore reference = ReferenceStore.open(dir.resolve("reference.db"), Clock.systemUTC())) {
            MqttClient tap = new MqttClient(broker.url(), "tap", new MemoryPersistence());
            tap.connect();
            tap.subscribe("borderedge/#", (topic, m) -> seen.add(new String[] {topic, new String(m.getPayload(), StandardCharsets.UTF_8)}));
            try (MqttSync sync = new MqttSync(SyncSettings.of(broker.url(), "gw-s", KEY), journal, reference, Clock.systemUTC(),
                    Ticker.system(), c -> Optional.empty())) {
                sync.start();
                for (int i = 0; i < 30; i++) {
                    journal.append(EventDraft.of(i % 2 == 0 ? EventType.READING : EventType.DECISION, i % 3 == 0 ? null : "lane-1",
                            Instant.now(), Map.of("i", i, "nested", Map.of("plate", "51F67890"))));
                }
                assertTrue(central.awaitReceived("gw-s", 30, Duration.ofSeconds(10)));
                String ref = central.sendCommand("gw-s", "open-barrier", Map.of("laneId", "lane-1"), Duration.ofMinutes(1));
                assertTrue(central.awaitReply(ref, Duration.ofSeconds(10)).isPresent());
            }
            tap.disconnect();
            tap.close();
        }
        int checked = 0;
        for (String[] m : seen) {
            JsonNode doc = json.readTree(m[1]);
            JsonSchemaCheck schema = m[0].endsWith("/up/events") ? uplink
                    : m[0].endsWith("/down/command") || m[0].endsWith("/down/refdata") ? envelope : reply;
            assertEquals(List.of(), schema.check(doc), m[0] + ": " + m[1]);
            checked++;
        }
        assertTrue(seen.stream().anyMatch(m -> m[0].endsWith("/up/events")));
        assertTrue(seen.stream().anyMatch(m -> m[0].endsWith("/up/reply")));
        assertTrue(seen.stream().anyMatch(m -> m[0].endsWith("/status") && m[1].contains("offline")), "goodbye status");
        assertTrue(checked > 3);
        assertTrue(!uplink.check(json.readTree("{\"schema\":\"borderedge.uplink-batch\",\"v\":2,\"gatewayId\":\"g\",\"sentAt\":\"x\",\"events\":[]}")).isEmpty(),
                "the schema does reject a wrong document");
    }
}
