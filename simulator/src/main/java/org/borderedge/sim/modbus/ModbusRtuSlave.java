package org.borderedge.sim.modbus;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.util.Map;
import org.borderedge.transport.modbus.ModbusCrc;

/**
 * Relay boards on one RS-485 line (a serial port or one end of a socat pty pair). Frames with a bad
 * CRC or for other units are ignored, as a real slave on a shared bus does; unit 0 is broadcast.
 */
final class ModbusRtuSlave implements AutoCloseable {

    private static final int INTER_BYTE_TIMEOUT_MS = 50;

    private final Map<Integer, RelayBoard> boards;
    private final SerialPort port;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long badFrames;

    ModbusRtuSlave(Map<Integer, RelayBoard> boards, String path, int baud) throws IOException {
        this.boards = boards;
        this.port = SerialPort.getCommPort(path);
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, INTER_BYTE_TIMEOUT_MS, 0);
        if (!port.openPort()) {
            throw new IOException("cannot open " + path + " (error " + port.getLastErrorCode() + ")");
        }
        thread = new Thread(this::loop, "modbus-rtu-slave-" + path);
        thread.setDaemon(true);
        thread.start();
    }

    long badFrames() {
        return badFrames;
    }

    private void loop() {
        byte[] buf = new byte[260];
        while (running) {
            int n = port.readBytes(buf, 1, 0);
            if (n < 0) {
                if (!running) {
                    return;
                }
                sleep(50);
                continue;
            }
            if (n == 0) {
                continue;
            }
            if (!readFrame(buf)) {
                badFrames++;
            }
        }
    }

    /** Reads the rest of a request whose first byte is in buf[0]; false for garbage. */
    private boolean readFrame(byte[] buf) {
        if (!read(buf, 1, 2)) {
            return false;
        }
        int fc = buf[1] & 0xFF;
        int total;
        if (fc >= 1 && fc <= 6) {
            total = 8;
        } else if (fc == 15 || fc == 16) {
            if (!read(buf, 2, 7)) {
                return false;
            }
            total = 9 + (buf[6] & 0xFF);
        } else {
            drain();
            return false;
        }
        if (!read(buf, total > 7 && (fc == 15 || fc == 16) ? 7 : 2, total) || !ModbusCrc.valid(buf, total)) {
            drain();
            return false;
        }
        int unit = buf[0] & 0xFF;
        byte[] pdu = java.util.Arrays.copyOfRange(buf, 1, total - 2);
        if (unit == 0) {
            boards.values().forEach(b -> b.handle(pdu));
            return true;
        }
        RelayBoard board = boards.get(unit);
        if (board == null) {
            return true;
        }
        RelayBoard.Reply reply = board.handle(pdu);
        if (reply == null) {
            return true;
        }
        byte[] raw = new byte[1 + reply.pdu().length];
        raw[0] = (byte) unit;
        System.arraycopy(reply.pdu(), 0, raw, 1, reply.pdu().length);
        byte[] frame = ModbusCrc.append(raw, raw.length);
        if (reply.framing() == Fault.Malformation.BAD_CHECKSUM) {
            frame[frame.length - 1] ^= 0x5A;
        } else if (reply.framing() == Fault.Malformation.TRUNCATED) {
            frame = java.util.Arrays.copyOf(frame, Math.max(2, frame.length / 2));
        }
        port.writeBytes(frame, frame.length);
        return true;
    }

    private boolean read(byte[] buf, int have, int want) {
        while (have < want) {
            int n = port.readBytes(buf, want - have, have);
            if (n <= 0) {
                return false;
            }
            have += n;
        }
        return true;
    }

    private void drain() {
        byte[] junk = new byte[256];
        while (running && port.readBytes(junk, junk.length) > 0) {
            // discard until the line goes quiet for the inter-byte timeout
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        port.closePort();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
