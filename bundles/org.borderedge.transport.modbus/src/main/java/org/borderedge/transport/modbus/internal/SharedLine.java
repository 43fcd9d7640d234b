package org.borderedge.transport.modbus.internal;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.borderedge.core.Ticker;
import org.borderedge.transport.modbus.ModbusEndpoint;
import org.borderedge.transport.modbus.ModbusResult;
import org.borderedge.transport.modbus.ModbusStatus;

/**
 * One physical line (a TCP connection or a serial port) shared by every device on it. A fair lock
 * serialises requests so pollers on the same RS-485 bus take turns. A timeout is retried; an
 * exception reply or a malformed reply is reported at once (retrying would hide a faulty slave).
 * Connection attempts after a failure wait with exponential backoff.
 */
final class SharedLine {

    private final ModbusEndpoint endpoint;
    private final Ticker ticker;
    private final Framer framer;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    int leases;

    private boolean everConnected;
    private long nextConnectNanos;
    private long backoffMs;
    private String lastConnectError = "";

    SharedLine(ModbusEndpoint endpoint, Ticker ticker) {
        this.endpoint = endpoint;
        this.ticker = ticker;
        this.framer = endpoint.kind() == ModbusEndpoint.Kind.TCP
                ? new TcpFramer(endpoint, ticker::nanos, () -> count("stale_replies"))
                : new RtuFramer(endpoint, ticker::nanos, n -> count("discarded_bytes", n));
        this.backoffMs = endpoint.backoffMs();
    }

    ModbusEndpoint endpoint() {
        return endpoint;
    }

    ModbusResult execute(int unit, Request request) {
        if (unit < 0 || unit > 247) {
            throw new IllegalArgumentException("Modbus unit " + unit + " outside 0..247");
        }
        lock.lock();
        try {
            count("requests");
            ModbusResult result = attempt(unit, request);
            count(switch (result.status()) {
                case OK -> "ok";
                case TIMEOUT -> "timeouts";
                case EXCEPTION -> "exceptions";
                case MALFORMED -> "malformed";
                case DISCONNECTED -> "disconnected";
            });
            return result;
        } finally {
            lock.unlock();
        }
    }

    private ModbusResult attempt(int unit, Request request) {
        String where = request.describe() + " of unit " + unit + " at " + endpoint.lineKey();
        for (int attempt = 0; ; attempt++) {
            if (!framer.isOpen()) {
                String refused = connect();
                if (refused != null) {
                    return ModbusResult.failure(ModbusStatus.DISCONNECTED, refused);
                }
            }
            try {
                ModbusResult result = request.decode(framer.exchange(unit, request.pdu(), endpoint.timeoutMs()));
                return switch (result.status()) {
                    case EXCEPTION -> ModbusResult.exception(result.exceptionCode(), where);
                    case MALFORMED -> ModbusResult.failure(ModbusStatus.MALFORMED,
                            result.detail() + " (unit " + unit + " at " + endpoint.lineKey() + ")");
                    default -> result;
                };
            } catch (FrameFault fault) {
                if (fault.resync) {
                    framer.resync();
                }
                if (fault.status == ModbusStatus.DISCONNECTED) {
                    framer.close();
                    count("disconnects");
                }
                boolean retryable = fault.status == ModbusStatus.TIMEOUT || fault.status == ModbusStatus.DISCONNECTED;
                if (retryable && attempt < endpoint.retries()) {
                    count("retries");
                    continue;
                }
                String tries = attempt > 0 ? " (" + (attempt + 1) + " attempts)" : "";
                String prefix = fault.status == ModbusStatus.MALFORMED ? "malformed reply to " : "";
                return ModbusResult.failure(fault.status, prefix + where + ": " + fault.getMessage() + tries);
            }
        }
    }

    /** Opens the line unless backoff forbids it yet; returns the refusal reason or null when open. */
    private String connect() {
        long now = ticker.nanos();
        if (everConnected || !lastConnectError.isEmpty()) {
            if (now - nextConnectNanos < 0) {
                return "not connected to " + endpoint.lineKey() + ": " + lastConnectError;
            }
        }
        try {
            framer.open();
            if (everConnected) {
                count("reconnects");
            }
            everConnected = true;
            lastConnectError = "";
            backoffMs = endpoint.backoffMs();
            return null;
        } catch (IOException | RuntimeException e) {
            count("connect_failures");
            lastConnectError = "cannot connect: " + e.getMessage();
            nextConnectNanos = now + backoffMs * 1_000_000L;
            backoffMs = Math.min(backoffMs * 2, endpoint.maxBackoffMs());
            // Stable wording: the device status must not change with every refused poll during backoff.
            return "not connected to " + endpoint.lineKey() + ": " + lastConnectError;
        }
    }

    void close() {
        lock.lock();
        try {
            framer.close();
        } finally {
            lock.unlock();
        }
    }

    private void count(String name) {
        count(name, 1);
    }

    private void count(String name, long n) {
        counters.computeIfAbsent(name, k -> new LongAdder()).add(n);
    }

    Map<String, Long> counters() {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
