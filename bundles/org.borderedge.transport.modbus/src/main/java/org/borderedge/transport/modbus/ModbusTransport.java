package org.borderedge.transport.modbus;

/** Hands out leases on shared Modbus lines, one line per endpoint (host:port or serial port). */
@org.osgi.annotation.versioning.ProviderType
public interface ModbusTransport {

    /**
     * A lease on the line of {@code endpointUri}, e.g. {@code modbus-tcp://10.0.0.5:502?unit=1} or
     * {@code modbus-rtu:///dev/ttyUSB0?baud=9600&parity=none&unit=1}. Does not block: the line
     * connects on first use and reconnects with backoff.
     *
     * @throws IllegalArgumentException if the URI is not a valid Modbus endpoint (the message says why)
     */
    ModbusLine line(String endpointUri);
}
