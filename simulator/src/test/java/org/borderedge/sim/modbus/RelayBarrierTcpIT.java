package org.borderedge.sim.modbus;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.borderedge.device.DeviceCommand.BarrierAction;
import org.borderedge.device.DeviceState;
import org.borderedge.device.Observation;
import org.borderedge.device.Observation.BarrierPosition;
import org.borderedge.device.Observation.Loop;
import org.borderedge.transport.modbus.ModbusTransport;
import org.borderedge.transport.modbus.ModbusTransports;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The barrier driver over real Modbus TCP against the simulated boards of every shipped profile. */
class RelayBarrierTcpIT {

    private static final Map<String, Object> FAST = Map.of("pollMs", 50, "pulseMs", 100);

    @ParameterizedTest
    @ValueSource(strings = {"barrier/waveshare-relay8", "barrier/generic-relay8coil1", "barrier/generic-relay8reg"})
    void openCloseCycle(String profile) throws Exception {
        ModbusTransport transport = ModbusTransports.create();
        try (RelayBoardSimulator sim = RelayBoardSimulator.builder().board(1, profile, Map.of())
                .travel(Duration.ofMillis(300)).startTcp(0);
                BarrierRig rig = new BarrierRig(transport, "barrier-1", profile, sim.endpointUri(1) + "&timeoutMs=300", FAST)) {
            rig.ctx.awaitStatus(DeviceState.ONLINE, BarrierRig.WAIT);
            rig.awaitPosition(0, BarrierPosition.CLOSED);
            for (Loop loop : Loop.values()) {
                rig.awaitLoop(0, loop, false);
            }
            rig.openCloseCycle(sim.board(1));
            assertEquals(DeviceState.ONLINE, rig.ctx.status().state());
            assertEquals(0, rig.ctx.counter("timeouts") + rig.ctx.counter("exceptions") + rig.ctx.counter("malformed"));
        }
    }

    @Test
    void siteWiringOverridesTheProfile() throws Exception {
        Map<String, Object> swapped = Map.of("pollMs", 50, "pulseMs", 100, "openRelay", 2, "closeRelay", 1,
                "safetyLoopInput", 5, "exitLoopInput", 4, "activeLowInputs", List.of(3));
        ModbusTransport transport = ModbusTransports.create();
        try (RelayBoardSimulator sim = RelayBoardSimulator.builder().board(1, "barrier/waveshare-relay8", swapped)
                .travel(Duration.ofMillis(300)).startTcp(0);
                BarrierRig rig = new BarrierRig(transport, "barrier-1", "barrier/waveshare-relay8", sim.endpointUri(1), swapped)) {
            rig.ctx.awaitStatus(DeviceState.ONLINE, BarrierRig.WAIT);
            rig.openCloseCycle(sim.board(1));
            RelayBoard board = sim.board(1);
            assertEquals(2, board.map().openRelay());
            assertTrue(board.input(3), "presence loop is active-low: idle reads high on the wire");
        }
    }

    @Test
    void vehicleEnteringTheSafetyLoopWhileClosingMakesTheDriverReopen() throws Exception {
        ModbusTransport transport = ModbusTransports.create();
        try (RelayBoardSimulator sim = RelayBoardSimulator.builder().board(1, "barrier/waveshare-relay8", Map.of())
                .travel(Duration.ofMillis(1500)).startTcp(0);
                BarrierRig rig = new BarrierRig(transport, "barrier-1", "barrier/waveshare-relay8", sim.endpointUri(1), FAST)) {
            rig.ctx.awaitStatus(DeviceState.ONLINE, BarrierRig.WAIT);
            int m = rig.mark();
            assertTrue(rig.command(BarrierAction.OPEN).accepted());
            rig.awaitPosition(m, BarrierPosition.OPEN);
            m = rig.mark();
            assertTrue(rig.command(BarrierAction.CLOSE).accepted());
            rig.awaitPosition(m, BarrierPosition.MOVING);
            sim.barrier(1).vehicleStopsUnderBoom();
            Observation alarm = rig.ctx.awaitObservation(m,
                    o -> o instanceof Observation.BarrierAlarm a && a.code().equals("SAFETY_REOPEN"), BarrierRig.WAIT);
            assertNotNull(alarm);
            BarrierRig.waitUntil(() -> sim.board(1).pulses(BarrierAction.OPEN) == 2, "driver pulsed OPEN again");
            rig.awaitPosition(m, BarrierPosition.OPEN);
            assertEquals(1, rig.ctx.counter("safety_reopens"));
        }
    }

    @Test
    void forcedOpenRaisesAnAlarmOnce() throws Exception {
        ModbusTransport transport = ModbusTransports.create();
        try (RelayBoardSimulator sim = RelayBoardSimulator.builder().board(1, "barrier/waveshare-relay8", Map.of())
                .travel(Duration.ofMillis(300)).startTcp(0);
                BarrierRig rig = new BarrierRig(transport, "barrier-1", "barrier/waveshare-relay8", sim.endpointUri(1), FAST)) {
            rig.ctx.awaitStatus(DeviceState.ONLINE, BarrierRig.WAIT);
            int m = rig.mark();
            sim.barrier(1).forceOpen(true);
            rig.ctx.awaitObservation(m, o -> o instanceof Observation.BarrierAlarm a && a.code().equals("FORCED_OPEN"), BarrierRig.WAIT);
            rig.awaitPosition(m, BarrierPosition.OPEN);
            Thread.sleep(200);
            assertEquals(1, rig.ctx.history().stream()
                    .filter(o -> o instanceof Observation.BarrierAlarm a && a.code().equals("FORCED_OPEN")).count(),
                    "reported on change only");
        }
    }

    @Test
    void devicesOnOneGatewayShareOneConnection() throws Exception {
        ModbusTransport transport = ModbusTransports.create();
        try (RelayBoardSimulator sim = RelayBoardSimulator.builder()
                .board(1, "barrier/waveshare-relay8", Map.of())
                .board(2, "barrier/generic-relay8reg", Map.of())
                .travel(Duration.ofMillis(300)).startTcp(0);
                BarrierRig a = new BarrierRig(transport, "barrier-a", "barrier/waveshare-relay8", sim.endpointUri(1), FAST);
                BarrierRig b = new BarrierRig(transport, "barrier-b", "barrier/generic-relay8reg", sim.endpointUri(2), FAST)) {
            a.ctx.awaitStatus(DeviceState.ONLINE, BarrierRig.WAIT);
            b.ctx.awaitStatus(DeviceState.ONLINE, BarrierRig.WAIT);
            a.openCloseCycle(sim.board(1));
            assertEquals(0, sim.board(2).pulses(BarrierAction.OPEN), "the other unit on the line was not touched");
            assertTrue(sim.barrier(2).closeLimit());
        }
    }
}
