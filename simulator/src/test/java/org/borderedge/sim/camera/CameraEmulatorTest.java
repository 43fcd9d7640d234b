package org.borderedge.sim.camera;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class CameraEmulatorTest {

    @Test
    void servesTheSceneAsSnapshotAndMjpeg() throws Exception {
        try (CameraEmulator cam = CameraEmulator.start(0)) {
            String plate = cam.showRandomPlate(42);
            assertEquals("12D-112.48", plate);
            HttpURLConnection c = (HttpURLConnection) cam.snapshotUri().toURL().openConnection();
            assertEquals(200, c.getResponseCode());
            assertEquals("image/jpeg", c.getContentType());
            byte[] jpeg;
            try (InputStream in = c.getInputStream()) {
                jpeg = in.readAllBytes();
            }
            assertNotNull(ImageIO.read(new java.io.ByteArrayInputStream(jpeg)), "a decodable JPEG");
            assertEquals("12D11248", SimplePlateScenes.groundTruthPlate(jpeg));

            HttpURLConnection m = (HttpURLConnection) cam.mjpegUri().toURL().openConnection();
            assertEquals(200, m.getResponseCode());
            assertTrue(m.getContentType().startsWith("multipart/x-mixed-replace; boundary="), m.getContentType());
            try (InputStream in = m.getInputStream()) {
                String head = new String(in.readNBytes(120), StandardCharsets.ISO_8859_1);
                assertTrue(head.startsWith("--borderedgeframe\r\nContent-Type: image/jpeg\r\nContent-Length: "), head);
            }
            m.disconnect();
        }
    }

    @Test
    void credentialsAreEnforcedWhenSet() throws Exception {
        try (CameraEmulator cam = CameraEmulator.start(0).requireCredentials("viewer", "pw")) {
            HttpURLConnection open = (HttpURLConnection) cam.snapshotUri().toURL().openConnection();
            assertEquals(401, open.getResponseCode());
            HttpURLConnection authed = (HttpURLConnection) cam.snapshotUri().toURL().openConnection();
            authed.setRequestProperty("Authorization", IsapiPush.basicAuthorization("viewer", "pw"));
            assertEquals(200, authed.getResponseCode());
        }
    }

    @Test
    void anEmptyLaneHasNoPlateAndScenesAreReproducible() {
        SimplePlateScenes scenes = new SimplePlateScenes();
        assertEquals("", SimplePlateScenes.groundTruthPlate(scenes.render(null, 1)));
        assertArrayEquals(scenes.render("51F-678.90", 3), scenes.render("51F-678.90", 3));
        assertNotEquals(SimplePlateScenes.randomPlate(1), SimplePlateScenes.randomPlate(2));
    }

    @Test
    void pushBodyCarriesTheXmlAndPictures() {
        IsapiPush push = IsapiPush.anpr("51F-678.90").withPicture("licensePlatePicture.jpg", new byte[] {1, 2});
        String body = new String(push.body(), StandardCharsets.ISO_8859_1);
        assertTrue(body.contains("name=\"anpr.xml\""));
        assertTrue(body.contains("<licensePlate>51F-678.90</licensePlate>"));
        assertTrue(body.contains("name=\"licensePlatePicture.jpg\""));
        assertTrue(body.endsWith("--" + push.boundary() + "--\r\n"));
        assertTrue(push.contentType().endsWith(push.boundary()));
    }

    @Test
    void pushReachesAReceiver() throws Exception {
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        java.util.concurrent.atomic.AtomicReference<String> seen = new java.util.concurrent.atomic.AtomicReference<>();
        receiver.createContext("/isapi/anpr", ex -> {
            seen.set(ex.getRequestHeaders().getFirst("Authorization") + " " + new String(ex.getRequestBody().readAllBytes(),
                    StandardCharsets.ISO_8859_1));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
        try (CameraEmulator cam = CameraEmulator.start(0)) {
            URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/isapi/anpr");
            assertEquals(200, cam.pushAnpr(url, "29C-123.45", "u", "p"));
            assertTrue(seen.get().startsWith(IsapiPush.basicAuthorization("u", "p")));
            assertTrue(seen.get().contains("<licensePlate>29C-123.45</licensePlate>"));
            assertTrue(seen.get().contains("detectionPicture.jpg"));
        } finally {
            receiver.stop(0);
        }
    }
}
