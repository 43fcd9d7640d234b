package org.borderedge.sim.scanner;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.borderedge.device.CommandResult;
import org.borderedge.device.DeviceCommand;
import org.borderedge.device.DeviceContext;
import org.borderedge.device.DeviceHandler;
import org.borderedge.device.DeviceProfile;
import org.borderedge.device.DeviceState;
import org.borderedge.device.DeviceStatus;
import org.borderedge.device.Observation;
import org.borderedge.device.ProfileLoader;
import org.borderedge.device.scanner.internal.ScannerHandlerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scanner-folder driver against the folder scanner simulator, on a real file system. */
class FolderScannerIT {

    private static final class Ctx implements DeviceContext {
        final DeviceProfile profile;
        final String endpoint;
        final BlockingQueue<Observation> observations = new LinkedBlockingQueue<>();
        final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
        volatile DeviceStatus status = DeviceStatus.offline("new", Clock.systemUTC().instant());

        Ctx(DeviceProfile profile, String endpoint) {
            this.profile = profile;
            this.endpoint = endpoint;
        }

        public String deviceId() { return "scanner-f"; }
        public String kind() { return "scanner"; }
        public String laneId() { return "L1"; }
        public String endpoint() { return endpoint; }
        public DeviceProfile profile() { return profile; }
        public Map<String, Object> options() { return Map.of("pollMs", 50, "scanTimeoutMs", 1500); }
        public Clock clock() { return Clock.systemUTC(); }
        public void updateStatus(DeviceStatus s) { status = s; }
        public void seen() { }
        public void observe(Observation o) { observations.add(o); }
        public void count(String c, long d) { counters.computeIfAbsent(c, k -> new AtomicLong()).addAndGet(d); }

        void awaitState(DeviceState state) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (status.state() != state) {
                assertTrue(System.nanoTime() < deadline, "never " + state + ", now " + status);
                Thread.sleep(20);
            }
        }

        Observation.ScanCompleted nextScan() throws InterruptedException {
            Observation o = observations.poll(10, TimeUnit.SECONDS);
            assertNotNull(o, "no verdict");
            return (Observation.ScanCompleted) o;
        }
    }

    @Test
    void requestsAndVerdictsThroughASharedFolder(@TempDir Path dir) throws Exception {
        DeviceProfile profile = new ProfileLoader().loadDirectory(Path.of("../device-profiles")).profiles().stream()
                .filter(p -> p.id().equals(FolderScannerSimulator.PROFILE_ID)).findFirst().orElseThrow();
        try (FolderScannerSimulator scanner = FolderScannerSimulator.start(dir.resolve("share"), 100)
                .verdictFor("51F67890", ScannerSimulator.Verdict.SUSPECT)) {
            Ctx ctx = new Ctx(profile, scanner.gatewayEndpoint());
            DeviceHandler driver = new ScannerHandlerFactory.Folder().create(ctx);
            driver.initialize();
            try {
                ctx.awaitState(DeviceState.ONLINE);
                CommandResult ok = driver.execute(new DeviceCommand.ScanRequest("R-1", "L1", "51F67890")).toCompletableFuture().get(5, TimeUnit.SECONDS);
                assertTrue(ok.accepted(), ok.reason());
                Observation.ScanCompleted suspect = ctx.nextScan();
                assertEquals(Observation.ScanVerdict.SUSPECT, suspect.verdict());
                assertTrue(Files.exists(dir.resolve("share/results/processed/R-1.json")), "the verdict file is kept as evidence");

                assertTrue(driver.execute(new DeviceCommand.ScanRequest("R-2", "L1", "29C12345")).toCompletableFuture().get().accepted());
                assertEquals(Observation.ScanVerdict.CLEAR, ctx.nextScan().verdict());

                // a broken verdict file: refused, kept aside, and the request ends as ERROR, never CLEAR
                scanner.scanMillis(60_000);
                assertTrue(driver.execute(new DeviceCommand.ScanRequest("R-3", "L1", "29C12345")).toCompletableFuture().get().accepted());
                scanner.writeResult("R-3", "{\"requestId\":\"R-3\",\"verdict\":\"CLE");
                Observation.ScanCompleted broken = ctx.nextScan();
                assertEquals(Observation.ScanVerdict.ERROR, broken.verdict());
                assertTrue(Files.exists(dir.resolve("share/results/rejected/R-3.json")));
                assertEquals(1, ctx.counters.get("unparsed").get());

                assertFalse(driver.execute(new DeviceCommand.ScanRequest("../etc/x", "L1", "v")).toCompletableFuture().get().accepted(),
                        "a request id never names a path outside the folder");

                Files.move(dir.resolve("share/results"), dir.resolve("share/results-away"));
                ctx.awaitState(DeviceState.OFFLINE);
                assertTrue(ctx.status.reason().contains("missing"), ctx.status.reason());
                assertFalse(driver.execute(new DeviceCommand.ScanRequest("R-4", "L1", "v")).toCompletableFuture().get().accepted());
                Files.move(dir.resolve("share/results-away"), dir.resolve("share/results"));
                ctx.awaitState(DeviceState.ONLINE);
            } finally {
                driver.dispose();
            }
        }
    }
}
