package org.borderedge.transport.modbus.internal;

import static org.junit.jupiter.api.Assertions.*;

import org.borderedge.transport.modbus.ModbusResult;
import org.borderedge.transport.modbus.ModbusStatus;
import org.junit.jupiter.api.Test;

class RequestTest {

    private static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    @Test
    void bitsAreUnpackedLowBitFirst() {
        ModbusResult r = new Request(Request.READ_DISCRETE_INPUTS, 0, 10).decode(b(0x02, 2, 0b0000_0101, 0b10));
        assertEquals(ModbusStatus.OK, r.status());
        boolean[] bits = r.bits();
        assertEquals(10, bits.length);
        assertTrue(bits[0]);
        assertFalse(bits[1]);
        assertTrue(bits[2]);
        assertTrue(bits[9]);
    }

    @Test
    void exceptionReplyCarriesItsCode() {
        ModbusResult r = new Request(Request.READ_COILS, 0, 8).decode(b(0x81, 0x02));
        assertEquals(ModbusStatus.EXCEPTION, r.status());
        assertEquals(2, r.exceptionCode());
        assertTrue(r.detail().contains("02 (ILLEGAL DATA ADDRESS)"), r.detail());
    }

    @Test
    void malformedRepliesNameWhatIsWrong() {
        Request read = new Request(Request.READ_INPUT_REGISTERS, 0, 8);
        assertMalformed(read.decode(b(0x04, 15, 0, 1)), "byte count 15");
        assertMalformed(read.decode(b(0x03, 16)), "function code 03, expected 04");
        assertMalformed(read.decode(b(0x84, 1, 2)), "exception reply of 3 bytes");
        assertMalformed(read.decode(new byte[0]), "empty reply");
        Request write = new Request(Request.WRITE_COIL, 1, 0x0100);
        assertMalformed(write.decode(b(0x05, 0, 1, 0xFF, 0)), "write echo 1=FF00 differs from request 1=0100");
        assertEquals(ModbusStatus.OK, write.decode(b(0x05, 0, 1, 0x01, 0)).status());
    }

    private static void assertMalformed(ModbusResult r, String fragment) {
        assertEquals(ModbusStatus.MALFORMED, r.status(), r.toString());
        assertTrue(r.detail().contains(fragment), r.detail());
    }

    @Test
    void registersAreBigEndian() {
        ModbusResult r = new Request(Request.READ_HOLDING_REGISTERS, 0, 2).decode(b(0x03, 4, 0x01, 0x02, 0, 7));
        assertArrayEquals(new int[] {0x0102, 7}, r.registers());
    }
}
