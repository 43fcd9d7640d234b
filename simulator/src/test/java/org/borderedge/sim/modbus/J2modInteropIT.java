package org.borderedge.sim.modbus;

import static org.junit.jupiter.api.Assertions.*;

import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalIn;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.borderedge.device.DeviceCommand.BarrierAction;
import org.borderedge.transport.modbus.ModbusLine;
import org.borderedge.transport.modbus.ModbusResult;
import org.borderedge.transport.modbus.ModbusStatus;
import org.borderedge.transport.modbus.ModbusTransports;
import org.junit.jupiter.api.Test;

/** Our master and our simulated boards against j2mod 3.3.0, an independent Modbus implementation. */
class J2modInteropIT {

    @Test
    void j2modMasterDrivesTheSimulatedCoilBoard() throws Exception {
        try (RelayBoardSimulator sim = RelayBoardSimulator.builder().board(1, "barrier/waveshare-relay8", Map.of()).startTcp(0)) {
            ModbusTCPMaster master = new ModbusTCPMaster("127.0.0.1", sim.port(), 1000, false);
            master.connect();
            try {
                assertTrue(master.readInputDiscretes(1, 0, 8).getBit(1), "close limit of a closed boom");
                master.writeCoil(1, 0, true);
                assertTrue(master.readCoils(1, 0, 8).getBit(0));
                assertEquals(1, sim.board(1).pulses(BarrierAction.OPEN));
                master.writeCoil(1, 0, false);
                assertFalse(sim.board(1).relay(1));
                ModbusSlaveException e = assertThrows(ModbusSlaveException.class, () -> master.readInputDiscretes(1, 4, 8));
                assertEquals(2, e.getType(), "inputs 5..12 do not exist: ILLEGAL DATA ADDRESS");
            } finally {
                master.disconnect();
            }
        }
    }

    @Test
    void j2modMasterDrivesTheSimulatedRegisterBoard() throws Exception {
        try (RelayBoardSimulator sim = RelayBoardSimulator.builder().board(3, "barrier/generic-relay8reg", Map.of()).startTcp(0)) {
            ModbusTCPMaster master = new ModbusTCPMaster("127.0.0.1", sim.port(), 1000, false);
            master.connect();
            try {
                assertEquals(1, master.readInputRegisters(3, 0, 8)[1].getValue(), "close limit as input register 1");
                master.writeSingleRegister(3, 1, new SimpleRegister(1));
                assertEquals(1, sim.board(3).pulses(BarrierAction.CLOSE));
                assertEquals(1, master.readMultipleRegisters(3, 0, 8)[1].getValue());
                ModbusSlaveException e = assertThrows(ModbusSlaveException.class, () -> master.writeCoil(3, 0, true));
                assertEquals(1, e.getType(), "a register board has no coils: ILLEGAL FUNCTION");
            } finally {
                master.disconnect();
            }
        }
    }

    @Test
    void ourMasterReadsAndWritesAJ2modSlave() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        SimpleProcessImage image = new SimpleProcessImage(7);
        for (int i = 0; i < 8; i++) {
            image.addDigitalOut(new SimpleDigitalOut(false));
            image.addDigitalIn(new SimpleDigitalIn(i % 3 == 0));
        }
        image.addRegister(new SimpleRegister(0));
        image.addRegister(new SimpleRegister(0x1234));
        image.addInputRegister(new SimpleInputRegister(42));
        ModbusSlave slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 2, false);
        slave.addProcessImage(7, image);
        slave.open();
        try (ModbusLine line = ModbusTransports.create().line("modbus-tcp://127.0.0.1:" + port + "?unit=7&timeoutMs=1000")) {
            boolean[] inputs = line.readDiscreteInputs(7, 0, 8).bits();
            assertArrayEquals(new boolean[] {true, false, false, true, false, false, true, false}, inputs);
            assertTrue(line.writeCoil(7, 5, true).ok());
            assertTrue(image.getDigitalOut(5).isSet());
            assertTrue(line.readCoils(7, 0, 8).bits()[5]);
            assertTrue(line.writeRegister(7, 0, 0xBEEF).ok());
            assertArrayEquals(new int[] {0xBEEF, 0x1234}, line.readHoldingRegisters(7, 0, 2).registers());
            assertArrayEquals(new int[] {42}, line.readInputRegisters(7, 0, 1).registers());
            ModbusResult beyond = line.readHoldingRegisters(7, 1, 5);
            assertEquals(ModbusStatus.EXCEPTION, beyond.status());
            assertEquals(2, beyond.exceptionCode());
        } finally {
            ModbusSlaveFactory.close(slave);
        }
    }
}
