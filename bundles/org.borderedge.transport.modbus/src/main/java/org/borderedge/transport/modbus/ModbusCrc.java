package org.borderedge.transport.modbus;

/** CRC-16/MODBUS of an RTU frame (polynomial 0xA001 reflected, initial 0xFFFF), sent low byte first. */
public final class ModbusCrc {

    private ModbusCrc() {
    }

    public static int of(byte[] data, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc ^= data[i] & 0xFF;
            for (int b = 0; b < 8; b++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }

    /** Appends the CRC to {@code frame[0..length)}; returns a new array of length + 2. */
    public static byte[] append(byte[] frame, int length) {
        byte[] out = java.util.Arrays.copyOf(frame, length + 2);
        int crc = of(frame, 0, length);
        out[length] = (byte) crc;
        out[length + 1] = (byte) (crc >>> 8);
        return out;
    }

    /** True when the last two bytes of {@code frame[0..length)} are the CRC of the rest. */
    public static boolean valid(byte[] frame, int length) {
        if (length < 3) {
            return false;
        }
        int crc = of(frame, 0, length - 2);
        return (frame[length - 2] & 0xFF) == (crc & 0xFF) && (frame[length - 1] & 0xFF) == (crc >>> 8);
    }
}
