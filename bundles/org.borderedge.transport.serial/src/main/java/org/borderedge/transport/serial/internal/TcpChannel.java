package org.borderedge.transport.serial.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.borderedge.transport.serial.Endpoint;

/** The same byte stream over TCP: serial-device servers, TCP e-seal readers, scanners. */
final class TcpChannel implements Channel {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String description;

    private TcpChannel(Socket socket, String description) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.description = description;
    }

    static TcpChannel open(Endpoint e, int readTimeoutMs, int connectTimeoutMs) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(e.host(), e.port()), connectTimeoutMs);
            s.setSoTimeout(readTimeoutMs);
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            return new TcpChannel(s, "tcp " + e.host() + ":" + e.port());
        } catch (IOException ex) {
            s.close();
            throw new IOException("cannot connect to " + e.host() + ":" + e.port() + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public int read(byte[] buf) throws IOException {
        try {
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("connection closed by " + description);
            }
            return n;
        } catch (SocketTimeoutException e) {
            return 0;
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("connection closed by")) {
                throw e;
            }
            throw new IOException("connection to " + description + " lost: " + e.getMessage(), e);
        }
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new IOException("connection to " + description + " lost: " + e.getMessage(), e);
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a dead socket can fail; nothing is left to release
        }
    }
}
