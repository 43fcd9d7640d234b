package org.borderedge.transport.modbus.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.HexFormat;
import java.util.function.LongSupplier;
import org.borderedge.transport.modbus.ModbusEndpoint;

/** Modbus TCP (MBAP header). Replies to earlier, timed-out transactions are skipped by transaction id. */
final class TcpFramer implements Framer {

    private final ModbusEndpoint endpoint;
    private final LongSupplier nanos;
    private final Runnable onStale;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int transactionId;

    TcpFramer(ModbusEndpoint endpoint, LongSupplier nanos, Runnable onStale) {
        this.endpoint = endpoint;
        this.nanos = nanos;
        this.onStale = onStale;
    }

    @Override
    public void open() throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), endpoint.timeoutMs());
        } catch (IOException e) {
            s.close();
            throw e;
        }
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
    }

    @Override
    public boolean isOpen() {
        return socket != null;
    }

    @Override
    public byte[] exchange(int unit, byte[] pdu, int timeoutMs) throws FrameFault {
        transactionId = (transactionId + 1) & 0xFFFF;
        byte[] frame = new byte[7 + pdu.length];
        frame[0] = (byte) (transactionId >>> 8);
        frame[1] = (byte) transactionId;
        frame[4] = (byte) ((pdu.length + 1) >>> 8);
        frame[5] = (byte) (pdu.length + 1);
        frame[6] = (byte) unit;
        System.arraycopy(pdu, 0, frame, 7, pdu.length);
        try {
            out.write(frame);
            out.flush();
        } catch (IOException e) {
            throw FrameFault.disconnected("send failed: " + e.getMessage());
        }
        long deadline = nanos.getAsLong() + timeoutMs * 1_000_000L;
        while (true) {
            byte[] header = new byte[7];
            readFully(header, deadline, timeoutMs, "MBAP header");
            int tid = ((header[0] & 0xFF) << 8) | (header[1] & 0xFF);
            int protocol = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
            int length = ((header[4] & 0xFF) << 8) | (header[5] & 0xFF);
            if (protocol != 0) {
                throw FrameFault.malformed("MBAP protocol id " + protocol + ", expected 0 (header "
                        + HexFormat.of().formatHex(header) + ")", true);
            }
            if (length < 2 || length > 254) {
                throw FrameFault.malformed("MBAP length " + length + " outside 2..254", true);
            }
            byte[] reply = new byte[length - 1];
            readFully(reply, deadline, timeoutMs, "PDU of " + reply.length + " bytes");
            if (tid != transactionId) {
                onStale.run();
                continue;
            }
            int replyUnit = header[6] & 0xFF;
            if (replyUnit != unit) {
                throw FrameFault.malformed("reply from unit " + replyUnit + " to a request for unit " + unit, false);
            }
            return reply;
        }
    }

    private void readFully(byte[] buf, long deadline, int timeoutMs, String what) throws FrameFault {
        int got = 0;
        while (got < buf.length) {
            long left = (deadline - nanos.getAsLong()) / 1_000_000L;
            if (left <= 0) {
                throw timeout(got, buf.length, timeoutMs, what);
            }
            try {
                socket.setSoTimeout((int) Math.max(1, left));
                int n = in.read(buf, got, buf.length - got);
                if (n < 0) {
                    throw FrameFault.disconnected(got == 0 ? "connection closed by the slave"
                            : "connection closed after " + got + " of " + buf.length + " bytes of the " + what);
                }
                got += n;
            } catch (SocketTimeoutException e) {
                throw timeout(got, buf.length, timeoutMs, what);
            } catch (IOException e) {
                throw FrameFault.disconnected("receive failed: " + e.getMessage());
            }
        }
    }

    private static FrameFault timeout(int got, int wanted, int timeoutMs, String what) {
        if (got > 0) {
            return FrameFault.malformed("reply truncated: " + got + " of " + wanted + " bytes of the " + what
                    + " within " + timeoutMs + " ms", true);
        }
        return FrameFault.timeout("no reply within " + timeoutMs + " ms");
    }

    @Override
    public void resync() {
        close();
    }

    @Override
    public void close() {
        Socket s = socket;
        socket = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing a broken socket: nothing left to release
            }
        }
    }
}
