package org.borderedge.camera.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.borderedge.anpr.PlateRecognizer;
import org.borderedge.core.PlateFormat;
import org.borderedge.device.CommandResult;
import org.borderedge.device.DeviceCommand;
import org.borderedge.device.DeviceHandler;
import org.borderedge.device.DeviceState;
import org.borderedge.device.DeviceStatus;
import org.borderedge.device.Observation;
import org.borderedge.sim.camera.CameraEmulator;
import org.borderedge.sim.camera.SimplePlateScenes;
import org.borderedge.testing.RecordingDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Camera emulator over real HTTP into the real drivers, with a recogniser double that reads the
 * emulator's ground truth out of the very JPEG bytes it received.
 */
class CameraSourcesIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long SEED = 42;

    private CameraEmulator camera;
    private DeviceHandler handler;
    private final GroundTruthRecognizer recognizer = new GroundTruthRecognizer(0.8);

    @BeforeEach
    void startCamera() throws Exception {
        camera = CameraEmulator.start(0).framesPerSecond(20);
    }

    @AfterEach
    void stop() {
        if (handler != null) {
            handler.dispose();
        }
        camera.close();
    }

    private static Map<String, Object> options(Object... kv) {
        Map<String, Object> o = new HashMap<>(Map.of("pollIntervalMs", 50, "voteFrames", 5, "voteMin", 2,
                "instantConfidence", 0.9, "minConfidence", 0.5, "repeatSuppressMs", 10_000, "reconnectDelayMs", 100));
        for (int i = 0; i < kv.length; i += 2) {
            o.put((String) kv[i], kv[i + 1]);
        }
        return o;
    }

    private RecordingDevice start(String driver, String endpoint, Map<String, Object> options,
            java.util.function.Supplier<PlateRecognizer> recognizers) {
        RecordingDevice ctx = new RecordingDevice("cam-1", "lane-1", RecordingDevice.bareProfile("camera", driver), endpoint, options);
        handler = switch (driver) {
            case HttpSnapshotCameraFactory.DRIVER -> new SnapshotCameraHandler(ctx, recognizers);
            case MjpegCameraFactory.DRIVER -> new MjpegCameraHandler(ctx, recognizers);
            case FolderCameraFactory.DRIVER -> new FolderCameraHandler(ctx, recognizers);
            default -> throw new IllegalArgumentException(driver);
        };
        handler.initialize();
        return ctx;
    }

    @Test
    void snapshotSourceReportsTheSeededPlateOnceByVote() throws Exception {
        String shown = camera.showRandomPlate(SEED);
        assertEquals("12D-112.48", shown, "seed 42 is pinned: the plate a test expects must not drift");
        RecordingDevice ctx = start(HttpSnapshotCameraFactory.DRIVER, camera.snapshotUri().toString(), options(),
                () -> recognizer);

        Observation.PlateObserved read = ctx.nextPlate(WAIT);
        assertNotNull(read, "no plate observed; counters " + ctx.counters() + ", statuses " + ctx.statuses());
        assertEquals("12D11248", read.plate().text());
        assertEquals(PlateFormat.VN, read.plate().format());
        assertEquals(0.8, read.confidence(), 1e-9);
        assertTrue(recognizer.images.get() >= 2, "a 0.8 read needs two frames to win the vote");
        assertEquals(DeviceState.ONLINE, ctx.status().state());
        assertTrue(camera.snapshotsServed() >= 2);

        long frames = recognizer.images.get();
        assertNull(ctx.nextPlate(Duration.ofMillis(1000)), "the same truck in view is one observation");
        assertTrue(recognizer.images.get() > frames, "frames kept flowing meanwhile");

        camera.showPlate("29C-123.45");
        Observation.PlateObserved next = ctx.nextPlate(WAIT);
        assertNotNull(next);
        assertEquals("29C12345", next.plate().text());
    }

    @Test
    void snapshotWithCredentialsAndWithWrongOnes() throws Exception {
        camera.requireCredentials("viewer", "pass-1").showRandomPlate(SEED);
        RecordingDevice ok = start(HttpSnapshotCameraFactory.DRIVER, camera.snapshotUri().toString(),
                options("user", "viewer", "password", "pass-1"), () -> recognizer);
        assertEquals("12D11248", ok.nextPlate(WAIT).plate().text());
        assertTrue(handler.execute(new DeviceCommand.Capture()).toCompletableFuture().get().accepted(), "capture on demand");
        assertFalse(handler.execute(new DeviceCommand.Barrier(DeviceCommand.BarrierAction.OPEN)).toCompletableFuture().get().accepted());
        handler.dispose();

        RecordingDevice bad = start(HttpSnapshotCameraFactory.DRIVER, camera.snapshotUri().toString(),
                options("user", "viewer", "password", "wrong"), () -> recognizer);
        DeviceStatus s = bad.awaitStatus(x -> x.state() == DeviceState.OFFLINE && x.reason().contains("401"), WAIT);
        assertEquals(DeviceState.OFFLINE, s.state(), bad.statuses().toString());
        assertTrue(s.reason().contains("check user/password"), s.reason());
        CommandResult capture = handler.execute(new DeviceCommand.Capture()).toCompletableFuture().get();
        assertFalse(capture.accepted());
        assertTrue(capture.reason().contains("snapshot failed"), capture.reason());
        assertNull(bad.nextPlate(Duration.ofMillis(300)));
    }

    @Test
    void mjpegSourceReportsThePlate() throws Exception {
        camera.showRandomPlate(SEED);
        RecordingDevice ctx = start(MjpegCameraFactory.DRIVER, camera.mjpegUri().toString(), options(), () -> recognizer);
        Observation.PlateObserved read = ctx.nextPlate(WAIT);
        assertNotNull(read, "no plate observed; counters " + ctx.counters() + ", statuses " + ctx.statuses());
        assertEquals("12D11248", read.plate().text());
        assertEquals(DeviceState.ONLINE, ctx.status().state());
        assertTrue(camera.framesStreamed() >= 2);
    }

    @Test
    void mjpegStreamThatDropsIsOfflineAndComesBack() throws Exception {
        camera.showRandomPlate(SEED);
        int port = camera.port();
        RecordingDevice ctx = start(MjpegCameraFactory.DRIVER, camera.mjpegUri().toString(), options(), () -> recognizer);
        assertNotNull(ctx.nextPlate(WAIT));
        camera.close();
        DeviceStatus down = ctx.awaitStatus(s -> s.state() == DeviceState.OFFLINE, WAIT);
        assertEquals(DeviceState.OFFLINE, down.state());
        assertTrue(down.reason().contains("MJPEG stream"), down.reason());
        camera = CameraEmulator.start(port);
        camera.showPlate("29C-123.45");
        assertEquals(DeviceState.ONLINE, ctx.awaitStatus(DeviceStatus::isOnline, WAIT).state());
        assertEquals("29C12345", ctx.nextPlate(WAIT).plate().text());
    }

    @Test
    void folderSourceReadsEachDroppedPictureAndDeletesIt(@TempDir Path folder) throws Exception {
        camera.showRandomPlate(SEED);
        RecordingDevice ctx = start(FolderCameraFactory.DRIVER, folder.toUri().toString(),
                options("voteFrames", 1, "voteMin", 1, "settleMs", 0), () -> recognizer);
        Path picture = folder.resolve("lane1-0001.jpg");
        Files.write(folder.resolve("upload.tmp"), camera.currentFrame());
        Files.move(folder.resolve("upload.tmp"), picture);
        Files.writeString(folder.resolve("notes.jpg"), "not a picture");

        Observation.PlateObserved read = ctx.nextPlate(WAIT);
        assertNotNull(read, "no plate observed; counters " + ctx.counters());
        assertEquals("12D11248", read.plate().text());
        assertEquals(DeviceState.ONLINE, ctx.status().state());
        long end = System.nanoTime() + WAIT.toNanos();
        while (Files.exists(picture) && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertFalse(Files.exists(picture), "read pictures are deleted");
        while (ctx.counter("frames.notImage") == 0 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertEquals(1, ctx.counter("frames.notImage"), "a non-image is counted, not recognised");
    }

    @Test
    void containerNumbersAreObservedToo(@TempDir Path folder) throws Exception {
        PlateRecognizer containers = image -> new org.borderedge.anpr.Recognition(List.of(), List.of(
                new org.borderedge.anpr.Recognition.ContainerReading(org.borderedge.core.ContainerNumber.parse("CSQU3054383").orElseThrow(),
                        0.95, false, new org.borderedge.anpr.Recognition.Box(0, 0, 1, 1))), 1, "");
        RecordingDevice ctx = start(FolderCameraFactory.DRIVER, folder.toString(),
                options("voteFrames", 1, "voteMin", 1, "settleMs", 0, "evidenceDir", folder.resolve("evidence").toString()), () -> containers);
        Files.write(folder.resolve("box.jpg"), camera.currentFrame());
        Observation o = ctx.pending().poll(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        assertTrue(o instanceof Observation.ContainerObserved, String.valueOf(o));
        Observation.ContainerObserved c = (Observation.ContainerObserved) o;
        assertEquals("CSQU3054383", c.text());
        assertTrue(c.valid());
        assertArrayEquals(camera.currentFrame(), Files.readAllBytes(Path.of(c.imageRef())), "the frame is kept as evidence");
    }

    @Test
    void withoutRecognizerTheCameraIsDegradedAndRecoversWhenOneIsInstalled() throws Exception {
        camera.showRandomPlate(SEED);
        AtomicReference<PlateRecognizer> installed = new AtomicReference<>();
        RecordingDevice ctx = start(HttpSnapshotCameraFactory.DRIVER, camera.snapshotUri().toString(), options(),
                installed::get);
        DeviceStatus degraded = ctx.awaitStatus(s -> s.state() == DeviceState.DEGRADED, WAIT);
        assertEquals("no recognizer installed", degraded.reason());
        assertNull(ctx.nextPlate(Duration.ofMillis(300)));
        assertTrue(ctx.counter("frames.unrecognised") > 0);

        installed.set(recognizer);
        assertEquals("12D11248", ctx.nextPlate(WAIT).plate().text());
        assertEquals(DeviceState.ONLINE, ctx.status().state());
    }

    @Test
    void unreachableCameraIsOfflineNamingTheUrl() throws Exception {
        String url = camera.snapshotUri().toString();
        camera.close();
        RecordingDevice ctx = start(HttpSnapshotCameraFactory.DRIVER, url, options(), () -> recognizer);
        DeviceStatus s = ctx.awaitStatus(x -> x.state() == DeviceState.OFFLINE && x.reason().contains("failed"), WAIT);
        assertTrue(s.reason().contains(url) && s.reason().contains("3 times"), s.reason());
    }

    @Test
    void badConfigurationIsOfflineWithTheReason() {
        RecordingDevice ctx = start(HttpSnapshotCameraFactory.DRIVER, "ftp://camera/x.jpg", options(), () -> recognizer);
        assertEquals(DeviceState.OFFLINE, ctx.status().state());
        assertTrue(ctx.status().reason().contains("http://"), ctx.status().reason());
        handler.dispose();
        RecordingDevice ctx2 = start(HttpSnapshotCameraFactory.DRIVER, camera.snapshotUri().toString(),
                options("voteMin", 9, "voteFrames", 3), () -> recognizer);
        assertTrue(ctx2.status().reason().contains("minVotes"), ctx2.status().reason());
    }

    @Test
    void groundTruthIsInTheServedBytes() {
        String plate = camera.showRandomPlate(7);
        assertEquals(plate.replaceAll("[^0-9A-Z]", ""), SimplePlateScenes.groundTruthPlate(camera.currentFrame()));
    }
}
