package org.borderedge.transport.serial.internal;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.borderedge.transport.serial.Endpoint;

/**
 * A serial port through jSerialComm, opened by path (pty symlinks included). When a USB adapter is
 * unplugged or a socat pair dies, reads fail (EIO) or the path vanishes: both end the channel.
 */
final class SerialChannel implements Channel {

    private final SerialPort port;
    private final Path path;

    private SerialChannel(SerialPort port, Path path) {
        this.port = port;
        this.path = path;
    }

    static SerialChannel open(Endpoint e, int readTimeoutMs) throws IOException {
        Path path = Path.of(e.path());
        if (!Files.exists(path)) {
            throw new IOException("serial port " + e.path() + " not found");
        }
        SerialPort port = SerialPort.getCommPort(e.path());
        port.setComPortParameters(e.baudRate(), e.dataBits(),
                e.stopBits() == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT, parity(e.parity()));
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                readTimeoutMs, 1000);
        if (!port.openPort()) {
            // errno 25 (ENOTTY) after opening a pty is harmless; a failed open is not
            throw new IOException("cannot open serial port " + e.path() + " (errno " + port.getLastErrorCode() + ")");
        }
        return new SerialChannel(port, path);
    }

    private static int parity(Endpoint.Parity p) {
        switch (p) {
            case EVEN: return SerialPort.EVEN_PARITY;
            case ODD: return SerialPort.ODD_PARITY;
            case MARK: return SerialPort.MARK_PARITY;
            case SPACE: return SerialPort.SPACE_PARITY;
            default: return SerialPort.NO_PARITY;
        }
    }

    @Override
    public int read(byte[] buf) throws IOException {
        int n = port.readBytes(buf, buf.length);
        if (n < 0) {
            throw new IOException(Files.exists(path) ? "read error on " + path + " (errno " + port.getLastErrorCode() + ")"
                    : "serial port " + path + " disappeared");
        }
        if (n == 0 && !Files.exists(path)) {
            throw new IOException("serial port " + path + " disappeared");
        }
        return n;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        int off = 0;
        while (off < bytes.length) {
            int n = port.writeBytes(bytes, bytes.length - off, off);
            if (n <= 0) {
                throw new IOException("write failed on " + path + " (errno " + port.getLastErrorCode() + ")");
            }
            off += n;
        }
    }

    @Override
    public String description() {
        return "serial " + path;
    }

    @Override
    public void close() {
        port.closePort();
    }
}
