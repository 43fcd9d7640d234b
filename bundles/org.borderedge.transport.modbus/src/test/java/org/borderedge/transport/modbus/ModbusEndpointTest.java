package org.borderedge.transport.modbus;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ModbusEndpointTest {

    @Test
    void tcpEndpointWithDefaults() {
        ModbusEndpoint e = ModbusEndpoint.parse("modbus-tcp://127.0.0.1:1502?unit=3&timeoutMs=250");
        assertEquals(ModbusEndpoint.Kind.TCP, e.kind());
        assertEquals("127.0.0.1", e.host());
        assertEquals(1502, e.port());
        assertEquals(3, e.unit());
        assertEquals(250, e.timeoutMs());
        assertEquals(1, e.retries());
        assertEquals("tcp:127.0.0.1:1502", e.lineKey());
        assertEquals(502, ModbusEndpoint.parse("modbus-tcp://gw.local").port());
    }

    @Test
    void rtuEndpointCarriesSerialSettings() {
        ModbusEndpoint e = ModbusEndpoint.parse("modbus-rtu:///dev/ttyUSB0?baud=19200&parity=even&unit=2&stopBits=1");
        assertEquals(ModbusEndpoint.Kind.RTU, e.kind());
        assertEquals("/dev/ttyUSB0", e.serialPort());
        assertEquals(19200, e.baud());
        assertEquals("even", e.parity());
        assertEquals(2, e.unit());
        assertTrue(e.sameWireAs(ModbusEndpoint.parse("modbus-rtu:///dev/ttyUSB0?baud=19200&parity=even&unit=7")));
        assertFalse(e.sameWireAs(ModbusEndpoint.parse("modbus-rtu:///dev/ttyUSB0?baud=9600&parity=even&unit=7")));
    }

    @Test
    void badEndpointsSayWhatIsWrong() {
        assertMessage("modbus-udp://h:1", "scheme must be modbus-tcp or modbus-rtu");
        assertMessage("modbus-tcp://h:1?unit=300", "unit=300 is outside 0..247");
        assertMessage("modbus-tcp://h:1?baud=9600", "unknown parameter 'baud'");
        assertMessage("modbus-rtu:///dev/ttyS0?parity=weird", "parity must be one of");
        assertMessage("modbus-rtu:///?baud=9600", "serial port path missing");
        assertMessage("modbus-tcp://h:1?timeoutMs=abc", "timeoutMs=abc is not a number");
        assertMessage("modbus-tcp://127.0.0.1:?unit=1", "port missing");
    }

    private static void assertMessage(String uri, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModbusEndpoint.parse(uri));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void crcMatchesTheWaveshareRelayOnFrame() {
        byte[] frame = {0x01, 0x05, 0x00, 0x00, (byte) 0xFF, 0x00};
        byte[] withCrc = ModbusCrc.append(frame, frame.length);
        assertEquals((byte) 0x8C, withCrc[6]);
        assertEquals((byte) 0x3A, withCrc[7]);
        assertTrue(ModbusCrc.valid(withCrc, withCrc.length));
        withCrc[3] ^= 1;
        assertFalse(ModbusCrc.valid(withCrc, withCrc.length));
    }
}
