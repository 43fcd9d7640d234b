package org.borderedge.camera.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.borderedge.device.DeviceProfile;
import org.borderedge.device.ProfileLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CameraProfilesTest {

    private static final Set<String> DRIVERS = Set.of(HttpSnapshotCameraFactory.DRIVER, MjpegCameraFactory.DRIVER,
            FolderCameraFactory.DRIVER, IsapiPushCameraFactory.DRIVER);

    @Test
    void everyShippedCameraProfileNamesADriverOfThisBundleAndItsDefaultsAreAccepted() {
        ProfileLoader.Result r = new ProfileLoader().loadDirectory(Path.of("../../device-profiles"));
        List<DeviceProfile> cameras = r.profiles().stream().filter(p -> p.kind().equals("camera")).toList();
        assertTrue(cameras.size() >= 4, "camera profiles: " + cameras.stream().map(DeviceProfile::id).toList());
        assertEquals(DRIVERS, cameras.stream().map(DeviceProfile::driver).collect(Collectors.toSet()));
        for (DeviceProfile p : cameras) {
            CameraOptions o = new CameraOptions(p.section("defaults"));
            o.intValue("voteFrames", 5, 1, 100);
            assertTrue(o.intValue("voteMin", 2, 1, 100) <= o.intValue("voteFrames", 5, 1, 100), p.id());
        }
    }

    @Test
    void aMisspelledOptionIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("camera/acme-typo.yaml");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "schemaVersion: 1\nkind: camera\nvendor: Acme\nmodel: typo\ndriver: http-snapshot-camera\n"
                + "defaults:\n  pollIntervalMS: 200\n", StandardCharsets.UTF_8);
        ProfileLoader.Result r = new ProfileLoader().loadDirectory(dir);
        assertEquals(List.of(), r.profiles());
        assertTrue(r.problems().stream().anyMatch(p -> p.toString().contains("pollIntervalMS")), r.problems().toString());
    }

    @Test
    void aBadValueIsRefused(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("camera/acme-bad.yaml");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "schemaVersion: 1\nkind: camera\nvendor: Acme\nmodel: bad\ndriver: folder-camera\n"
                + "defaults:\n  afterRead: shred\n", StandardCharsets.UTF_8);
        assertFalse(new ProfileLoader().loadDirectory(dir).problems().isEmpty());
    }

    @Test
    void optionsNameTheBadOne() {
        CameraOptions o = new CameraOptions(Map.of("pollIntervalMs", "fast", "voteMin", 0));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> o.longValue("pollIntervalMs", 1, 1, 10)).getMessage()
                .contains("pollIntervalMs"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> o.intValue("voteMin", 1, 1, 10)).getMessage()
                .contains("voteMin"));
    }
}
