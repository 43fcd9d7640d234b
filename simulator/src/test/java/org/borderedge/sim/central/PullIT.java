package org.borderedge.sim.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.borderedge.api.http.internal.PullApi;
import org.borderedge.core.EventDraft;
import org.borderedge.core.EventType;
import org.borderedge.outbox.internal.JournalSettings;
import org.borderedge.outbox.internal.SqliteJournal;
import org.borderedge.sim.broker.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The central pulls a gateway's journal over real HTTP (the pull API logic behind a JDK server,
 * as the servlet puts it behind Jetty) and finds every event, no gaps, duplicates only as repeats.
 */
class PullIT {

    @TempDir
    Path dir;

    @Test
    void centralPullsEverythingOverHttp() throws Exception {
        try (SqliteJournal journal = SqliteJournal.open(JournalSettings.of(dir.resolve("outbox.db"), "gw-pull"), Clock.systemUTC())) {
            java.util.List<EventDraft> drafts = new java.util.ArrayList<>();
            for (int i = 0; i < 2500; i++) {
                drafts.add(EventDraft.of(i % 2 == 0 ? EventType.READING : EventType.DECISION, "lane-1", Instant.now(), Map.of("i", i)));
            }
            journal.appendAll(drafts);
            PullApi api = new PullApi(journal, "pull-token-xyz");
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            ObjectMapper json = new ObjectMapper();
            server.createContext("/api/v1/events", ex -> {
                Map<String, String> q = query(ex.getRequestURI().getRawQuery());
                PullApi.Answer a = api.events(ex.getRequestHeaders().getFirst("Authorization"), q.get("after"), q.get("limit"));
                byte[] body = json.writeValueAsBytes(a.body());
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(a.status(), body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
                    CentralSimulator central = CentralSimulator.start(broker.url(), "borderedge", "pull-key-0123456789".getBytes(StandardCharsets.UTF_8))) {
                URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
                assertEquals(2500, central.pull(base, "pull-token-xyz", 0));
                assertEquals(500, central.pull(base, "pull-token-xyz", 2000));
                CentralSimulator.GatewayReport r = central.report("gw-pull");
                assertEquals(2500, r.received());
                assertEquals(500, r.duplicates());
                assertEquals(0, r.gaps());
                IOException refused = assertThrows(IOException.class, () -> central.pull(base, "wrong", 0));
                assertEquals(true, refused.getMessage().contains("401"), refused.getMessage());
            } finally {
                server.stop(0);
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    out.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }
}
