package org.borderedge.transport.modbus;

import java.util.Map;

/**
 * A lease on the shared line of one endpoint. Requests of all leases on the same line are
 * serialised (RS-485 is half duplex; many Modbus TCP gateways serve one request at a time). A call
 * blocks the caller for at most timeout x (retries + 1); it never throws on field faults.
 * {@link #close()} returns the lease; the line closes when its last lease does.
 */
@org.osgi.annotation.versioning.ProviderType
public interface ModbusLine extends AutoCloseable {

    /** The endpoint of this lease, including its default unit id. */
    ModbusEndpoint endpoint();

    ModbusResult readCoils(int unit, int address, int count);

    ModbusResult readDiscreteInputs(int unit, int address, int count);

    ModbusResult readHoldingRegisters(int unit, int address, int count);

    ModbusResult readInputRegisters(int unit, int address, int count);

    /**
     * FC05 with the raw value on the wire: FF00 on and 0000 off by the standard; some cheap relay
     * boards want 0100 for on, hence the raw form.
     */
    ModbusResult writeCoilValue(int unit, int address, int rawValue);

    default ModbusResult writeCoil(int unit, int address, boolean on) {
        return writeCoilValue(unit, address, on ? 0xFF00 : 0x0000);
    }

    /** FC06. */
    ModbusResult writeRegister(int unit, int address, int value);

    /** Counters of the whole line: requests, timeouts, exceptions, malformed, reconnects ... */
    Map<String, Long> counters();

    @Override
    void close();
}
