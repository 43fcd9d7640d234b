package org.borderedge.transport.modbus.internal;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.util.HexFormat;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import org.borderedge.transport.modbus.ModbusCrc;
import org.borderedge.transport.modbus.ModbusEndpoint;

/**
 * Modbus RTU over a serial port (RS-485). The reply length follows from its function code; a frame
 * is checked by CRC and unit. Between frames the line stays silent for at least 3.5 characters.
 */
final class RtuFramer implements Framer {

    private final ModbusEndpoint endpoint;
    private final LongSupplier nanos;
    private final IntConsumer onDiscarded;
    private final long charNanos;
    private SerialPort port;

    RtuFramer(ModbusEndpoint endpoint, LongSupplier nanos, IntConsumer onDiscarded) {
        this.endpoint = endpoint;
        this.nanos = nanos;
        this.onDiscarded = onDiscarded;
        int bitsPerChar = 1 + endpoint.dataBits() + (endpoint.parity().equals("none") ? 0 : 1) + endpoint.stopBits();
        this.charNanos = 1_000_000_000L * bitsPerChar / endpoint.baud();
    }

    @Override
    public void open() throws IOException {
        SerialPort p;
        try {
            p = SerialPort.getCommPort(endpoint.serialPort());
        } catch (RuntimeException e) {
            throw new IOException("no serial port " + endpoint.serialPort() + ": " + e.getMessage());
        }
        p.setComPortParameters(endpoint.baud(), endpoint.dataBits(),
                endpoint.stopBits() == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT, parity(endpoint.parity()));
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 20, 0);
        if (!p.openPort()) {
            throw new IOException("cannot open serial port " + endpoint.serialPort() + " (error " + p.getLastErrorCode() + ")");
        }
        port = p;
    }

    private static int parity(String name) {
        return switch (name) {
            case "even" -> SerialPort.EVEN_PARITY;
            case "odd" -> SerialPort.ODD_PARITY;
            case "mark" -> SerialPort.MARK_PARITY;
            case "space" -> SerialPort.SPACE_PARITY;
            default -> SerialPort.NO_PARITY;
        };
    }

    @Override
    public boolean isOpen() {
        return port != null;
    }

    @Override
    public byte[] exchange(int unit, byte[] pdu, int timeoutMs) throws FrameFault {
        drain(0);
        byte[] raw = new byte[pdu.length + 1];
        raw[0] = (byte) unit;
        System.arraycopy(pdu, 0, raw, 1, pdu.length);
        byte[] frame = ModbusCrc.append(raw, raw.length);
        if (port.writeBytes(frame, frame.length) != frame.length) {
            throw FrameFault.disconnected("serial write failed (error " + port.getLastErrorCode() + ")");
        }
        if (unit == 0) {
            silence(frame.length + 4);
            return null;
        }
        long deadline = nanos.getAsLong() + timeoutMs * 1_000_000L + frame.length * charNanos;
        byte[] buf = new byte[256];
        int got = read(buf, 0, 2, deadline, timeoutMs);
        int fc = buf[1] & 0xFF;
        int total;
        if ((fc & 0x80) != 0) {
            total = 5;
        } else if (fc >= 1 && fc <= 4) {
            got = read(buf, got, 3, deadline, timeoutMs);
            total = 3 + (buf[2] & 0xFF) + 2;
        } else if (fc == 5 || fc == 6 || fc == 15 || fc == 16) {
            total = 8;
        } else {
            drain(50);
            throw FrameFault.malformed(String.format("reply with unknown function code %02X", fc), true);
        }
        got = read(buf, got, total, deadline, timeoutMs);
        if (!ModbusCrc.valid(buf, total)) {
            drain(20);
            throw FrameFault.malformed("CRC mismatch in " + HexFormat.ofDelimiter(" ").formatHex(buf, 0, total), true);
        }
        silence(4);
        int replyUnit = buf[0] & 0xFF;
        if (replyUnit != unit) {
            throw FrameFault.malformed("reply from unit " + replyUnit + " to a request for unit " + unit, false);
        }
        byte[] reply = new byte[total - 3];
        System.arraycopy(buf, 1, reply, 0, reply.length);
        return reply;
    }

    private int read(byte[] buf, int have, int want, long deadline, int timeoutMs) throws FrameFault {
        while (have < want) {
            if (nanos.getAsLong() - deadline > 0) {
                if (have == 0) {
                    throw FrameFault.timeout("no reply within " + timeoutMs + " ms");
                }
                throw FrameFault.malformed("reply truncated: " + have + " bytes ("
                        + HexFormat.ofDelimiter(" ").formatHex(buf, 0, have) + ") then silence", true);
            }
            int n = port.readBytes(buf, want - have, have);
            if (n < 0) {
                throw FrameFault.disconnected("serial read failed (error " + port.getLastErrorCode() + ")");
            }
            have += n;
        }
        return have;
    }

    /** Discards input until the line has been quiet for {@code quietMs}. */
    private void drain(int quietMs) {
        byte[] junk = new byte[256];
        long quietSince = nanos.getAsLong();
        while (true) {
            int available = port.bytesAvailable();
            if (available > 0) {
                int n = port.readBytes(junk, Math.min(available, junk.length));
                onDiscarded.accept(Math.max(0, n));
                quietSince = nanos.getAsLong();
            } else if (available < 0 || nanos.getAsLong() - quietSince >= quietMs * 1_000_000L) {
                return;
            } else {
                LockSupport.parkNanos(2_000_000L);
            }
        }
    }

    private void silence(int chars) {
        LockSupport.parkNanos(chars * charNanos);
    }

    @Override
    public void resync() {
        if (port != null) {
            drain(20);
        }
    }

    @Override
    public void close() {
        SerialPort p = port;
        port = null;
        if (p != null) {
            p.closePort();
        }
    }
}
