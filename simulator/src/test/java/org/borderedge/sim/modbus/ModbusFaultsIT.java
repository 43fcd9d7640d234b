package org.borderedge.sim.modbus;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.borderedge.device.DeviceCommand.BarrierAction;
import org.borderedge.device.DeviceState;
import org.borderedge.device.DeviceStatus;
import org.borderedge.device.Observation;
import org.borderedge.device.Observation.BarrierPosition;
import org.borderedge.transport.modbus.ModbusLine;
import org.borderedge.transport.modbus.ModbusResult;
import org.borderedge.transport.modbus.ModbusStatus;
import org.borderedge.transport.modbus.ModbusTransport;
import org.borderedge.transport.modbus.ModbusTransports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Exception replies, malformed replies, silence and a vanished slave over real Modbus TCP: each is
 * counted, reported with a reason that names it, and never turns into a wrong barrier state.
 */
class ModbusFaultsIT {

    private static final Map<String, Object> FAST = Map.of("pollMs", 50, "pulseMs", 100);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "exception 4        | exceptions | Modbus exception 04 (SERVER DEVICE FAILURE) in reply to read discrete inputs (FC02) 0..7 of unit 1",
        "exception 2        | exceptions | Modbus exception 02 (ILLEGAL DATA ADDRESS)",
        "malformed byte-count     | malformed | byte count 2 with 1 data bytes, expected 1 for 8 bits",
        "malformed wrong-function | malformed | reply has function code 03, expected 02",
        "malformed truncated      | malformed | reply truncated",
        "malformed bad-checksum   | malformed | MBAP protocol id 1, expected 0"})
    void faultyRepliesDegradeTheDeviceWithTheReason(String fault, String counter, String reason) throws Exception {
        ModbusTransport transport = ModbusTransports.create();
        try (RelayBoardSimulator sim = RelayBoardSimulator.builder().board(1, "barrier/waveshare-relay8", Map.of())
                .travel(Duration.ofMillis(300)).startTcp(0);
                BarrierRig rig = new BarrierRig(transport, "barrier-1", "barrier/waveshare-relay8",
                        sim.endpointUri(1) + "&timeoutMs=150", FAST)) {
            rig.ctx.awaitStatus(DeviceState.ONLINE, BarrierRig.WAIT);
            rig.awaitPosition(0, BarrierPosition.CLOSED);
            sim.barrier(1).vehicleArrives();
            rig.awaitLoop(0, Observation.Loop.PRESENCE, true);
            int m = rig.mark();

            sim.board(1).fault(Fault.parse(fault));
            DeviceStatus degraded = rig.ctx.awaitStatus(DeviceState.DEGRADED, BarrierRig.WAIT);
            assertTrue(degraded.reason().contains(reason), degraded.reason());
            Thread.sleep(300);
            assertTrue(rig.ctx.counter(counter) >= 2, counter + " counted on every poll: " + rig.ctx.counters());
            assertEquals(List.of(), rig.ctx.history().subList(m, rig.mark()),
                    "a faulty reply must not change what the gateway believes about loops and boom");
            assertNotEquals(DeviceState.ONLINE, rig.ctx.status().state());
            var close = rig.command(BarrierAction.CLOSE);
            assertFalse(close.accepted());
            assertTrue(close.reason().contains("safety loop state unknown"), "stale inputs never vouch for a CLOSE: " + close.reason());
            assertEquals(0, sim.board(1).pulses(BarrierAction.CLOSE));

            sim.board(1).fault(Fault.none());
            rig.ctx.awaitStatus(DeviceState.ONLINE, BarrierRig.WAIT);
            sim.barrier(1).vehicleLeaves();
            rig.awaitLoop(m, Observation.Loop.PRESENCE, false);
        }
    }

    @Test
    void silentSlaveGoesOfflineAndCloseIsRefusedUntilItAnswersAgain() throws Exception {
        ModbusTransport transport = ModbusTransports.create();
        try (RelayBoardSimulator sim = RelayBoardSimulator.builder().board(1, "barrier/waveshare-relay8", Map.of())
                .travel(Duration.ofMillis(300)).startTcp(0);
                BarrierRig rig = new BarrierRig(transport, "barrier-1", "barrier/waveshare-relay8",
                        sim.endpointUri(1) + "&timeoutMs=100&retries=1", FAST)) {
            rig.ctx.awaitStatus(DeviceState.ONLINE, BarrierRig.WAIT);
            rig.awaitPosition(0, BarrierPosition.CLOSED);
            int m = rig.mark();
            sim.board(1).fault(Fault.silent());
            DeviceStatus offline = rig.ctx.awaitStatus(DeviceState.OFFLINE, BarrierRig.WAIT);
            assertTrue(offline.reason().contains("no reply within 100 ms (2 attempts)"), offline.reason());
            rig.awaitPosition(m, BarrierPosition.UNKNOWN);
            var refused = rig.command(BarrierAction.CLOSE);
            assertFalse(refused.accepted());
            assertTrue(refused.reason().contains("safety loop state unknown"), refused.reason());
            assertEquals(0, sim.board(1).pulses(BarrierAction.CLOSE));

            sim.board(1).fault(Fault.none());
            rig.ctx.awaitStatus(DeviceState.ONLINE, BarrierRig.WAIT);
            rig.awaitPosition(m, BarrierPosition.CLOSED);
            assertTrue(rig.ctx.counter("timeouts") >= 3, rig.ctx.counters().toString());
        }
    }

    @Test
    void vanishedSlaveIsReconnectedWithBackoff() throws Exception {
        ModbusTransport transport = ModbusTransports.create();
        RelayBoardSimulator sim = RelayBoardSimulator.builder().board(1, "barrier/waveshare-relay8", Map.of())
                .travel(Duration.ofMillis(300)).startTcp(0);
        int port = sim.port();
        try (BarrierRig rig = new BarrierRig(transport, "barrier-1", "barrier/waveshare-relay8",
                sim.endpointUri(1) + "&timeoutMs=150&backoffMs=50&maxBackoffMs=200", FAST)) {
            rig.ctx.awaitStatus(DeviceState.ONLINE, BarrierRig.WAIT);
            sim.close();
            DeviceStatus offline = rig.ctx.awaitStatus(DeviceState.OFFLINE, BarrierRig.WAIT);
            assertTrue(offline.reason().contains("connection closed by the slave") || offline.reason().contains("cannot connect"),
                    offline.reason());
            assertTrue(rig.ctx.counter("disconnected") >= 3, rig.ctx.counters().toString());
            Thread.sleep(100);
            int reported = rig.ctx.reports().size();
            Thread.sleep(600);
            assertEquals(reported, rig.ctx.reports().size(),
                    "while the slave stays away the status holds still: " + rig.ctx.reports().subList(reported - 1, rig.ctx.reports().size()));

            sim = RelayBoardSimulator.builder().board(1, "barrier/waveshare-relay8", Map.of())
                    .travel(Duration.ofMillis(300)).startTcp(port);
            rig.ctx.awaitStatus(DeviceState.ONLINE, BarrierRig.WAIT);
        } finally {
            sim.close();
        }
    }

    @Test
    void transportClassifiesEveryReplyWithoutThrowing() throws Exception {
        ModbusTransport transport = ModbusTransports.create();
        try (RelayBoardSimulator sim = RelayBoardSimulator.builder().board(1, "barrier/generic-relay8reg", Map.of())
                .startTcp(0);
                ModbusLine line = transport.line(sim.endpointUri(1) + "&timeoutMs=100&retries=0")) {
            assertEquals(ModbusStatus.OK, line.readInputRegisters(1, 0, 8).status());
            ModbusResult wrongFunction = line.writeCoil(1, 0, true);
            assertEquals(ModbusStatus.EXCEPTION, wrongFunction.status(), "register board has no coils");
            assertEquals(1, wrongFunction.exceptionCode());
            ModbusResult badAddress = line.readInputRegisters(1, 5, 8);
            assertEquals(2, badAddress.exceptionCode());
            ModbusResult badValue = line.writeRegister(1, 0, 7);
            assertEquals(3, badValue.exceptionCode());
            ModbusResult unknownUnit = line.readInputRegisters(9, 0, 8);
            assertEquals(0x0B, unknownUnit.exceptionCode(), "gateway: target device failed to respond");
            sim.board(1).fault(Fault.malformed(Fault.Malformation.TRUNCATED));
            assertEquals(ModbusStatus.MALFORMED, line.readInputRegisters(1, 0, 8).status());
            sim.board(1).fault(Fault.none());
            assertEquals(ModbusStatus.OK, line.readInputRegisters(1, 0, 8).status(), "line resynchronised after truncation");
            Map<String, Long> counters = line.counters();
            assertEquals(4, counters.get("exceptions"));
            assertEquals(1, counters.get("malformed"));
            assertEquals(1, counters.get("reconnects"));
        }
    }
}
