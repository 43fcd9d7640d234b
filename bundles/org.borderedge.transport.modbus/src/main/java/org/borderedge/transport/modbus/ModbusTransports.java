package org.borderedge.transport.modbus;

import org.borderedge.core.Ticker;
import org.borderedge.transport.modbus.internal.LineRegistry;

/** A transport for plain Java (tests, simulator, benchmarks); inside OSGi use the ModbusTransport service. */
public final class ModbusTransports {

    private ModbusTransports() {
    }

    public static ModbusTransport create() {
        return create(Ticker.system());
    }

    public static ModbusTransport create(Ticker ticker) {
        return new LineRegistry(ticker);
    }
}
