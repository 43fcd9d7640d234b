package org.borderedge.sim.net;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The listening side of a simulated TCP device: accepts clients on a daemon thread and serves each on
 * a thread of its own until it goes away; {@link #close()} stops listening and drops every client.
 */
public final class TcpServer implements AutoCloseable {

    private final ServerSocket server;
    private final Consumer<Socket> serve;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    /** Serves clients of the bound {@code server} with {@code serve}, which returns when the client is done. */
    public TcpServer(ServerSocket server, String name, Consumer<Socket> serve) {
        this.server = server;
        this.serve = serve;
        Thread t = new Thread(this::acceptLoop, name + " " + server.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The clients connected now. */
    public List<Socket> clients() {
        return List.copyOf(clients);
    }

    private void acceptLoop() {
        while (running) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                clients.add(s);
                Thread t = new Thread(() -> {
                    try {
                        serve.accept(s);
                    } finally {
                        drop(s);
                    }
                }, server.getLocalPort() + " client " + s.getRemoteSocketAddress());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    /** Closes one client's connection. */
    public void drop(Socket s) {
        clients.remove(s);
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** Closes every client connection (the listening port stays), as a dropped network would. */
    public void dropClients() {
        clients.forEach(this::drop);
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
