package org.borderedge.sim.central;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.borderedge.core.EventDraft;
import org.borderedge.core.EventType;
import org.borderedge.core.GateEvent;
import org.borderedge.core.Ticker;
import org.borderedge.outbox.internal.JournalSettings;
import org.borderedge.outbox.internal.SqliteJournal;
import org.borderedge.sync.mqtt.internal.MqttSync;
import org.borderedge.sync.mqtt.internal.ReferenceStore;
import org.borderedge.sync.mqtt.internal.SyncSettings;

/**
 * The gateway's real outbox and uplink in a plain JVM, for crash tests: appends from several
 * threads and prints "APPENDED epoch seq" only after append returned, until it is killed with
 * SIGKILL. Args: dataDir brokerUrl gatewayId writers (0 = only drain).
 */
public final class KillTestGateway {

    public static final String KEY = "kill-test-key-0123456789";

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String broker = args[1];
        String gatewayId = args[2];
        int writers = Integer.parseInt(args[3]);
        SqliteJournal journal = SqliteJournal.open(JournalSettings.of(dir.resolve("outbox.db"), gatewayId), Clock.systemUTC());
        ReferenceStore reference = ReferenceStore.open(dir.resolve("reference.db"), Clock.systemUTC());
        SyncSettings settings = SyncSettings.of(broker, gatewayId, KEY.getBytes(StandardCharsets.UTF_8))
                .withReconnect(Duration.ofMillis(100), Duration.ofMillis(500)).withRate(0, 50, 200);
        MqttSync sync = new MqttSync(settings, journal, reference, Clock.systemUTC(), Ticker.system(), c -> Optional.empty());
        sync.start();
        System.out.println("STARTED " + journal.epoch() + " " + journal.stats().lastSeq());
        System.out.flush();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Thread t = new Thread(() -> {
                long i = 0;
                while (true) {
                    try {
                        GateEvent e = journal.append(EventDraft.of(i % 3 == 0 ? EventType.DECISION : EventType.READING, "lane-" + writer,
                                Instant.now(), Map.of("writer", writer, "i", i++)));
                        synchronized (System.out) {
                            System.out.println("APPENDED " + e.epoch() + " " + e.seq());
                            System.out.flush();
                        }
                        Thread.sleep(1);
                    } catch (Exception e) {
                        System.out.println("FAILED " + e);
                        return;
                    }
                }
            }, "writer-" + w);
            t.start();
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
