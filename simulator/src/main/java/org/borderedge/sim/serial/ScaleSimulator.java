package org.borderedge.sim.serial;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.borderedge.sim.serial.ScaleProtocol.ScaleReading;

/**
 * A truck-scale indicator. Continuous protocols send a frame every {@code intervalMs}; polled ones
 * answer each request. A truck driving on ramps the weight (frames flagged as motion) to its weight,
 * which then holds with optional noise rounded to the division. Faults on demand: garbage bytes,
 * frames with a bad checksum, frames cut short.
 *
 * <pre>
 * try (PtyPair pair = PtyPair.open(dir, "scaleA");
 *      ScaleSimulator scale = ScaleSimulator.start(ScaleProtocol.YAOHUA_A9, SerialDevicePort.of(pair))) {
 *     scale.driveOn(25_340, 1500);   // gateway device: profile scale/yaohua-xk3190a9, endpoint pair.gatewayEndpoint()
 * }
 * </pre>
 */
public final class ScaleSimulator implements AutoCloseable {

    private final ScaleProtocol protocol;
    private final DevicePort port;
    private final ScheduledExecutorService ticker;
    private final Random random = new Random(42);
    private final ByteArrayOutputStream request = new ByteArrayOutputStream();
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicInteger garbagePending = new AtomicInteger();
    private final AtomicInteger badChecksumPending = new AtomicInteger();
    private final AtomicInteger truncatedPending = new AtomicInteger();

    private volatile BigDecimal fromKg = BigDecimal.ZERO;
    private volatile BigDecimal targetKg = BigDecimal.ZERO;
    private volatile long rampStart;
    private volatile long rampNanos;
    private volatile BigDecimal noiseKg = BigDecimal.ZERO;
    private volatile BigDecimal divisionKg = BigDecimal.TEN;
    private volatile boolean overload;
    private volatile boolean silent;

    private ScaleSimulator(ScaleProtocol protocol, DevicePort port, long intervalMs) {
        this.protocol = protocol;
        this.port = port;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim scale " + protocol.cliName());
            t.setDaemon(true);
            return t;
        });
        if (protocol.polled()) {
            port.onReceive(this::received);
        } else {
            ticker.scheduleAtFixedRate(this::sendCurrent, 0, intervalMs, TimeUnit.MILLISECONDS);
        }
    }

    /** Starts an indicator with an empty platform, sending every 100 ms when continuous. */
    public static ScaleSimulator start(ScaleProtocol protocol, DevicePort port) {
        return new ScaleSimulator(protocol, port, 100);
    }

    public static ScaleSimulator start(ScaleProtocol protocol, DevicePort port, long intervalMs) {
        return new ScaleSimulator(protocol, port, intervalMs);
    }

    public ScaleProtocol protocol() {
        return protocol;
    }

    public DevicePort port() {
        return port;
    }

    /** The gateway device entry for this indicator: its profile and endpoint. */
    public String profileId() {
        return protocol.profileId();
    }

    public String gatewayEndpoint() {
        return port.gatewayEndpoint();
    }

    /** A truck of {@code kg} drives on: the weight moves there over {@code rampMs}, then holds. */
    public ScaleSimulator driveOn(long kg, long rampMs) {
        return moveTo(BigDecimal.valueOf(kg), rampMs);
    }

    /** The truck drives off: back to zero over {@code rampMs}. */
    public ScaleSimulator driveOff(long rampMs) {
        return moveTo(BigDecimal.ZERO, rampMs);
    }

    /** Sets the shown weight at once (negative values show as negative readings). */
    public ScaleSimulator setWeight(BigDecimal kg) {
        return moveTo(kg, 0);
    }

    public synchronized ScaleSimulator moveTo(BigDecimal kg, long rampMs) {
        fromKg = current();
        targetKg = kg;
        rampStart = System.nanoTime();
        rampNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, rampMs));
        overload = false;
        return this;
    }

    /** Peak-to-peak noise on the held weight, rounded to the division (default 10 kg). */
    public ScaleSimulator noise(BigDecimal kg, BigDecimal division) {
        noiseKg = kg;
        divisionKg = division;
        return this;
    }

    public ScaleSimulator overload(boolean on) {
        overload = on;
        return this;
    }

    /** Stops sending and answering (a cable cut on the device side, power off). */
    public ScaleSimulator silent(boolean on) {
        silent = on;
        return this;
    }

    /** Puts {@code count} bytes of line noise on the wire before the next frame. */
    public ScaleSimulator injectGarbage(int count) {
        garbagePending.addAndGet(count);
        return this;
    }

    /** Spoils the checksum of the next {@code count} frames (protocols with a checksum only). */
    public ScaleSimulator injectBadChecksums(int count) {
        if (!protocol.hasChecksum()) {
            throw new IllegalStateException(protocol.cliName() + " frames carry no checksum");
        }
        badChecksumPending.addAndGet(count);
        return this;
    }

    /** Cuts the next {@code count} frames short (the rest of each frame is lost). */
    public ScaleSimulator injectTruncated(int count) {
        truncatedPending.addAndGet(count);
        return this;
    }

    public long framesSent() {
        return framesSent.get();
    }

    /** The weight the indicator shows now, before noise. */
    public synchronized BigDecimal current() {
        long elapsed = System.nanoTime() - rampStart;
        if (rampNanos == 0 || elapsed >= rampNanos) {
            return targetKg;
        }
        BigDecimal f = BigDecimal.valueOf(elapsed).divide(BigDecimal.valueOf(rampNanos), 6, RoundingMode.HALF_UP);
        return fromKg.add(targetKg.subtract(fromKg).multiply(f)).setScale(0, RoundingMode.HALF_UP);
    }

    private synchronized ScaleReading reading() {
        boolean moving = rampNanos > 0 && System.nanoTime() - rampStart < rampNanos;
        BigDecimal kg = current();
        if (!moving && noiseKg.signum() > 0 && kg.signum() != 0) {
            BigDecimal offset = noiseKg.multiply(BigDecimal.valueOf(random.nextDouble() - 0.5));
            BigDecimal steps = offset.divide(divisionKg, 0, RoundingMode.HALF_UP);
            kg = kg.add(steps.multiply(divisionKg));
        }
        return new ScaleReading(kg, moving, overload);
    }

    private void received(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '\r' || b == '\n') {
                String line = request.toString(StandardCharsets.ISO_8859_1).strip();
                request.reset();
                if (protocol.isRequest(line)) {
                    sendCurrent();
                } else if (!line.isEmpty() && protocol == ScaleProtocol.MT_SICS) {
                    port.write("ES\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            } else if (request.size() < 256) {
                request.write(b);
            }
        }
    }

    private void sendCurrent() {
        if (silent) {
            return;
        }
        int garbage = garbagePending.getAndSet(0);
        if (garbage > 0) {
            byte[] noise = new byte[garbage];
            for (int i = 0; i < garbage; i++) {
                // line noise from a wrong baud rate lands in the high half: never a frame delimiter
                noise[i] = (byte) (0x80 + random.nextInt(0x80));
            }
            port.write(noise);
        }
        boolean bad = badChecksumPending.get() > 0 && badChecksumPending.getAndDecrement() > 0;
        byte[] frame = protocol.frame(reading(), bad);
        if (truncatedPending.get() > 0 && truncatedPending.getAndDecrement() > 0) {
            byte[] half = new byte[frame.length / 2];
            System.arraycopy(frame, 0, half, 0, half.length);
            frame = half;
        }
        if (port.write(frame)) {
            framesSent.incrementAndGet();
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        port.close();
    }
}
