package org.borderedge.sim.serial;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.function.Consumer;
import org.borderedge.sim.net.TcpServer;

/**
 * A device behind a serial-device server: a TCP port on the loopback (or any address) that
 * gateways connect to. Writes go to every connected client.
 */
public final class TcpDevicePort implements DevicePort {

    private final TcpServer server;
    private volatile Consumer<byte[]> receiver = b -> { };

    /** Listens on {@code port} (0 picks a free one) on the loopback address. */
    public TcpDevicePort(int port) throws IOException {
        this(port, InetAddress.getLoopbackAddress());
    }

    public TcpDevicePort(int port, InetAddress bind) throws IOException {
        server = new TcpServer(new ServerSocket(port, 50, bind), "sim tcp", this::read);
    }

    public int port() {
        return server.port();
    }

    public int clients() {
        return server.clients().size();
    }

    private void read(Socket s) {
        byte[] buf = new byte[1024];
        try (InputStream in = s.getInputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                receiver.accept(Arrays.copyOf(buf, n));
            }
        } catch (IOException e) {
            // the client went away; the server drops it
        }
    }

    @Override
    public boolean write(byte[] bytes) {
        boolean any = false;
        for (Socket s : server.clients()) {
            try {
                synchronized (s) {
                    s.getOutputStream().write(bytes);
                    s.getOutputStream().flush();
                }
                any = true;
            } catch (IOException e) {
                server.drop(s);
            }
        }
        return any;
    }

    /** Closes every client connection (the listening port stays), as a dropped network would. */
    public void dropClients() {
        server.dropClients();
    }

    @Override
    public void onReceive(Consumer<byte[]> receiver) {
        this.receiver = receiver;
    }

    @Override
    public String gatewayEndpoint() {
        return "tcp://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.close();
    }
}
