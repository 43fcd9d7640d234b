package org.borderedge.evidence.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.lang.annotation.Annotation;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Random;
import java.util.List;
import java.util.Set;
import org.borderedge.access.Agency;
import org.borderedge.access.internal.TokenStore;
import org.borderedge.console.ConsoleAccess;
import org.borderedge.core.EventType;
import org.borderedge.core.GateEvent;
import org.borderedge.evidence.EvidenceKinds;
import org.borderedge.evidence.EvidenceRef;
import org.borderedge.outbox.internal.JournalSettings;
import org.borderedge.outbox.internal.SqliteJournal;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evidence servlets in embedded Jetty 12 on a free loopback port, as the HTTP whiteboard runs
 * them: the central pulls a scan in ranges and checks the hash; the console shows a decision's image.
 */
class EvidenceHttpIT {

    private static final String TOKEN = "pull-" + Long.toHexString(new Random().nextLong());
    private static final String CONSOLE_USER = "Bearer console-tech";

    @TempDir
    Path dir;

    private SqliteEvidenceStore store;
    private TokenStore agencies;
    private SqliteJournal journal;
    private Server server;
    private String base;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        store = new SqliteEvidenceStore(dir, 64L << 20, Clock.systemUTC());
        agencies = new TokenStore(dir.resolve("agency-tokens.json"), Clock.systemUTC());
        journal = SqliteJournal.open(JournalSettings.of(dir.resolve("outbox.db"), "gw-ev"), Clock.systemUTC());
        PullTokenConfig config = new PullTokenConfig() {
            @Override
            public String pullToken() {
                return TOKEN;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return PullTokenConfig.class;
            }
        };
        // the console's real check lives in the console bundle (ConsoleAccessIT); here a stand-in with the same contract
        ConsoleAccess access = (HttpServletRequest req, String role) -> CONSOLE_USER.equals(req.getHeader("Authorization"))
                ? new ConsoleAccess.Check(200, "tech", "technician", "")
                : new ConsoleAccess.Check(401, "", "", "log in first");
        server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler ctx = new ServletContextHandler("/");
        ctx.addServlet(new ServletHolder("pull", new EvidencePullServlet(store, config, agencies, journal, Clock.systemUTC())), "/api/v1/evidence/*");
        ctx.addServlet(new ServletHolder("console", new EvidenceConsoleServlet(store, access)), "/console/evidence/*");
        server.setHandler(ctx);
        server.start();
        base = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        store.close();
        journal.close();
    }

    private HttpResponse<byte[]> get(String path, String auth, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (auth != null) {
            b.header("Authorization", auth);
        }
        if (range != null) {
            b.header("Range", range);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theCentralPullsALargeScanInRangesAndItsHashMatches() throws Exception {
        byte[] scan = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(scan);
        EvidenceRef ref = store.put(scan, "image/tiff", "L2", "c-red", EvidenceKinds.SCAN);
        store.mark("c-red", "INSPECT", false);
        String bearer = "Bearer " + TOKEN;

        assertEquals(401, get("/api/v1/evidence/" + ref.id(), null, null).statusCode());
        assertEquals(401, get("/api/v1/evidence/" + ref.id(), "Bearer wrong", null).statusCode());

        HttpResponse<byte[]> head = get("/api/v1/evidence/" + ref.id(), bearer, "bytes=0-1048575");
        assertEquals(206, head.statusCode());
        assertEquals("bytes 0-1048575/" + scan.length, head.headers().firstValue("Content-Range").orElseThrow());
        String announced = head.headers().firstValue("X-Evidence-SHA256").orElseThrow();
        assertEquals(ref.sha256(), announced);
        assertEquals("bytes", head.headers().firstValue("Accept-Ranges").orElseThrow());

        ByteArrayOutputStream assembled = new ByteArrayOutputStream();
        assembled.write(head.body());
        long offset = head.body().length;
        while (offset < scan.length) {
            HttpResponse<byte[]> part = get("/api/v1/evidence/" + ref.id(), bearer, "bytes=" + offset + "-" + (offset + 1048575));
            assertEquals(206, part.statusCode());
            assembled.write(part.body());
            offset += part.body().length;
        }
        byte[] copy = assembled.toByteArray();
        assertEquals(announced, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(copy)));
        assertArrayEquals(scan, copy);

        HttpResponse<byte[]> tail = get("/api/v1/evidence/" + ref.id(), bearer, "bytes=-10");
        assertArrayEquals(java.util.Arrays.copyOfRange(scan, scan.length - 10, scan.length), tail.body());
        HttpResponse<byte[]> beyond = get("/api/v1/evidence/" + ref.id(), bearer, "bytes=" + scan.length + "-");
        assertEquals(416, beyond.statusCode());
        assertEquals("bytes */" + scan.length, beyond.headers().firstValue("Content-Range").orElseThrow());

        HttpResponse<byte[]> whole = get("/api/v1/evidence/" + ref.id(), bearer, null);
        assertEquals(200, whole.statusCode());
        assertArrayEquals(scan, whole.body());

        HttpResponse<byte[]> listing = get("/api/v1/evidence?cycleId=c-red", bearer, null);
        assertTrue(new String(listing.body()).contains(ref.sha256()));

        // the receipt: a wrong hash is refused, the right one marks the item synced
        assertEquals(409, post("/api/v1/evidence/" + ref.id() + "/received", bearer, "{\"sha256\":\"" + "ab".repeat(32) + "\"}"));
        assertTrue(!store.find(ref.id()).orElseThrow().synced());
        assertEquals(401, post("/api/v1/evidence/" + ref.id() + "/received", null, "{\"sha256\":\"" + announced + "\"}"));
        assertEquals(200, post("/api/v1/evidence/" + ref.id() + "/received", bearer, "{\"sha256\":\"" + announced + "\"}"));
        assertTrue(store.find(ref.id()).orElseThrow().synced());
    }

    @Test
    void aCorruptedFileIsNotDeliveredAsEvidence() throws Exception {
        EvidenceRef ref = store.put(new byte[] {1, 2, 3, 4}, "image/jpeg", "L1", "c-1", EvidenceKinds.PLATE_CROP);
        java.nio.file.Files.write(dir.resolve("media").resolve(ref.id()), new byte[] {9, 9, 9, 9});
        HttpResponse<byte[]> r = get("/api/v1/evidence/" + ref.id(), "Bearer " + TOKEN, null);
        assertEquals(500, r.statusCode());
        assertTrue(new String(r.body()).contains("integrity"));
        assertEquals(404, get("/api/v1/evidence/no-such-id", "Bearer " + TOKEN, null).statusCode());
    }

    @Test
    void theConsoleShowsTheLastDecisionsImageToLoggedInUsersOnly() throws Exception {
        byte[] crop = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x01, 0x02};
        store.put(crop, "image/jpeg", "L1", "c-1", EvidenceKinds.PLATE_CROP);
        store.mark("c-1", "HOLD", false);

        assertEquals(401, get("/console/evidence/lanes/L1/plate-crop", null, null).statusCode());
        assertEquals(401, get("/console/evidence/lanes/L1/plate-crop", "Bearer " + TOKEN, null).statusCode(),
                "the central's pull token is no console login");
        HttpResponse<byte[]> img = get("/console/evidence/lanes/L1/plate-crop?at=x", CONSOLE_USER, null);
        assertEquals(200, img.statusCode());
        assertEquals("image/jpeg", img.headers().firstValue("Content-Type").orElseThrow());
        assertArrayEquals(crop, img.body());
        assertEquals(404, get("/console/evidence/lanes/L1/overview", CONSOLE_USER, null).statusCode());
        assertTrue(new String(get("/console/evidence/lanes/L1", CONSOLE_USER, null).body()).contains("plate-crop"));
    }

    @Test
    void anAgencyTokenReadsOnlyTheEvidenceOfItsLanesAndEveryRequestIsAudited() throws Exception {
        EvidenceRef l1 = store.put(new byte[] {1, 2, 3}, "image/jpeg", "L1", "c-1", EvidenceKinds.PLATE_CROP);
        EvidenceRef l2 = store.put(new byte[] {4, 5, 6}, "image/jpeg", "L2", "c-2", EvidenceKinds.PLATE_CROP);
        String guard = "Bearer " + agencies.issue(Agency.BORDER_GUARD, "bg", Set.of("DECISION", "EVIDENCE_STORED"),
                Set.of("L1"), "sup").secret();
        String decisionsOnly = "Bearer " + agencies.issue(Agency.QUARANTINE, "q", Set.of("DECISION"), Set.of(), "sup").secret();

        HttpResponse<byte[]> own = get("/api/v1/evidence/" + l1.id(), guard, null);
        assertEquals(200, own.statusCode());
        assertArrayEquals(new byte[] {1, 2, 3}, own.body());
        assertEquals(l1.sha256(), own.headers().firstValue("X-Evidence-SHA256").orElseThrow());
        assertEquals(403, get("/api/v1/evidence/" + l2.id(), guard, null).statusCode(), "lane L2 is outside the scope");
        assertEquals(403, get("/api/v1/evidence?cycleId=c-2", guard, null).statusCode());
        assertTrue(new String(get("/api/v1/evidence?cycleId=c-1", guard, null).body()).contains(l1.sha256()));
        assertEquals(403, get("/api/v1/evidence/" + l1.id(), decisionsOnly, null).statusCode(),
                "a scope without EVIDENCE_STORED reads no evidence");
        assertEquals(403, post("/api/v1/evidence/" + l1.id() + "/received", guard, "{\"sha256\":\"" + l1.sha256() + "\"}"),
                "only the central confirms receipt");
        assertTrue(!store.find(l1.id()).orElseThrow().synced());

        agencies.revoke(agencies.list().get(0).id(), "sup");
        assertEquals(401, get("/api/v1/evidence/" + l1.id(), guard, null).statusCode(), "a revoked token is refused");
        assertEquals(200, get("/api/v1/evidence/" + l1.id(), "Bearer " + TOKEN, null).statusCode());

        List<GateEvent> audit = journal.readAfter(0, 100).stream().filter(e -> e.type() == EventType.AUDIT).toList();
        assertEquals(6, audit.size(), "one AUDIT event per authenticated agency request, none for the central: " + audit);
        assertTrue(audit.stream().allMatch(e -> "EVIDENCE_PULL".equals(e.payload().get("action"))));
        assertEquals(List.of(200, 403, 403, 200, 403, 403),
                audit.stream().map(e -> ((Number) e.payload().get("status")).intValue()).toList());
        assertEquals("border-guard", audit.get(0).payload().get("agency"));
        assertEquals("L1", audit.get(0).laneId());
    }

    private int post(String path, String auth, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
