package org.borderedge.transport.modbus.internal;

import java.io.IOException;

/** Puts a request PDU on the wire for one unit and returns the reply PDU; one implementation per framing. */
interface Framer {

    void open() throws IOException;

    boolean isOpen();

    /**
     * Sends {@code pdu} to {@code unit} and returns the reply PDU (function code first), or null for
     * a broadcast (unit 0), which gets no reply.
     */
    byte[] exchange(int unit, byte[] pdu, int timeoutMs) throws FrameFault;

    /** Drops whatever is buffered after a framing error, so the next reply starts clean. */
    void resync();

    void close();
}
