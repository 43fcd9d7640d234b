package org.borderedge.sim.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

/** Mutual TLS from PEM files in configuration, against Mosquitto demanding a client certificate. */
class TlsIT {

    static final byte[] KEY = "tls-test-key-0123456789".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private void openssl(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        assertEquals(0, p.waitFor(), "openssl " + String.join(" ", args) + ": " + Files.readString(dir.resolve("openssl.log")));
    }

    @Test
    void uplinkWorksOverMutualTls() throws Exception {
        assumeTrue(MosquittoBroker.available() && Files.isExecutable(Path.of("/usr/bin/openssl")), "mosquitto or openssl missing");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Test CA");
        for (String who : new String[] {"server", "client"}) {
            openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", who + ".key", "-out", who + ".csr", "-subj",
                    "/CN=" + (who.equals("server") ? "127.0.0.1" : "gw-tls"));
            Files.writeString(dir.resolve(who + ".ext"), "subjectAltName=IP:127.0.0.1\n");
            openssl("x509", "-req", "-in", who + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", who + ".pem",
                    "-days", "2", "-extfile", who + ".ext");
        }
        // OpenSSL 3 writes PKCS#8 ("BEGIN PRIVATE KEY") already: what the gateway reads.
        try (MosquittoBroker broker = MosquittoBroker.startTls(dir.resolve("broker"), dir.resolve("ca.pem"),
                dir.resolve("server.pem"), dir.resolve("server.key"));
                SqliteJournal journal = SqliteJournal.open(JournalSettings.of(dir.resolve("outbox.db"), "gw-tls"), Clock.systemUTC());
                ReferenceStore reference = ReferenceStore.open(dir.resolve("reference.db"), Clock.systemUTC())) {
            SyncSettings base = SyncSettings.of(broker.url(), "gw-tls", KEY);
            SyncSettings tls = new SyncSettings(base.brokerUrl(), null, null, "gw-tls", KEY, 100, 0, 10, Duration.ofMillis(100),
                    Duration.ofMillis(500), 30, Set.of("resync"), Duration.ofMinutes(5), dir.resolve("ca.pem"),
                    dir.resolve("client.pem"), dir.resolve("client.key"), null, null);
            try (MqttSync sync = new MqttSync(tls, journal, reference, Clock.systemUTC(), Ticker.system(), c -> Optional.empty())) {
                sync.start();
                for (int i = 0; i < 20; i++) {
                    journal.append(EventDraft.of(EventType.DECISION, "lane-1", Instant.now(), Map.of("i", i)));
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (journal.stats().pending() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertTrue(sync.connected());
                assertEquals(0, journal.stats().pending(), "all acknowledged over TLS");
            }
            SyncSettings noClientCert = new SyncSettings(base.brokerUrl(), "gw-tls-2", null, "gw-tls", KEY, 100, 0, 10,
                    Duration.ofMillis(100), Duration.ofMillis(500), 30, Set.of("resync"), Duration.ofMinutes(5),
                    dir.resolve("ca.pem"), null, null, null, null);
            try (MqttSync refused = new MqttSync(noClientCert, journal, reference, Clock.systemUTC(), Ticker.system(), c -> Optional.empty())) {
                refused.start();
                Thread.sleep(1500);
                assertFalse(refused.connected(), "the broker demands a client certificate");
            }
        }
    }
}
