package org.borderedge.transport.modbus.internal;

import org.borderedge.transport.modbus.ModbusStatus;

/** A reply that did not arrive or could not be framed; {@code resync} asks the line to drop its stream state. */
final class FrameFault extends Exception {

    private static final long serialVersionUID = 1L;

    final ModbusStatus status;
    final boolean resync;

    FrameFault(ModbusStatus status, String detail, boolean resync) {
        super(detail, null, false, false);
        this.status = status;
        this.resync = resync;
    }

    static FrameFault timeout(String detail) {
        return new FrameFault(ModbusStatus.TIMEOUT, detail, false);
    }

    static FrameFault malformed(String detail, boolean resync) {
        return new FrameFault(ModbusStatus.MALFORMED, detail, resync);
    }

    static FrameFault disconnected(String detail) {
        return new FrameFault(ModbusStatus.DISCONNECTED, detail, true);
    }
}
