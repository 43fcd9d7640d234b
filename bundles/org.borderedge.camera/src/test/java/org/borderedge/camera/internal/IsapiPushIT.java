package org.borderedge.camera.internal;

import static org.junit.jupiter.api.Assertions.*;

import jakarta.servlet.MultipartConfigElement;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.borderedge.device.DeviceState;
import org.borderedge.device.DeviceStatus;
import org.borderedge.device.Observation;
import org.borderedge.sim.camera.CameraEmulator;
import org.borderedge.sim.camera.IsapiPush;
import org.borderedge.sim.camera.SimplePlateScenes;
import org.borderedge.testing.RecordingDevice;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ISAPI-style pushes over real HTTP: the camera emulator POSTs to {@link IsapiPushServlet} running
 * in an embedded Jetty 12 (ee10, the servlet container Felix HTTP Jetty 12 embeds), with the
 * multipart limits the whiteboard annotation declares; the router hands accepted events to a real
 * isapi-push-camera handler.
 */
class IsapiPushIT {

    private static final String USER = "gate-cam";
    private static final String PASSWORD = "s3cret-lane1";
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(300);

    @TempDir
    Path temp;

    private Server jetty;
    private IsapiPushServlet servlet;
    private PushRouter router;
    private URI receiver;
    private CameraEmulator camera;
    private IsapiPushCameraHandler handler;
    private RecordingDevice device;

    @BeforeEach
    void start() throws Exception {
        router = new PushRouter();
        servlet = new IsapiPushServlet(router);
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        ServletHolder holder = new ServletHolder(servlet);
        holder.getRegistration().setMultipartConfig(new MultipartConfigElement(temp.toString(),
                IsapiPushServlet.MAX_PART_BYTES, IsapiPushServlet.MAX_REQUEST_BYTES, IsapiPushServlet.IN_MEMORY_BYTES));
        context.addServlet(holder, IsapiPushServlet.PATH);
        jetty.setHandler(context);
        jetty.start();
        receiver = URI.create("http://127.0.0.1:" + connector.getLocalPort() + IsapiPushServlet.PATH);
        camera = CameraEmulator.start(0);
        device = register("isapi-push://127.0.0.1", Map.of("user", USER, "password", PASSWORD,
                "evidenceDir", temp.resolve("evidence").toString()));
    }

    private RecordingDevice register(String endpoint, Map<String, Object> options) throws InterruptedException {
        RecordingDevice ctx = new RecordingDevice("lane1-anpr", "lane-1", RecordingDevice.bareProfile("camera", IsapiPushCameraFactory.DRIVER), endpoint, options);
        handler = new IsapiPushCameraHandler(ctx, router);
        handler.initialize();
        ctx.awaitStatus(DeviceStatus::isOnline, WAIT);
        return ctx;
    }

    @AfterEach
    void stop() throws Exception {
        handler.dispose();
        camera.close();
        jetty.stop();
    }

    private long routed(String counter) {
        return router.counters().getOrDefault(counter, 0L);
    }

    @Test
    void aGenuinePushBecomesAPlateObservationWithEvidence() throws Exception {
        String plate = SimplePlateScenes.randomPlate(42);
        camera.showPlate(plate, 42);
        assertEquals(200, camera.pushAnpr(receiver, plate, USER, PASSWORD));

        Observation.PlateObserved read = device.nextPlate(WAIT);
        assertNotNull(read, "router " + router.counters() + ", device " + device.counters());
        assertEquals("12D11248", read.plate().text());
        assertEquals(0.95, read.confidence(), 1e-9);
        assertEquals(DeviceState.ONLINE, device.status().state());
        assertFalse(read.imageRef().isEmpty(), "the detection picture is kept as evidence");
        byte[] kept = Files.readAllBytes(Path.of(read.imageRef()));
        assertEquals("12D11248", SimplePlateScenes.groundTruthPlate(kept), "the kept picture is the one the camera sent");
        assertEquals(1, routed("accepted"));
    }

    @Test
    void aBareXmlBodyIsAcceptedToo() throws Exception {
        HttpResponse<String> r = camera.post(receiver, IsapiPush.anpr("29C-123.45").xml().getBytes(StandardCharsets.UTF_8),
                "application/xml; charset=UTF-8", IsapiPush.basicAuthorization(USER, PASSWORD));
        assertEquals(200, r.statusCode());
        Observation.PlateObserved read = device.nextPlate(WAIT);
        assertNotNull(read, router.counters().toString());
        assertEquals("29C12345", read.plate().text());
        assertEquals("", read.imageRef(), "no pictures, no evidence");
    }

