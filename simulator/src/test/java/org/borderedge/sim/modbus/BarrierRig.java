package org.borderedge.sim.modbus;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.Map;
import org.borderedge.core.Ticker;
import org.borderedge.device.CommandResult;
import org.borderedge.device.DeviceCommand;
import org.borderedge.device.DeviceCommand.BarrierAction;
import org.borderedge.device.DeviceHandler;
import org.borderedge.device.Observation;
import org.borderedge.device.Observation.BarrierPosition;
import org.borderedge.device.Observation.Loop;
import org.borderedge.device.barrier.PollTiming;
import org.borderedge.device.barrier.internal.RelayBarrierHandlerFactory;
import org.borderedge.testing.RecordingDevice;
import org.borderedge.transport.modbus.ModbusTransport;

/** The real barrier driver on a recording device context, talking to a simulated board. */
final class BarrierRig implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(5);

    final RecordingDevice ctx;
    final DeviceHandler handler;

    BarrierRig(ModbusTransport transport, String deviceId, String profileId, String endpoint, Map<String, Object> options) {
        ctx = new RecordingDevice(deviceId, "lane-1", BarrierProfiles.builtIn(profileId), endpoint, options);
        handler = new RelayBarrierHandlerFactory(transport, Ticker.system(), PollTiming.NONE).create(ctx);
        handler.initialize();
    }

    CommandResult command(BarrierAction action) throws Exception {
        return handler.execute(new DeviceCommand.Barrier(action)).toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
    }

    void awaitPosition(int from, BarrierPosition position) throws InterruptedException {
        ctx.awaitObservation(from, o -> o instanceof Observation.BarrierPositionChanged p && p.position() == position, WAIT);
    }

    void awaitLoop(int from, Loop loop, boolean occupied) throws InterruptedException {
        ctx.awaitObservation(from, o -> o instanceof Observation.LoopChanged l && l.loop() == loop && l.occupied() == occupied, WAIT);
    }

    int mark() {
        return ctx.history().size();
    }

    /** A full lane cycle: vehicle arrives, boom opens, vehicle passes, CLOSE refused while under the boom, boom closes. */
    void openCloseCycle(RelayBoard board) throws Exception {
        BarrierPhysics barrier = board.barrier();
        int m = mark();
        barrier.vehicleArrives();
        awaitLoop(m, Loop.PRESENCE, true);

        m = mark();
        assertTrue(command(BarrierAction.OPEN).accepted());
        awaitPosition(m, BarrierPosition.MOVING);
        awaitPosition(m, BarrierPosition.OPEN);
        assertEquals(1, board.pulses(BarrierAction.OPEN));
        waitUntil(() -> !board.relay(board.map().openRelay()), "OPEN relay released after the pulse");

        m = mark();
        barrier.vehicleAdvances();
        awaitLoop(m, Loop.SAFETY, true);
        CommandResult refused = command(BarrierAction.CLOSE);
        assertFalse(refused.accepted());
        assertTrue(refused.reason().contains("safety loop occupied"), refused.reason());
        assertEquals(0, board.pulses(BarrierAction.CLOSE), "no CLOSE pulse reached the board");

        m = mark();
        barrier.vehicleAdvances();
        awaitLoop(m, Loop.EXIT, true);
        barrier.vehicleAdvances();
        awaitLoop(m, Loop.EXIT, false);

        m = mark();
        assertTrue(command(BarrierAction.CLOSE).accepted());
        awaitPosition(m, BarrierPosition.CLOSED);
        assertEquals(1, board.pulses(BarrierAction.CLOSE));
        assertTrue(barrier.closeLimit());
    }

    static void waitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting: " + what);
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        handler.dispose();
    }
}
