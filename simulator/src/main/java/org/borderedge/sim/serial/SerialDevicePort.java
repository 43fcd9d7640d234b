package org.borderedge.sim.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The device end of a serial line (a pty from {@link PtyPair}, or a real port wired to a gateway).
 * It reopens the port after it disappears, so a restarted socat pair is picked up again.
 */
public final class SerialDevicePort implements DevicePort {

    private final Path path;
    private final int baudRate;
    private final String gatewayEndpoint;
    private volatile SerialPort port;
    private volatile Consumer<byte[]> receiver = b -> { };
    private volatile boolean running = true;
    private final Thread reader;

    /** Opens {@code path} at 8N1; {@code gatewayEndpoint} is what the gateway should use to reach it. */
    public SerialDevicePort(Path path, int baudRate, String gatewayEndpoint) {
        this.path = path.toAbsolutePath();
        this.baudRate = baudRate;
        this.gatewayEndpoint = gatewayEndpoint;
        this.reader = new Thread(this::run, "sim port " + path);
        reader.setDaemon(true);
        openIfThere();
        reader.start();
    }

    /** The device end of a pty pair, at 9600 baud. */
    public static SerialDevicePort of(PtyPair pair) {
        return new SerialDevicePort(pair.deviceSide(), 9600, pair.gatewayEndpoint());
    }

    private synchronized SerialPort openIfThere() {
        if (port != null) {
            return port;
        }
        if (!Files.exists(path)) {
            return null;
        }
        SerialPort p = SerialPort.getCommPort(path.toString());
        p.setComPortParameters(baudRate, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 100, 1000);
        if (!p.openPort()) {
            return null;
        }
        port = p;
        return p;
    }

    private synchronized void lost(SerialPort p) {
        if (port == p) {
            port = null;
            p.closePort();
        }
    }

    private void run() {
        byte[] buf = new byte[256];
        while (running) {
            SerialPort p = openIfThere();
            if (p == null) {
                sleep(100);
                continue;
            }
            int n = p.readBytes(buf, buf.length);
            if (n < 0 || (n == 0 && !Files.exists(path))) {
                lost(p);
                sleep(100);
            } else if (n > 0) {
                receiver.accept(Arrays.copyOf(buf, n));
            }
        }
    }

    @Override
    public boolean write(byte[] bytes) {
        SerialPort p = openIfThere();
        if (p == null) {
            return false;
        }
        synchronized (this) {
            int n = p.writeBytes(bytes, bytes.length);
            if (n != bytes.length) {
                lost(p);
                return false;
            }
            return true;
        }
    }

    @Override
    public void onReceive(Consumer<byte[]> receiver) {
        this.receiver = receiver;
    }

    @Override
    public String gatewayEndpoint() {
        return gatewayEndpoint;
    }

    @Override
    public void close() {
        running = false;
        reader.interrupt();
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        SerialPort p = port;
        if (p != null) {
            lost(p);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
