package org.borderedge.transport.modbus.internal;

import org.borderedge.transport.modbus.ModbusResult;
import org.borderedge.transport.modbus.ModbusStatus;

/**
 * One of the six function codes a relay board needs, encoded as a PDU and checked against its
 * reply: function code, byte count and write echo must match, or the reply is MALFORMED.
 */
record Request(int function, int address, int value) {

    static final int READ_COILS = 0x01;
    static final int READ_DISCRETE_INPUTS = 0x02;
    static final int READ_HOLDING_REGISTERS = 0x03;
    static final int READ_INPUT_REGISTERS = 0x04;
    static final int WRITE_COIL = 0x05;
    static final int WRITE_REGISTER = 0x06;

    Request {
        if (address < 0 || address > 0xFFFF) {
            throw new IllegalArgumentException("Modbus address " + address + " outside 0..65535");
        }
        int max = switch (function) {
            case READ_COILS, READ_DISCRETE_INPUTS -> 2000;
            case READ_HOLDING_REGISTERS, READ_INPUT_REGISTERS -> 125;
            case WRITE_COIL, WRITE_REGISTER -> 0xFFFF;
            default -> throw new IllegalArgumentException("unsupported function " + function);
        };
        int min = function == WRITE_COIL || function == WRITE_REGISTER ? 0 : 1;
        if (value < min || value > max) {
            throw new IllegalArgumentException(describe(function) + ": quantity/value " + value + " outside " + min + ".." + max);
        }
    }

    byte[] pdu() {
        return new byte[] {(byte) function, (byte) (address >>> 8), (byte) address, (byte) (value >>> 8), (byte) value};
    }

    boolean isWrite() {
        return function == WRITE_COIL || function == WRITE_REGISTER;
    }

    String describe() {
        return describe(function) + (isWrite() ? " " + address + String.format("=%04X", value)
                : " " + address + ".." + (address + value - 1));
    }

    static String describe(int function) {
        return switch (function) {
            case READ_COILS -> "read coils (FC01)";
            case READ_DISCRETE_INPUTS -> "read discrete inputs (FC02)";
            case READ_HOLDING_REGISTERS -> "read holding registers (FC03)";
            case READ_INPUT_REGISTERS -> "read input registers (FC04)";
            case WRITE_COIL -> "write coil (FC05)";
            case WRITE_REGISTER -> "write register (FC06)";
            default -> String.format("function %02X", function);
        };
    }

    /** Classifies a reply PDU (function code first). */
    ModbusResult decode(byte[] reply) {
        if (reply == null) {
            return ModbusResult.written();
        }
        if (reply.length == 0) {
            return malformed("empty reply");
        }
        int fc = reply[0] & 0xFF;
        if (fc == (function | 0x80)) {
            if (reply.length != 2) {
                return malformed("exception reply of " + reply.length + " bytes, expected 2");
            }
            return ModbusResult.exception(reply[1] & 0xFF);
        }
        if (fc != function) {
            return malformed(String.format("reply has function code %02X, expected %02X", fc, function));
        }
        switch (function) {
            case READ_COILS, READ_DISCRETE_INPUTS -> {
                int expected = (value + 7) / 8;
                if (reply.length < 2 || (reply[1] & 0xFF) != expected || reply.length != 2 + expected) {
                    return malformed("byte count " + (reply.length < 2 ? "missing" : reply[1] & 0xFF) + " with "
                            + Math.max(0, reply.length - 2) + " data bytes, expected " + expected + " for " + value + " bits");
                }
                boolean[] bits = new boolean[value];
                for (int i = 0; i < value; i++) {
                    bits[i] = (reply[2 + i / 8] & (1 << (i % 8))) != 0;
                }
                return ModbusResult.bits(bits);
            }
            case READ_HOLDING_REGISTERS, READ_INPUT_REGISTERS -> {
                int expected = value * 2;
                if (reply.length < 2 || (reply[1] & 0xFF) != expected || reply.length != 2 + expected) {
                    return malformed("byte count " + (reply.length < 2 ? "missing" : reply[1] & 0xFF) + " with "
                            + Math.max(0, reply.length - 2) + " data bytes, expected " + expected + " for " + value + " registers");
                }
                int[] regs = new int[value];
                for (int i = 0; i < value; i++) {
                    regs[i] = ((reply[2 + 2 * i] & 0xFF) << 8) | (reply[3 + 2 * i] & 0xFF);
                }
                return ModbusResult.registers(regs);
            }
            default -> {
                if (reply.length != 5) {
                    return malformed("write echo of " + reply.length + " bytes, expected 5");
                }
                int addr = ((reply[1] & 0xFF) << 8) | (reply[2] & 0xFF);
                int val = ((reply[3] & 0xFF) << 8) | (reply[4] & 0xFF);
                if (addr != address || val != value) {
                    return malformed(String.format("write echo %d=%04X differs from request %d=%04X", addr, val, address, value));
                }
                return ModbusResult.written();
            }
        }
    }

    private ModbusResult malformed(String what) {
        return ModbusResult.failure(ModbusStatus.MALFORMED, "malformed reply to " + describe() + ": " + what);
    }
}
