package org.borderedge.sim.scanner;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.List;
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

/** The scanner-tcp-json driver against the scanner simulator over TCP. */
class ScannerSimulatorIT {

    private static RecordingDevice scanner(DeviceProfile profile, String endpoint) {
        return new RecordingDevice("scanner-1", "L1", profile, endpoint, Map.of("heartbeatMs", 200, "reconnectMinMs", 50, "reconnectMaxMs", 300, "ackTimeoutMs", 1000, "scanTimeoutMs", 1500));
    }

    private static Observation.ScanCompleted nextScan(RecordingDevice ctx) throws InterruptedException {
        return (Observation.ScanCompleted) ctx.await(o -> o instanceof Observation.ScanCompleted, 10);
    }

    private static DeviceProfile profile() {
        return ShippedProfiles.get(ScannerSimulator.PROFILE_ID);
    }

    @Test
    void scanRequestsGetVerdictsAndAHungScannerIsNoticed() throws Exception {
        try (ScannerSimulator scanner = ScannerSimulator.start(0, 200).verdictFor("51F67890", ScannerSimulator.Verdict.SUSPECT)) {
            RecordingDevice ctx = scanner(profile(), scanner.gatewayEndpoint());
            DeviceHandler driver = new ScannerHandlerFactory().create(ctx);
            driver.initialize();
            try {
                ctx.awaitStatus(st -> st.state() == DeviceState.ONLINE, 10);
                CommandResult clear = driver.execute(new DeviceCommand.ScanRequest("R-1", "L1", "29C12345")).toCompletableFuture().get(5, TimeUnit.SECONDS);
                assertTrue(clear.accepted(), clear.reason());
                Observation.ScanCompleted first = nextScan(ctx);
                assertEquals("R-1", first.requestId());
                assertEquals(Observation.ScanVerdict.CLEAR, first.verdict());
                assertTrue(first.imageRef().endsWith("R-1.png"), first.imageRef());

                driver.execute(new DeviceCommand.ScanRequest("R-2", "L1", "51F67890")).toCompletableFuture().get(5, TimeUnit.SECONDS);
                Observation.ScanCompleted suspect = nextScan(ctx);
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
                Observation.ScanCompleted lost = nextScan(ctx);
                assertEquals(Observation.ScanVerdict.ERROR, lost.verdict());
                assertTrue(lost.detail().contains("no verdict"), lost.detail());

                scanner.ready(false, "warming up");
                ctx.awaitStatus(st -> st.state() == DeviceState.DEGRADED, 10);
                assertTrue(ctx.status().reason().contains("warming up"));
                scanner.ready(true, "");
                ctx.awaitStatus(st -> st.state() == DeviceState.ONLINE, 10);

                scanner.answerPings(false);
                ctx.awaitStatus(st -> st.state() == DeviceState.OFFLINE, 10);
                CommandResult refused = driver.execute(new DeviceCommand.ScanRequest("R-5", "L1", "x")).toCompletableFuture().get(5, TimeUnit.SECONDS);
                assertFalse(refused.accepted());
                assertTrue(refused.reason().contains("heartbeats"), refused.reason());
                scanner.answerPings(true);
                ctx.awaitStatus(st -> st.state() == DeviceState.ONLINE, 10);

                scanner.dropConnections();
                ctx.awaitStatus(st -> st.state() == DeviceState.OFFLINE, 10);
                ctx.awaitStatus(st -> st.state() == DeviceState.ONLINE, 10);
                assertFalse(driver.execute(new DeviceCommand.Barrier(DeviceCommand.BarrierAction.OPEN)).toCompletableFuture().get().accepted());
            } finally {
                driver.dispose();
            }
        }
    }

    @Test
    void unreadableVerdictIsAnErrorNeverAClear() throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            RecordingDevice ctx = scanner(profile(), "tcp://127.0.0.1:" + server.getLocalPort());
            DeviceHandler driver = new ScannerHandlerFactory().create(ctx);
            driver.initialize();
            try (java.net.Socket s = server.accept()) {
                ctx.awaitStatus(st -> st.state() == DeviceState.ONLINE, 10);
                java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                var pending = driver.execute(new DeviceCommand.ScanRequest("R-9", "L1", "29C12345"));
                String line;
                do {
                    line = in.readLine();
                } while (line != null && !line.contains("scan-request"));
                s.getOutputStream().write(("{\"type\":\"ack\",\"requestId\":\"R-9\"}\n"
                        + "{\"type\":\"scan-result\",\"requestId\":\"R-9\",\"verdict\":\"OK\",\"imageRef\":\"x.png\"}\n").getBytes(StandardCharsets.UTF_8));
                assertTrue(pending.toCompletableFuture().get(5, TimeUnit.SECONDS).accepted());
                Observation.ScanCompleted r = nextScan(ctx);
                assertEquals(Observation.ScanVerdict.ERROR, r.verdict());
                assertTrue(r.detail().contains("OK"), r.detail());
            } finally {
                driver.dispose();
            }
        }
    }
}
