package org.borderedge.sim.scanner;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.borderedge.device.CommandResult;
import org.borderedge.device.DeviceCommand;
import org.borderedge.device.DeviceHandler;
import org.borderedge.device.DeviceProfile;
import org.borderedge.device.DeviceState;
import org.borderedge.device.Observation;
import org.borderedge.device.scanner.internal.ScannerHandlerFactory;
import org.borderedge.testing.RecordingDevice;
import org.borderedge.testing.ShippedProfiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scanner-folder driver against the folder scanner simulator, on a real file system. */
class FolderScannerIT {

    private static RecordingDevice scanner(DeviceProfile profile, String endpoint) {
        return new RecordingDevice("scanner-f", "L1", profile, endpoint, Map.of("pollMs", 50, "scanTimeoutMs", 1500));
    }

    private static Observation.ScanCompleted nextScan(RecordingDevice ctx) throws InterruptedException {
        return (Observation.ScanCompleted) ctx.await(o -> o instanceof Observation.ScanCompleted, 10);
    }

    @Test
    void requestsAndVerdictsThroughASharedFolder(@TempDir Path dir) throws Exception {
        DeviceProfile profile = ShippedProfiles.get(FolderScannerSimulator.PROFILE_ID);
        try (FolderScannerSimulator scanner = FolderScannerSimulator.start(dir.resolve("share"), 100)
                .verdictFor("51F67890", ScannerSimulator.Verdict.SUSPECT)) {
            RecordingDevice ctx = scanner(profile, scanner.gatewayEndpoint());
            DeviceHandler driver = new ScannerHandlerFactory.Folder().create(ctx);
            driver.initialize();
            try {
                ctx.awaitStatus(st -> st.state() == DeviceState.ONLINE, 10);
                CommandResult ok = driver.execute(new DeviceCommand.ScanRequest("R-1", "L1", "51F67890")).toCompletableFuture().get(5, TimeUnit.SECONDS);
                assertTrue(ok.accepted(), ok.reason());
                Observation.ScanCompleted suspect = nextScan(ctx);
                assertEquals(Observation.ScanVerdict.SUSPECT, suspect.verdict());
                assertTrue(Files.exists(dir.resolve("share/results/processed/R-1.json")), "the verdict file is kept as evidence");

                assertTrue(driver.execute(new DeviceCommand.ScanRequest("R-2", "L1", "29C12345")).toCompletableFuture().get().accepted());
                assertEquals(Observation.ScanVerdict.CLEAR, nextScan(ctx).verdict());

                // a broken verdict file: refused, kept aside, and the request ends as ERROR, never CLEAR
                scanner.scanMillis(60_000);
                assertTrue(driver.execute(new DeviceCommand.ScanRequest("R-3", "L1", "29C12345")).toCompletableFuture().get().accepted());
                scanner.writeResult("R-3", "{\"requestId\":\"R-3\",\"verdict\":\"CLE");
                Observation.ScanCompleted broken = nextScan(ctx);
                assertEquals(Observation.ScanVerdict.ERROR, broken.verdict());
                assertTrue(Files.exists(dir.resolve("share/results/rejected/R-3.json")));
                assertEquals(1, ctx.counter("unparsed"));

                assertFalse(driver.execute(new DeviceCommand.ScanRequest("../etc/x", "L1", "v")).toCompletableFuture().get().accepted(),
                        "a request id never names a path outside the folder");

                Files.move(dir.resolve("share/results"), dir.resolve("share/results-away"));
                ctx.awaitStatus(st -> st.state() == DeviceState.OFFLINE, 10);
                assertTrue(ctx.status().reason().contains("missing"), ctx.status().reason());
                assertFalse(driver.execute(new DeviceCommand.ScanRequest("R-4", "L1", "v")).toCompletableFuture().get().accepted());
                Files.move(dir.resolve("share/results-away"), dir.resolve("share/results"));
                ctx.awaitStatus(st -> st.state() == DeviceState.ONLINE, 10);
            } finally {
                driver.dispose();
            }
        }
    }
}
