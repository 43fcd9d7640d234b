package org.borderedge.sim.scanner;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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

/** The scanner-tcp-json driver against the scanner simulator over TCP. */
class ScannerSimulatorIT {

    private static final class Ctx implements DeviceContext {
        final DeviceProfile profile;
        final String endpoint;
        final BlockingQueue<Observation> observations = new LinkedBlockingQueue<>();
        volatile DeviceStatus status = DeviceStatus.offline("new", Clock.systemUTC().instant());

        Ctx(DeviceProfile profile, String endpoint) {
            this.profile = profile;
            this.endpoint = endpoint;
        }

        public String deviceId() { return "scanner-1"; }
        public String kind() { return "scanner"; }
        public String laneId() { return "L1"; }
        public String endpoint() { return endpoint; }
        public DeviceProfile profile() { return profile; }
        public Map<String, Object> options() {
            return Map.of("heartbeatMs", 200, "reconnectMinMs", 50, "reconnectMaxMs", 300, "ackTimeoutMs", 1000, "scanTimeoutMs", 1500);
        }
        public Clock clock() { return Clock.systemUTC(); }
        public void updateStatus(DeviceStatus s) { status = s; }
        public void seen() { }
        public void observe(Observation o) { observations.add(o); }
        public void count(String c, long d) { }

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

    private static DeviceProfile profile() {
        return new ProfileLoader().loadDirectory(java.nio.file.Path.of("../device-profiles")).profiles().stream()
                .filter(p -> p.id().equals(ScannerSimulator.PROFILE_ID)).findFirst().orElseThrow();
    }

    @Test
    void scanRequestsGetVerdictsAndAHungScannerIsNoticed() throws Exception {
        try (ScannerSimulator scanner = ScannerSimulator.start(0, 200).verdictFor("51F67890", ScannerSimulator.Verdict.SUSPECT)) {
            Ctx ctx = new Ctx(profile(), scanner.gatewayEndpoint());
            DeviceHandler driver = new ScannerHandlerFactory().create(ctx);
            driver.initialize();
            try {
                ctx.awaitState(DeviceState.ONLINE);
                CommandResult clear = driver.execute(new DeviceCommand.ScanRequest("R-1", "L1", "29C12345")).toCompletableFuture().get(5, TimeUnit.SECONDS);
                assertTrue(clear.accepted(), clear.reason());
                Observation.ScanCompleted first = ctx.nextScan();
                assertEquals("R-1", first.requestId());
                assertEquals(Observation.ScanVerdict.CLEAR, first.verdict());
                assertTrue(first.imageRef().endsWith("R-1.png"), first.imageRef());

                driver.execute(new DeviceCommand.ScanRequest("R-2", "L1", "51F67890")).toCompletableFuture().get(5, TimeUnit.SECONDS);
                Observation.ScanCompleted suspect = ctx.nextScan();
                assertEquals(Observation.ScanVerdict.SUSPECT, suspect.verdict());
                assertFalse(suspect.detail().isEmpty());
                assertEquals(List.of("R-1", "R-2"), scanner.requests().stream().map(ScannerSimulator.Request::requestId).toList());

                scanner.busy(true);
                CommandResult busy = driver.execute(new DeviceCommand.ScanRequest("R-3", "L1", "29C12345")).toCompletableFuture().get(5, TimeUnit.SECONDS);
                assertFalse(busy.accepted());
                assertTrue(busy.reason().contains("scan in progress"), busy.reason());
                scanner.busy(false);

                // a scan that never ends comes back as ERROR instead of leaving the lane waiting
                scanner.scanMillis(60_000);
                assertTrue(driver.execute(new DeviceCommand.ScanRequest("R-4", "L1", "29C12345")).toCompletableFuture().get(5, TimeUnit.SECONDS).accepted());
                Observation.ScanCompleted lost = ctx.nextScan();
                assertEquals(Observation.ScanVerdict.ERROR, lost.verdict());
                assertTrue(lost.detail().contains("no verdict"), lost.detail());

                scanner.ready(false, "warming up");
                ctx.awaitState(DeviceState.DEGRADED);
                assertTrue(ctx.status.reason().contains("warming up"));
                scanner.ready(true, "");
                ctx.awaitState(DeviceState.ONLINE);

                scanner.answerPings(false);
                ctx.awaitState(DeviceState.OFFLINE);
                CommandResult refused = driver.execute(new DeviceCommand.ScanRequest("R-5", "L1", "x")).toCompletableFuture().get(5, TimeUnit.SECONDS);
                assertFalse(refused.accepted());
                assertTrue(refused.reason().contains("heartbeats"), refused.reason());
                scanner.answerPings(true);
                ctx.awaitState(DeviceState.ONLINE);

                scanner.dropConnections();
                ctx.awaitState(DeviceState.OFFLINE);
                ctx.awaitState(DeviceState.ONLINE);
                assertFalse(driver.execute(new DeviceCommand.Barrier(DeviceCommand.BarrierAction.OPEN)).toCompletableFuture().get().accepted());
            } finally {
                driver.dispose();
            }
        }
    }

    @Test
    void unreadableVerdictIsAnErrorNeverAClear() throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Ctx ctx = new Ctx(profile(), "tcp://127.0.0.1:" + server.getLocalPort());
            DeviceHandler driver = new ScannerHandlerFactory().create(ctx);
            driver.initialize();
            try (java.net.Socket s = server.accept()) {
                ctx.awaitState(DeviceState.ONLINE);
                java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                var pending = driver.execute(new DeviceCommand.ScanRequest("R-9", "L1", "29C12345"));
                String line;
                do {
                    line = in.readLine();
                } while (line != null && !line.contains("scan-request"));
                s.getOutputStream().write(("{\"type\":\"ack\",\"requestId\":\"R-9\"}\n"
                        + "{\"type\":\"scan-result\",\"requestId\":\"R-9\",\"verdict\":\"OK\",\"imageRef\":\"x.png\"}\n").getBytes(StandardCharsets.UTF_8));
                assertTrue(pending.toCompletableFuture().get(5, TimeUnit.SECONDS).accepted());
                Observation.ScanCompleted r = ctx.nextScan();
                assertEquals(Observation.ScanVerdict.ERROR, r.verdict());
                assertTrue(r.detail().contains("OK"), r.detail());
            } finally {
                driver.dispose();
            }
        }
    }
}
