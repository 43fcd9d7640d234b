package org.borderedge.transport.serial;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void serialUriWithLineSettings() {
        Endpoint e = Endpoint.parse("serial:///dev/ttyUSB0?baud=1200&parity=even&dataBits=7&stopBits=1");
        assertEquals(Endpoint.Scheme.SERIAL, e.scheme());
        assertEquals("/dev/ttyUSB0", e.path());
        assertEquals(1200, e.baudRate());
        assertEquals(7, e.dataBits());
        assertEquals(Endpoint.Parity.EVEN, e.parity());
    }

    @Test
    void profileTransportFillsWhatTheUriLeavesOut() {
        Endpoint e = Endpoint.parse("serial:///tmp/scaleA?baud=19200", Map.of("baudRate", 2400, "dataBits", 7, "parity", "even"));
        assertEquals(19200, e.baudRate());
        assertEquals(7, e.dataBits());
        assertEquals(Endpoint.Parity.EVEN, e.parity());
    }

    @Test
    void tcpUri() {
        Endpoint e = Endpoint.parse("tcp://10.1.2.3:4001");
        assertEquals("10.1.2.3", e.host());
        assertEquals(4001, e.port());
    }

    @Test
    void badUrisNameTheProblem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("modbus-tcp://x:502"))
                .getMessage().contains("scheme"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("tcp://host"))
                .getMessage().contains("port"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("serial:///dev/x?baud=fast"))
                .getMessage().contains("baud"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("serial:///dev/x?parity=maybe"))
                .getMessage().contains("parity"));
    }
}