    @Test
    void forgedPushesAreAnsweredLikeGoodOnesButNeverObserved() throws Exception {
        HttpResponse<String> good = camera.push(receiver, IsapiPush.anpr("51F-678.90"), IsapiPush.basicAuthorization(USER, PASSWORD));
        assertNotNull(device.nextPlate(WAIT));

        HttpResponse<String> wrongPassword = camera.push(receiver, IsapiPush.anpr("51F-999.99"),
                IsapiPush.basicAuthorization(USER, "guess"));
        HttpResponse<String> wrongUser = camera.push(receiver, IsapiPush.anpr("51F-999.99"),
                IsapiPush.basicAuthorization("admin", PASSWORD));
        HttpResponse<String> none = camera.push(receiver, IsapiPush.anpr("51F-999.99"), null);
        HttpResponse<String> garbled = camera.push(receiver, IsapiPush.anpr("51F-999.99"), "Basic %%%not-base64");
        HttpResponse<String> bearer = camera.push(receiver, IsapiPush.anpr("51F-999.99"), "Bearer " + PASSWORD);

        for (HttpResponse<String> r : new HttpResponse[] {wrongPassword, wrongUser, none, garbled, bearer}) {
            assertEquals(200, r.statusCode(), "cameras do not resend refused events: always 200");
            assertEquals(good.body(), r.body(), "a refusal must not tell a forger anything");
        }
        assertNull(device.nextPlate(QUIET), "a forged read must never reach the lane");
        assertEquals(5, routed("refused.credentials"));
        assertEquals(5, device.counter("push.refused"));
        assertEquals(DeviceState.DEGRADED, device.status().state());
        assertTrue(device.status().reason().contains("refused"), device.status().reason());

        camera.pushAnpr(receiver, "51F-678.90", USER, PASSWORD);
        assertNotNull(device.nextPlate(WAIT), "the genuine camera still gets through");
        assertEquals(DeviceState.ONLINE, device.status().state());
    }

    @Test
    void theRightCredentialsFromAnUnknownAddressAreRefused() throws Exception {
        handler.dispose();
        device = register("isapi-push://127.0.0.2", Map.of("user", USER, "password", PASSWORD));

        assertEquals(200, camera.pushAnpr(receiver, "51F-999.99", USER, PASSWORD));
        assertNull(device.nextPlate(QUIET), "127.0.0.1 is not the camera's address");
        assertEquals(1, routed("refused.unknownAddress"));
        assertEquals(0, routed("accepted"));
    }

    @Test
    void aPushCameraWithoutCredentialsIsRefusedAtConfiguration() throws Exception {
        handler.dispose();
        RecordingDevice open = new RecordingDevice("open", "lane-1", RecordingDevice.bareProfile("camera", IsapiPushCameraFactory.DRIVER), "isapi-push://127.0.0.1", Map.of());
        handler = new IsapiPushCameraHandler(open, router);
        handler.initialize();
        assertEquals(DeviceState.OFFLINE, open.status().state());
        assertTrue(open.status().reason().contains("user"), open.status().reason());
        assertEquals(200, camera.pushAnpr(receiver, "51F-999.99", null, null));
        assertNull(open.nextPlate(QUIET));
        assertEquals(1, routed("refused.unknownAddress"));
    }

    @Test
    void digestCamerasAuthenticateWithoutSendingThePassword() throws Exception {
        handler.dispose();
        device = register("isapi-push://127.0.0.1", Map.of("user", USER, "password", PASSWORD, "auth", "digest"));

        assertEquals(200, camera.pushAnprDigest(receiver, "51F-678.90", USER, PASSWORD));
        assertEquals("51F67890", device.nextPlate(WAIT).plate().text());
        assertTrue(routed("challenged") >= 1, router.counters().toString());

        assertEquals(200, camera.pushAnprDigest(receiver, "51F-999.99", USER, "guess"), "a wrong answer is refused with 200");
        assertEquals(200, camera.pushAnpr(receiver, "51F-999.99", USER, PASSWORD), "Basic is not accepted from a Digest camera");
        assertNull(device.nextPlate(QUIET));
        assertEquals(2, routed("refused.credentials"));

        HttpResponse<String> challenged = camera.push(receiver, IsapiPush.anpr("29C-123.45"), null);
        assertEquals(401, challenged.statusCode());
        String challenge = challenged.headers().firstValue("WWW-Authenticate").orElseThrow();
        String auth = DigestChallengesTest.answer(challenge, USER, PASSWORD, "POST", IsapiPushServlet.PATH, "00000001");
        assertEquals(200, camera.push(receiver, IsapiPush.anpr("29C-123.45"), auth).statusCode());
        assertEquals("29C12345", device.nextPlate(WAIT).plate().text());
        assertEquals(200, camera.push(receiver, IsapiPush.anpr("29C-999.99"), auth).statusCode());
        assertNull(device.nextPlate(QUIET), "a captured Digest header cannot be replayed to push another plate");
        assertEquals(3, routed("refused.credentials"));
    }

