package org.borderedge.transport.modbus;

/** How a Modbus request ended. */
public enum ModbusStatus {
    OK,
    /** No (complete) reply within the timeout, after the configured retries. */
    TIMEOUT,
    /** The slave answered with a Modbus exception reply; the code is in the result. */
    EXCEPTION,
    /** A reply arrived but broke the protocol (bad CRC, wrong length, wrong function, wrong echo ...). */
    MALFORMED,
    /** The line could not be opened or was lost; reconnection runs with backoff. */
    DISCONNECTED
}
