package org.borderedge.transport.modbus;

import java.util.Arrays;

/**
 * The outcome of one request. Bits are filled for coil / discrete-input reads, registers for
 * register reads; both are empty on failure. {@code detail} says what went wrong in words a
 * technician can act on.
 */
public final class ModbusResult {

    private static final boolean[] NO_BITS = new boolean[0];
    private static final int[] NO_REGISTERS = new int[0];

    private final ModbusStatus status;
    private final int exceptionCode;
    private final String detail;
    private final boolean[] bits;
    private final int[] registers;

    private ModbusResult(ModbusStatus status, int exceptionCode, String detail, boolean[] bits, int[] registers) {
        this.status = status;
        this.exceptionCode = exceptionCode;
        this.detail = detail == null ? "" : detail;
        this.bits = bits;
        this.registers = registers;
    }

    public static ModbusResult bits(boolean[] bits) {
        return new ModbusResult(ModbusStatus.OK, 0, "", bits.clone(), NO_REGISTERS);
    }

    public static ModbusResult registers(int[] registers) {
        return new ModbusResult(ModbusStatus.OK, 0, "", NO_BITS, registers.clone());
    }

    public static ModbusResult written() {
        return new ModbusResult(ModbusStatus.OK, 0, "", NO_BITS, NO_REGISTERS);
    }

    public static ModbusResult exception(int code) {
        return new ModbusResult(ModbusStatus.EXCEPTION, code,
                String.format("Modbus exception %02X (%s)", code, exceptionName(code)), NO_BITS, NO_REGISTERS);
    }

    /** An exception reply, with what was asked of whom ("read coils (FC01) 0..7 of unit 1 at tcp:..."). */
    public static ModbusResult exception(int code, String request) {
        return new ModbusResult(ModbusStatus.EXCEPTION, code,
                String.format("Modbus exception %02X (%s) in reply to %s", code, exceptionName(code), request),
                NO_BITS, NO_REGISTERS);
    }

    public static ModbusResult failure(ModbusStatus status, String detail) {
        if (status == ModbusStatus.OK || status == ModbusStatus.EXCEPTION) {
            throw new IllegalArgumentException("failure status expected, got " + status);
        }
        return new ModbusResult(status, 0, detail, NO_BITS, NO_REGISTERS);
    }

    public ModbusStatus status() {
        return status;
    }

    public boolean ok() {
        return status == ModbusStatus.OK;
    }

    /** The Modbus exception code for {@link ModbusStatus#EXCEPTION}, else 0. */
    public int exceptionCode() {
        return exceptionCode;
    }

    public String detail() {
        return detail;
    }

    public boolean[] bits() {
        return bits.clone();
    }

    public int[] registers() {
        return registers.clone();
    }

    /** Names of the standard exception codes (Modbus Application Protocol 1.1b3, section 7). */
    public static String exceptionName(int code) {
        return switch (code) {
            case 0x01 -> "ILLEGAL FUNCTION";
            case 0x02 -> "ILLEGAL DATA ADDRESS";
            case 0x03 -> "ILLEGAL DATA VALUE";
            case 0x04 -> "SERVER DEVICE FAILURE";
            case 0x05 -> "ACKNOWLEDGE";
            case 0x06 -> "SERVER DEVICE BUSY";
            case 0x08 -> "MEMORY PARITY ERROR";
            case 0x0A -> "GATEWAY PATH UNAVAILABLE";
            case 0x0B -> "GATEWAY TARGET DEVICE FAILED TO RESPOND";
            default -> "non-standard code";
        };
    }

    @Override
    public String toString() {
        if (status == ModbusStatus.OK) {
            return bits.length > 0 ? "OK " + Arrays.toString(bits)
                    : registers.length > 0 ? "OK " + Arrays.toString(registers) : "OK";
        }
        return status + ": " + detail;
    }
}
