package org.borderedge.sim.serial;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A device behind a serial-device server: a TCP port on the loopback (or any address) that
 * gateways connect to. Writes go to every connected client.
 */
public final class TcpDevicePort implements DevicePort {

    private final ServerSocket server;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private volatile Consumer<byte[]> receiver = b -> { };
    private volatile boolean running = true;

    /** Listens on {@code port} (0 picks a free one) on the loopback address. */
    public TcpDevicePort(int port) throws IOException {
        this(port, InetAddress.getLoopbackAddress());
    }

    public TcpDevicePort(int port, InetAddress bind) throws IOException {
        server = new ServerSocket(port, 50, bind);
        Thread acceptor = new Thread(this::accept, "sim tcp " + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public int clients() {
        return clients.size();
    }

    private void accept() {
        while (running) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                clients.add(s);
                Thread t = new Thread(() -> read(s), "sim tcp client " + s.getRemoteSocketAddress());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private void read(Socket s) {
        byte[] buf = new byte[1024];
        try (InputStream in = s.getInputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                receiver.accept(Arrays.copyOf(buf, n));
            }
        } catch (IOException e) {
            // the client went away; it is dropped below
        } finally {
            drop(s);
        }
    }

    private void drop(Socket s) {
        clients.remove(s);
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public boolean write(byte[] bytes) {
        boolean any = false;
        for (Socket s : clients) {
            try {
                synchronized (s) {
                    s.getOutputStream().write(bytes);
                    s.getOutputStream().flush();
                }
                any = true;
            } catch (IOException e) {
                drop(s);
            }
        }
        return any;
    }

    /** Closes every client connection (the listening port stays), as a dropped network would. */
    public void dropClients() {
        clients.forEach(this::drop);
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
        running = false;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing the listener cannot fail in a way that matters here
        }
        dropClients();
    }
}
