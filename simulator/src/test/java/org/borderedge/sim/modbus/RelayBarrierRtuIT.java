package org.borderedge.sim.modbus;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.borderedge.device.DeviceCommand.BarrierAction;
import org.borderedge.device.DeviceState;
import org.borderedge.device.DeviceStatus;
import org.borderedge.device.Observation.BarrierPosition;
import org.borderedge.testing.SocatPair;
import org.borderedge.transport.modbus.ModbusTransport;
import org.borderedge.transport.modbus.ModbusTransports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The barrier driver over Modbus RTU through a real socat pty pair: one RS-485 line, two boards on it. */
class RelayBarrierRtuIT {

    private static final Map<String, Object> OPTIONS = Map.of("pollMs", 100, "pulseMs", 150);

    @Test
    void openCloseCycleOnAMultiDropLine(@TempDir Path dir) throws Exception {
        ModbusTransport transport = ModbusTransports.create();
        try (SocatPair pty = new SocatPair(dir.resolve("ttyA"), dir.resolve("ttyB")).start();
                RelayBoardSimulator sim = RelayBoardSimulator.builder().baud(19200)
                        .board(1, "barrier/waveshare-relay8", Map.of())
                        .board(2, "barrier/generic-relay8coil1", Map.of())
                        .travel(Duration.ofMillis(400)).startRtu(pty.a.toString(), pty.b.toString());
                BarrierRig one = new BarrierRig(transport, "barrier-1", "barrier/waveshare-relay8",
                        sim.endpointUri(1) + "&timeoutMs=300", OPTIONS);
                BarrierRig two = new BarrierRig(transport, "barrier-2", "barrier/generic-relay8coil1",
                        sim.endpointUri(2) + "&timeoutMs=300", OPTIONS)) {
            assertTrue(sim.endpointUri(1).startsWith("modbus-rtu://" + pty.b), sim.endpointUri(1));
            one.ctx.awaitStatus(DeviceState.ONLINE, BarrierRig.WAIT);
            two.ctx.awaitStatus(DeviceState.ONLINE, BarrierRig.WAIT);
            one.openCloseCycle(sim.board(1));
            two.openCloseCycle(sim.board(2));
            assertEquals(1, sim.board(1).pulses(BarrierAction.OPEN), "unit 2's commands never reached unit 1");
            assertEquals(0, one.ctx.counter("timeouts") + one.ctx.counter("malformed") + two.ctx.counter("timeouts")
                    + two.ctx.counter("malformed"), "serialised polls of two devices never collide on the line");
        }
    }

    @Test
    void badCrcAndSilenceAreReportedAndRecovered(@TempDir Path dir) throws Exception {
        ModbusTransport transport = ModbusTransports.create();
        try (SocatPair pty = new SocatPair(dir.resolve("ttyA"), dir.resolve("ttyB")).start();
                RelayBoardSimulator sim = RelayBoardSimulator.builder().baud(19200)
                        .board(1, "barrier/waveshare-relay8", Map.of())
                        .travel(Duration.ofMillis(300)).startRtu(pty.a.toString(), pty.b.toString());
                BarrierRig rig = new BarrierRig(transport, "barrier-1", "barrier/waveshare-relay8",
                        sim.endpointUri(1) + "&timeoutMs=200&retries=0", OPTIONS)) {
            rig.ctx.awaitStatus(DeviceState.ONLINE, BarrierRig.WAIT);
            rig.awaitPosition(0, BarrierPosition.CLOSED);
            int m = rig.mark();

            sim.board(1).fault(Fault.malformed(Fault.Malformation.BAD_CHECKSUM));
            DeviceStatus degraded = rig.ctx.awaitStatus(DeviceState.DEGRADED, BarrierRig.WAIT);
            assertTrue(degraded.reason().contains("CRC mismatch"), degraded.reason());
            assertTrue(rig.ctx.counter("malformed") > 0);

            sim.board(1).fault(Fault.silent());
            DeviceStatus offline = rig.ctx.awaitStatus(DeviceState.OFFLINE, BarrierRig.WAIT);
            assertTrue(offline.reason().contains("no reply within 200 ms"), offline.reason());
            rig.awaitPosition(m, BarrierPosition.UNKNOWN);
            assertFalse(rig.command(BarrierAction.CLOSE).accepted(), "CLOSE with the safety loop unknown");

            sim.board(1).fault(Fault.none());
            rig.ctx.awaitStatus(DeviceState.ONLINE, BarrierRig.WAIT);
            rig.awaitPosition(m, BarrierPosition.CLOSED);
            assertEquals(0, rig.ctx.history().subList(m, rig.mark()).stream()
                    .filter(o -> o instanceof org.borderedge.device.Observation.LoopChanged).count(),
                    "no loop changed: faults must not invent loop events");
        }
    }

    @Test
    void unpluggedAdapterGoesOfflineAndIsReopened(@TempDir Path dir) throws Exception {
        ModbusTransport transport = ModbusTransports.create();
        SocatPair pty = new SocatPair(dir.resolve("ttyA"), dir.resolve("ttyB")).start();
        RelayBoardSimulator sim = RelayBoardSimulator.builder().baud(19200).board(1, "barrier/waveshare-relay8", Map.of())
                .travel(Duration.ofMillis(300)).startRtu(pty.a.toString(), pty.b.toString());
        try (BarrierRig rig = new BarrierRig(transport, "barrier-1", "barrier/waveshare-relay8",
                sim.endpointUri(1) + "&timeoutMs=200&backoffMs=50&maxBackoffMs=200", OPTIONS)) {
            rig.ctx.awaitStatus(DeviceState.ONLINE, BarrierRig.WAIT);
            sim.close();
            pty.close();
            DeviceStatus offline = rig.ctx.awaitStatus(DeviceState.OFFLINE, BarrierRig.WAIT);
            assertTrue(offline.reason().contains("rtu:" + pty.b), offline.reason());

            pty = new SocatPair(dir.resolve("ttyA"), dir.resolve("ttyB")).start();
            sim = RelayBoardSimulator.builder().baud(19200).board(1, "barrier/waveshare-relay8", Map.of())
                    .travel(Duration.ofMillis(300)).startRtu(pty.a.toString(), pty.b.toString());
            rig.ctx.awaitStatus(DeviceState.ONLINE, BarrierRig.WAIT);
        } finally {
            sim.close();
            pty.close();
        }
    }
}
