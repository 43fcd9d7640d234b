package org.borderedge.sim.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.borderedge.core.EventDraft;
import org.borderedge.core.EventType;
import org.borderedge.core.Ticker;
import org.borderedge.outbox.internal.JournalSettings;
import org.borderedge.outbox.internal.SqliteJournal;
import org.borderedge.sim.broker.MosquittoBroker;
import org.borderedge.sync.mqtt.internal.MqttSync;
import org.borderedge.sync.mqtt.internal.ReferenceStore;
import org.borderedge.sync.mqtt.internal.SyncSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker stops mid-stream and comes back later: the central receives every event, no gaps. */
class BrokerRestartIT {

    static final byte[] KEY = "restart-test-key-0123456789".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void allEventsArriveAfterBrokerOutage() throws Exception {
        assumeTrue(MosquittoBroker.available(), "mosquitto not installed");
        int n = 3000;
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
                CentralSimulator central = CentralSimulator.start(broker.url(), "borderedge", KEY);
                SqliteJournal journal = SqliteJournal.open(JournalSettings.of(dir.resolve("outbox.db"), "gw-r"), Clock.systemUTC());
                ReferenceStore reference = ReferenceStore.open(dir.resolve("reference.db"), Clock.systemUTC());
                MqttSync sync = new MqttSync(SyncSettings.of(broker.url(), "gw-r", KEY).withReconnect(Duration.ofMillis(100),
                        Duration.ofMillis(800)).withRate(0, 20, 100), journal, reference, Clock.systemUTC(), Ticker.system(),
                        c -> Optional.empty())) {
            sync.start();
            // The outage must hit an established link: on a loaded machine the first connect can take seconds.
            long connectDeadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!sync.connected() && System.nanoTime() < connectDeadline) {
                Thread.sleep(20);
            }
            assertTrue(sync.connected(), "uplink connected before the stream starts");
            // A steady stream of small group commits (10 events each), with the broker gone for a while mid-stream.
            for (int i = 0; i < n; i += 10) {
                java.util.List<EventDraft> drafts = new java.util.ArrayList<>();
                for (int k = i; k < i + 10; k++) {
                    drafts.add(EventDraft.of(k % 4 == 0 ? EventType.DECISION : EventType.READING, "lane-1", Instant.now(), Map.of("i", k)));
                }
                journal.appendAll(drafts);
                Thread.sleep(1);
                if (i == n / 3) {
                    broker.stop();
                    assertTrue(!broker.running());
                }
                if (i == n / 3 + 500) {
                    Thread.sleep(1500);
                    assertTrue(!sync.connected(), "link noticed the outage");
                    assertTrue(journal.stats().pending() > 0, "events wait in the outbox");
                    broker.restart();
                }
            }
            assertTrue(central.awaitReceived("gw-r", n, Duration.ofSeconds(60)), "received " + central.report("gw-r"));
            CentralSimulator.GatewayReport r = central.report("gw-r");
            System.out.println("broker restart: " + r);
            assertEquals(n, r.received());
            assertEquals(0, r.gaps(), "gaps " + r.gapRanges());
            assertEquals(0, r.conflicts());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (journal.stats().pending() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, journal.stats().pending(), "every event marked delivered");
            assertTrue(sync.connected());
            assertEquals(2, sync.connects(), "the catch-up burst after the outage did not get the client disconnected");
        }
    }
}
