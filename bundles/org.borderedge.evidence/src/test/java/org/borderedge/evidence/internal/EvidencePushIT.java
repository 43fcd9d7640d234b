package org.borderedge.evidence.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.borderedge.evidence.EvidenceKinds;
import org.borderedge.evidence.EvidenceRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push of small items to a central stand-in on a free loopback port (the JDK's HTTP server) that
 * hashes what it received and answers with that hash, as the central is expected to.
 */
class EvidencePushIT {

    @TempDir
    Path dir;

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void smallItemsArePushedHeldFirstAndOnlyAConfirmedHashCountsAsSynced() throws Exception {
        Map<String, byte[]> received = new ConcurrentHashMap<>();
        List<String> order = new CopyOnWriteArrayList<>();
        boolean[] corrupt = {false};
        HttpServer central = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        central.createContext("/evidence/", ex -> {
            String id = ex.getRequestURI().getPath().substring("/evidence/".length());
            byte[] body = ex.getRequestBody().readAllBytes();
            if (!"Bearer push-secret".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.sendResponseHeaders(401, -1);
                ex.close();
                return;
            }
            if (corrupt[0]) {
                body[0] ^= 1;
            }
            received.put(id, body);
            order.add(ex.getRequestHeaders().getFirst("X-Evidence-Kind") + "@" + ex.getRequestHeaders().getFirst("X-Evidence-Cycle"));
            ex.getResponseHeaders().add("X-Evidence-SHA256", SqliteEvidenceStore.sha256(body));
            ex.sendResponseHeaders(201, -1);
            ex.close();
        });
        central.start();
        String url = "http://127.0.0.1:" + central.getAddress().getPort() + "/evidence";
        try (SqliteEvidenceStore store = new SqliteEvidenceStore(dir, 1 << 24, Clock.systemUTC())) {
            EvidenceRef released = store.put(bytes(2000, 1), "image/jpeg", "L1", "c-rel", EvidenceKinds.OVERVIEW);
            store.mark("c-rel", "RELEASE", false);
            EvidenceRef held = store.put(bytes(3000, 2), "image/jpeg", "L1", "c-hold", EvidenceKinds.PLATE_CROP);
            store.mark("c-hold", "HOLD", false);
            EvidenceRef scan = store.put(bytes(600_000, 3), "image/tiff", "L1", "c-hold", EvidenceKinds.SCAN);

            EvidencePusher wrongToken = new EvidencePusher(store, url, "nope", 512 * 1024);
            assertEquals(0, wrongToken.pushPending(50));
            assertFalse(store.find(held.id()).orElseThrow().synced());

            corrupt[0] = true;
            EvidencePusher pusher = new EvidencePusher(store, url, "push-secret", 512 * 1024);
            assertEquals(0, pusher.pushPending(50), "a copy whose hash differs is not confirmed");
            assertEquals(2, pusher.failures());
            assertFalse(store.find(held.id()).orElseThrow().synced());

            corrupt[0] = false;
            order.clear();
            assertEquals(2, pusher.pushPending(50));
            assertEquals(List.of("plate-crop@c-hold", "overview@c-rel"), order, "held evidence first");
            assertArrayEquals(bytes(3000, 2), received.get(held.id()));
            assertTrue(store.find(held.id()).orElseThrow().synced());
            assertTrue(store.find(released.id()).orElseThrow().synced());
            assertFalse(store.find(scan.id()).orElseThrow().synced(), "the large scan waits for the pull");
            assertEquals(0, pusher.pushPending(50));
        } finally {
            central.stop(0);
        }
    }

    @Test
    void anUnreachableCentralLeavesEverythingPending() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (SqliteEvidenceStore store = new SqliteEvidenceStore(dir, 1 << 24, Clock.systemUTC())) {
            EvidenceRef ref = store.put(bytes(100, 4), "image/jpeg", "L1", "c-1", EvidenceKinds.PLATE_CROP);
            EvidencePusher pusher = new EvidencePusher(store, "http://127.0.0.1:" + port + "/evidence", "", 1024);
            assertEquals(0, pusher.pushPending(50));
            assertEquals(1, pusher.failures());
            assertFalse(store.find(ref.id()).orElseThrow().synced());
        }
    }
}
