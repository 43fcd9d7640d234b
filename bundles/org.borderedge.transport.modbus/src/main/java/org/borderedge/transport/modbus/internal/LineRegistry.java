package org.borderedge.transport.modbus.internal;

import java.util.HashMap;
import java.util.Map;
import org.borderedge.core.Ticker;
import org.borderedge.transport.modbus.ModbusEndpoint;
import org.borderedge.transport.modbus.ModbusLine;
import org.borderedge.transport.modbus.ModbusResult;
import org.borderedge.transport.modbus.ModbusTransport;

/** One shared line per line key, reference counted by leases. */
public final class LineRegistry implements ModbusTransport {

    private final Ticker ticker;
    private final Map<String, SharedLine> lines = new HashMap<>();

    public LineRegistry(Ticker ticker) {
        this.ticker = ticker;
    }

    @Override
    public synchronized ModbusLine line(String endpointUri) {
        ModbusEndpoint endpoint = ModbusEndpoint.parse(endpointUri);
        SharedLine line = lines.get(endpoint.lineKey());
        if (line == null) {
            line = new SharedLine(endpoint, ticker);
            lines.put(endpoint.lineKey(), line);
        } else if (!line.endpoint().sameWireAs(endpoint)) {
            throw new IllegalArgumentException("serial settings of " + endpointUri + " differ from those already in use on "
                    + endpoint.lineKey() + " (" + line.endpoint() + ")");
        }
        line.leases++;
        return new Lease(endpoint, line);
    }

    private synchronized void release(SharedLine line) {
        if (--line.leases == 0) {
            lines.remove(line.endpoint().lineKey(), line);
            line.close();
        }
    }

    /** Closes every line (framework shutdown); leases still held get DISCONNECTED results afterwards. */
    public synchronized void closeAll() {
        lines.values().forEach(SharedLine::close);
        lines.clear();
    }

    private final class Lease implements ModbusLine {
        private final ModbusEndpoint endpoint;
        private final SharedLine line;
        private boolean closed;

        Lease(ModbusEndpoint endpoint, SharedLine line) {
            this.endpoint = endpoint;
            this.line = line;
        }

        @Override
        public ModbusEndpoint endpoint() {
            return endpoint;
        }

        @Override
        public ModbusResult readCoils(int unit, int address, int count) {
            return line.execute(unit, new Request(Request.READ_COILS, address, count));
        }

        @Override
        public ModbusResult readDiscreteInputs(int unit, int address, int count) {
            return line.execute(unit, new Request(Request.READ_DISCRETE_INPUTS, address, count));
        }

        @Override
        public ModbusResult readHoldingRegisters(int unit, int address, int count) {
            return line.execute(unit, new Request(Request.READ_HOLDING_REGISTERS, address, count));
        }

        @Override
        public ModbusResult readInputRegisters(int unit, int address, int count) {
            return line.execute(unit, new Request(Request.READ_INPUT_REGISTERS, address, count));
        }

        @Override
        public ModbusResult writeCoilValue(int unit, int address, int rawValue) {
            return line.execute(unit, new Request(Request.WRITE_COIL, address, rawValue));
        }

        @Override
        public ModbusResult writeRegister(int unit, int address, int value) {
            return line.execute(unit, new Request(Request.WRITE_REGISTER, address, value));
        }

        @Override
        public Map<String, Long> counters() {
            return line.counters();
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            release(line);
        }
    }
}
