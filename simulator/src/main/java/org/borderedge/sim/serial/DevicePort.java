package org.borderedge.sim.serial;

import java.util.function.Consumer;

/** Where a simulated device talks: the device end of a serial line, or a TCP port gateways connect to. */
public interface DevicePort extends AutoCloseable {

    /** Writes to the line (to every connected client for TCP); false when nobody is there. */
    boolean write(byte[] bytes);

    /** Bytes the gateway sends (poll requests); called on the port's reader thread. */
    void onReceive(Consumer<byte[]> receiver);

    /** Where a gateway connects, e.g. {@code serial:///tmp/scaleA} or {@code tcp://127.0.0.1:7001}. */
    String gatewayEndpoint();

    @Override
    void close();
}
