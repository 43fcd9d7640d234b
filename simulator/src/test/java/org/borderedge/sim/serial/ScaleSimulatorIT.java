package org.borderedge.sim.serial;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.borderedge.core.ScaleState;
import org.borderedge.core.WeighingResult;
import org.borderedge.device.DeviceHandler;
import org.borderedge.device.DeviceState;
import org.borderedge.device.DeviceStatus;
import org.borderedge.device.Observation;
import org.borderedge.device.scale.internal.SerialScaleHandlerFactory;
import org.borderedge.testing.RecordingDevice;
import org.borderedge.testing.ShippedProfiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The serial-scale driver against the simulated indicators, over real socat pty pairs. */
class ScaleSimulatorIT {

    private static final Map<String, Object> FAST = Map.of("reconnectMinMs", 50, "reconnectMaxMs", 300, "silenceMs", 1000,
            "pollIntervalMs", 100);

    @ParameterizedTest
    @EnumSource(ScaleProtocol.class)
    void everyProtocolGivesTheTrucksStableWeight(ScaleProtocol protocol, @TempDir Path dir) throws Exception {
        try (PtyPair pair = PtyPair.open(dir, "scale");
                ScaleSimulator scale = ScaleSimulator.start(protocol, SerialDevicePort.of(pair), 50)) {
            RecordingDevice ctx = new RecordingDevice(ShippedProfiles.get(scale.profileId()), pair.gatewayEndpoint(), FAST);
            DeviceHandler driver = new SerialScaleHandlerFactory().create(ctx);
            driver.initialize();
            try {
                ctx.awaitStatus(DeviceStatus::isOnline, 10);
                scale.driveOn(25_340, 800);
                WeighingResult stable = stableWeight(ctx, 10);
                assertEquals(0, new BigDecimal("25340").compareTo(stable.kilograms().orElseThrow()), stable.toString());
                List<ScaleState> states = ctx.weighingStates();
                assertTrue(states.indexOf(ScaleState.MOTION) >= 0 && states.indexOf(ScaleState.MOTION) < states.lastIndexOf(ScaleState.STABLE),
                        "motion while the truck drives on, then stable: " + states);
                // at most the frame the indicator was in the middle of when the gateway opened the port
                assertTrue(ctx.counter("badChecksum") + ctx.counter("unparsed") + ctx.counter("truncated") + ctx.counter("garbage") <= 1,
                        ctx.counters().toString());
            } finally {
                driver.dispose();
            }
        }
    }

    @Test
    void unpluggedAndBackWithoutRestart(@TempDir Path dir) throws Exception {
        try (PtyPair pair = PtyPair.open(dir, "scale");
                ScaleSimulator scale = ScaleSimulator.start(ScaleProtocol.STGS, SerialDevicePort.of(pair), 50)) {
            RecordingDevice ctx = new RecordingDevice(ShippedProfiles.get(scale.profileId()), pair.gatewayEndpoint(), FAST);
            DeviceHandler driver = new SerialScaleHandlerFactory().create(ctx);
            driver.initialize();
            try {
                scale.setWeight(new BigDecimal("18000"));
                assertEquals(0, new BigDecimal("18000").compareTo(stableWeight(ctx, 10).value()));

                pair.stop();
                DeviceStatus down = ctx.awaitStatus(s -> s.state() == DeviceState.OFFLINE, 10);
                assertTrue(down.reason().contains(pair.gatewaySide().toString()), "the reason names the port: " + down.reason());
                ctx.await(o -> o instanceof Observation.WeightObserved w && w.result().state() == ScaleState.ERROR, 5);

                scale.setWeight(new BigDecimal("31000"));
                pair.start();
                ctx.awaitStatus(DeviceStatus::isOnline, 10);
                assertEquals(0, new BigDecimal("31000").compareTo(stableWeight(ctx, 10).value()), "weighing again after the port came back");
                assertTrue(ctx.counter("disconnects") >= 1);
            } finally {
                driver.dispose();
            }
        }
    }