    /** Nothing lost under a burst; the rate is printed (as a figure, not asserted). */
    @Test
    void aBurstFromConcurrentPushesIsObservedCompletely() throws Exception {
        int threads = 4;
        int each = 100;
        byte[] picture = camera.currentFrame();
        String auth = IsapiPush.basicAuthorization(USER, PASSWORD);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        java.util.List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                int ok = 0;
                for (int i = 0; i < each; i++) {
                    String plate = String.format("%02dC-%03d.%02d", 10 + thread, i, thread);
                    IsapiPush push = IsapiPush.anpr(plate).withPicture("detectionPicture.jpg", picture);
                    ok += camera.push(receiver, push, auth).statusCode() == 200 ? 1 : 0;
                }
                return ok;
            }));
        }
        int answered = 0;
        for (java.util.concurrent.Future<Integer> r : results) {
            answered += r.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        java.util.Set<String> plates = new java.util.HashSet<>();
        Observation.PlateObserved p;
        while (plates.size() < threads * each && (p = device.nextPlate(WAIT)) != null) {
            plates.add(p.plate().text());
        }
        assertEquals(threads * each, answered);
        assertEquals(threads * each, plates.size(), "every accepted push is one observation, none lost");
        assertEquals(threads * each, routed("accepted"));
        System.out.printf(java.util.Locale.ROOT, "{\"name\":\"camera.push.eps\",\"value\":%.0f,\"unit\":\"pushes/s\"}%n",
                threads * each / seconds);
    }

    @Test
    void anUnknownAddressIsNeverChallenged() throws Exception {
        handler.dispose();
        device = register("isapi-push://127.0.0.2", Map.of("user", USER, "password", PASSWORD, "auth", "digest"));
        assertEquals(200, camera.push(receiver, IsapiPush.anpr("29C-123.45"), null).statusCode());
        assertEquals(1, routed("refused.unknownAddress"));
    }

    @Test
    void twoLanesCamerasOnOneHostAreToldApartByCredentialsAndChannel() throws Exception {
        RecordingDevice lane1 = device;
        IsapiPushCameraHandler lane1Handler = handler;
        RecordingDevice lane2 = register("isapi-push://127.0.0.1?channel=2", Map.of("user", "lane2", "password", "pw-2"));
        try {
            camera.channel(2);
            assertEquals(200, camera.pushAnpr(receiver, "29C-222.22", "lane2", "pw-2"));
            assertEquals("29C22222", lane2.nextPlate(WAIT).plate().text());
            assertNull(lane1.nextPlate(QUIET));
            camera.channel(1);
            assertEquals(200, camera.pushAnpr(receiver, "29C-111.11", USER, PASSWORD));
            assertEquals("29C11111", lane1.nextPlate(WAIT).plate().text());
            assertNull(lane2.nextPlate(QUIET));
            assertEquals(200, camera.pushAnpr(receiver, "29C-333.33", "lane2", "pw-2"));
            assertNull(lane2.nextPlate(QUIET), "lane 2's credentials on channel 1 are not lane 2's camera");
            assertNull(lane1.nextPlate(QUIET), "nor lane 1's");
        } finally {
            handler.dispose();
            handler = lane1Handler;
        }
    }

    @Test
    void aSilentCameraIsReportedAndRecoversWithItsNextEvent() throws Exception {
        handler.dispose();
        device = register("isapi-push://127.0.0.1", Map.of("user", USER, "password", PASSWORD, "silenceTimeoutS", 1));
        DeviceStatus silent = device.awaitStatus(s -> s.state() == DeviceState.DEGRADED, WAIT);
        assertEquals("no event from the camera for more than 1 s", silent.reason());
        camera.push(receiver, IsapiPush.anpr("x").withXml(
                "<EventNotificationAlert><eventType>videoloss</eventType><eventState>inactive</eventState></EventNotificationAlert>"),
                IsapiPush.basicAuthorization(USER, PASSWORD));
        assertEquals(DeviceState.ONLINE, device.awaitStatus(DeviceStatus::isOnline, WAIT).state(), "a heartbeat is enough");
    }

    @Test
    void channelsRouteToTheirDevice() throws Exception {
        handler.dispose();
        device = register("isapi-push://127.0.0.1?channel=2", Map.of("user", USER, "password", PASSWORD));
        String auth = IsapiPush.basicAuthorization(USER, PASSWORD);
        camera.push(receiver, IsapiPush.anpr("51F-111.11").withChannel(1), auth);
        assertNull(device.nextPlate(QUIET));
        assertEquals(1, routed("refused.channel"));
        camera.push(receiver, IsapiPush.anpr("51F-222.22").withChannel(2), auth);
        assertEquals("51F22222", device.nextPlate(WAIT).plate().text());
    }

    @Test
    void heartbeatsAndUnreadPlatesAreNotObservations() throws Exception {
        String auth = IsapiPush.basicAuthorization(USER, PASSWORD);
        camera.push(receiver, IsapiPush.anpr("unknown"), auth);
        camera.push(receiver, IsapiPush.anpr("x").withXml(
                "<EventNotificationAlert><eventType>videoloss</eventType><eventState>inactive</eventState></EventNotificationAlert>"), auth);
        assertNull(device.nextPlate(QUIET));
        assertEquals(2, routed("noPlate"));
        assertEquals(1, device.counter("push.noPlate"));
        assertEquals(1, device.counter("push.otherEvents"));
        assertEquals(DeviceState.ONLINE, device.status().state());
    }

    @Test
    void malformedPushesAreAnswered200CountedReportedAndNeverCrash() throws Exception {
        String auth = IsapiPush.basicAuthorization(USER, PASSWORD);
        IsapiPush base = IsapiPush.anpr("51F-678.90").withPicture("licensePlatePicture.jpg", camera.currentFrame());
        byte[] whole = base.body();
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
        byte[] picturesOnly = ("--b1\r\nContent-Disposition: form-data; name=\"detectionPicture.jpg\"; filename=\"d.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\nnot much\r\n--b1--\r\n").getBytes(StandardCharsets.US_ASCII);

        int[] statuses = {
            camera.push(receiver, base.withXml("<EventNotificationAlert><eventType>ANPR</eventType><ANPR>"), auth).statusCode(),
            camera.push(receiver, base.withXml("\u0000\u0001 binary junk"), auth).statusCode(),
            camera.push(receiver, base.withXml("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                    + "<EventNotificationAlert><eventType>ANPR</eventType><ANPR><licensePlate>&x;</licensePlate></ANPR>"
                    + "</EventNotificationAlert>"), auth).statusCode(),
            camera.push(receiver, base.withXml("<EventNotificationAlert><eventType>ANPR</eventType><ANPR><licensePlate>51F67890"
                    + "</licensePlate><confidenceLevel>very</confidenceLevel></ANPR></EventNotificationAlert>"), auth).statusCode(),
            camera.post(receiver, truncated, base.contentType(), auth).statusCode(),
            camera.post(receiver, new byte[0], base.contentType(), auth).statusCode(),
            camera.post(receiver, picturesOnly, "multipart/form-data; boundary=b1", auth).statusCode(),
            camera.post(receiver, "hello".getBytes(StandardCharsets.US_ASCII), "text/plain", auth).statusCode(),
            camera.post(receiver, whole, "multipart/form-data", auth).statusCode(),
            camera.post(receiver, IsapiPush.anpr("1").withPicture("detectionPicture.jpg", new byte[10]).body(), "multipart/form-data; boundary=other", auth)
                    .statusCode(),
            camera.push(receiver, base.withPicture("detectionPicture.jpg", new byte[(int) IsapiPushServlet.MAX_PART_BYTES + 1]), auth)
                    .statusCode(),
        };
        for (int s : statuses) {
            assertEquals(200, s);
        }
        assertNull(device.nextPlate(QUIET), "nothing malformed becomes a plate");
        assertEquals(statuses.length, routed("malformed"), router.counters().toString());
        assertEquals(statuses.length, device.counter("push.malformed"));
        assertEquals(0, servlet.failures(), "every bad body was handled as bad input, not as a receiver failure");
        assertEquals(DeviceState.DEGRADED, device.status().state());
        assertTrue(device.status().reason().startsWith("malformed push: "), device.status().reason());
        String reasons = device.statuses().stream().map(DeviceStatus::reason).toList().toString();
        for (String named : new String[] {"not well-formed", "DOCTYPE", "confidenceLevel 'very'", "multipart body unreadable",
                "unsupported Content-Type 'text/plain'", "no event XML part"}) {
            assertTrue(reasons.contains(named), named + " not in " + reasons);
        }

        assertEquals(200, camera.pushAnpr(receiver, "51F-678.90", USER, PASSWORD));
        assertEquals("51F67890", device.nextPlate(WAIT).plate().text(), "the receiver still works after all that");
        assertEquals(DeviceState.ONLINE, device.status().state());
    }
}