    @Test
    void garbageBadChecksumsAndTruncatedFramesAreCountedNeverWeighed(@TempDir Path dir) throws Exception {
        try (PtyPair pair = PtyPair.open(dir, "scale");
                ScaleSimulator scale = ScaleSimulator.start(ScaleProtocol.YAOHUA_A9, SerialDevicePort.of(pair), 30)) {
            RecordingDevice ctx = new RecordingDevice(ShippedProfiles.get(scale.profileId()), pair.gatewayEndpoint(),
                    Map.of("reconnectMaxMs", 300, "badFrameWindowMs", 1500));
            DeviceHandler driver = new SerialScaleHandlerFactory().create(ctx);
            driver.initialize();
            try {
                scale.setWeight(new BigDecimal("25340"));
                assertEquals(0, new BigDecimal("25340").compareTo(stableWeight(ctx, 10).value()));
                for (int i = 0; i < 5; i++) {
                    scale.injectGarbage(20).injectBadChecksums(2).injectTruncated(1);
                    Thread.sleep(150);
                }
                DeviceStatus degraded = ctx.awaitStatus(s -> s.state() == DeviceState.DEGRADED, 5);
                assertTrue(degraded.reason().contains("bad frames"), degraded.reason());
                // per round: noise, then a frame both spoilt and cut (counted as truncated), then a spoilt one
                waitFor(() -> ctx.counter("garbage") >= 5 && ctx.counter("badChecksum") >= 5 && ctx.counter("truncated") >= 5, 5,
                        () -> "counters " + ctx.counters());
                scale.setWeight(new BigDecimal("26000"));
                assertEquals(0, new BigDecimal("26000").compareTo(stableWeight(ctx, 10).value()));
                for (Observation o : ctx.history()) {
                    WeighingResult r = ((Observation.WeightObserved) o).result();
                    if (r.isStable()) {
                        assertTrue(r.value().compareTo(new BigDecimal("25340")) == 0 || r.value().compareTo(new BigDecimal("26000")) == 0,
                                "only true weights were reported stable: " + ctx.history());
                    }
                }
                ctx.awaitStatus(DeviceStatus::isOnline, 5);
            } finally {
                driver.dispose();
            }
        }
    }

    @Test
    void truncatedLinesOfAProtocolWithoutChecksumAreRefused(@TempDir Path dir) throws Exception {
        try (PtyPair pair = PtyPair.open(dir, "scale");
                ScaleSimulator scale = ScaleSimulator.start(ScaleProtocol.STGS, SerialDevicePort.of(pair), 30)) {
            RecordingDevice ctx = new RecordingDevice(ShippedProfiles.get(scale.profileId()), pair.gatewayEndpoint(), FAST);
            DeviceHandler driver = new SerialScaleHandlerFactory().create(ctx);
            driver.initialize();
            try {
                scale.setWeight(new BigDecimal("12000"));
                stableWeight(ctx, 10);
                // a cut line runs into the next one: the joined line matches no pattern
                for (int i = 0; i < 3; i++) {
                    scale.injectTruncated(1);
                    Thread.sleep(100);
                }
                scale.injectGarbage(30);
                waitFor(() -> ctx.counter("unparsed") >= 4, 5, () -> "counters " + ctx.counters());
                scale.setWeight(new BigDecimal("12500"));
                assertEquals(0, new BigDecimal("12500").compareTo(stableWeight(ctx, 10).value()));
            } finally {
                driver.dispose();
            }
        }
    }

    @Test
    void theSameFramingOverTcp() throws Exception {
        try (ScaleSimulator scale = ScaleSimulator.start(ScaleProtocol.YAOHUA_A9, new TcpDevicePort(0), 50)) {
            RecordingDevice ctx = new RecordingDevice(ShippedProfiles.get(scale.profileId()), scale.gatewayEndpoint(), FAST);
            DeviceHandler driver = new SerialScaleHandlerFactory().create(ctx);
            driver.initialize();
            try {
                scale.driveOn(41_200, 300);
                assertEquals(0, new BigDecimal("41200").compareTo(stableWeight(ctx, 10).value()));
            } finally {
                driver.dispose();
            }
        }
    }

    @Test
    void pollingStopsWhenTheIndicatorFallsSilent(@TempDir Path dir) throws Exception {
        try (PtyPair pair = PtyPair.open(dir, "scale");
                ScaleSimulator scale = ScaleSimulator.start(ScaleProtocol.MT_SICS, SerialDevicePort.of(pair))) {
            RecordingDevice ctx = new RecordingDevice(ShippedProfiles.get(scale.profileId()), pair.gatewayEndpoint(),
                    Map.of("pollIntervalMs", 100, "pollTimeoutMs", 200, "noReplyLimit", 3));
            DeviceHandler driver = new SerialScaleHandlerFactory().create(ctx);
            driver.initialize();
            try {
                ctx.awaitStatus(DeviceStatus::isOnline, 10);
                scale.silent(true);
                assertTrue(ctx.awaitStatus(s -> s.state() == DeviceState.OFFLINE, 10).reason().contains("no reply"));
                scale.silent(false);
                ctx.awaitStatus(DeviceStatus::isOnline, 10);
            } finally {
                driver.dispose();
            }
        }
    }

    private static WeighingResult stableWeight(RecordingDevice ctx, int seconds) throws InterruptedException {
        return ((Observation.WeightObserved) ctx.await(o -> o instanceof Observation.WeightObserved w && w.result().isStable(), seconds)).result();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, int seconds, java.util.function.Supplier<String> what)
            throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + seconds + " s: " + what.get());
            }
            Thread.sleep(20);
        }
    }
}
