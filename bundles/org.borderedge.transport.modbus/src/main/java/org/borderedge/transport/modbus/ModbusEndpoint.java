package org.borderedge.transport.modbus;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A parsed Modbus endpoint URI.
 * <ul>
 * <li>{@code modbus-tcp://HOST:PORT?unit=1&timeoutMs=500&retries=1}</li>
 * <li>{@code modbus-rtu:///dev/ttyUSB0?baud=9600&dataBits=8&parity=none&stopBits=1&unit=1}</li>
 * </ul>
 * Common parameters: unit (1-247, default 1), timeoutMs (default 500), retries after a timeout
 * (default 1), backoffMs / maxBackoffMs for reconnect attempts (default 500 / 10000).
 */
public record ModbusEndpoint(Kind kind, String host, int port, String serialPort, int baud, int dataBits,
        String parity, int stopBits, int unit, int timeoutMs, int retries, int backoffMs, int maxBackoffMs) {

    public enum Kind { TCP, RTU }

    private static final Set<String> COMMON = Set.of("unit", "timeoutMs", "retries", "backoffMs", "maxBackoffMs");
    private static final Set<String> SERIAL = Set.of("baud", "dataBits", "parity", "stopBits");
    private static final Set<String> PARITIES = Set.of("none", "even", "odd", "mark", "space");

    public static ModbusEndpoint parse(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("Modbus endpoint is empty");
        }
        URI u;
        try {
            u = new URI(uri.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Modbus endpoint '" + uri + "' is not a URI: " + e.getMessage());
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        Map<String, String> q = query(uri, u.getRawQuery());
        Kind kind;
        switch (scheme) {
            case "modbus-tcp" -> kind = Kind.TCP;
            case "modbus-rtu" -> kind = Kind.RTU;
            default -> throw new IllegalArgumentException("Modbus endpoint '" + uri
                    + "': scheme must be modbus-tcp or modbus-rtu, not '" + scheme + "'");
        }
        for (String key : q.keySet()) {
            if (!COMMON.contains(key) && !(kind == Kind.RTU && SERIAL.contains(key))) {
                throw new IllegalArgumentException("Modbus endpoint '" + uri + "': unknown parameter '" + key + "'");
            }
        }
        int unit = intParam(uri, q, "unit", 1, 0, 247);
        int timeoutMs = intParam(uri, q, "timeoutMs", 500, 10, 60_000);
        int retries = intParam(uri, q, "retries", 1, 0, 10);
        int backoffMs = intParam(uri, q, "backoffMs", 500, 10, 600_000);
        int maxBackoffMs = intParam(uri, q, "maxBackoffMs", 10_000, backoffMs, 3_600_000);
        if (kind == Kind.TCP) {
            if (u.getHost() == null || u.getHost().isEmpty()) {
                throw new IllegalArgumentException("Modbus endpoint '" + uri + "': host missing");
            }
            if (u.getRawAuthority() != null && u.getRawAuthority().endsWith(":")) {
                throw new IllegalArgumentException("Modbus endpoint '" + uri + "': port missing after ':'");
            }
            int port = u.getPort() < 0 ? 502 : u.getPort();
            return new ModbusEndpoint(kind, u.getHost(), port, "", 0, 0, "", 0, unit, timeoutMs, retries, backoffMs,
                    maxBackoffMs);
        }
        String path = u.getPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            throw new IllegalArgumentException("Modbus endpoint '" + uri + "': serial port path missing");
        }
        int baud = intParam(uri, q, "baud", 9600, 50, 4_000_000);
        int dataBits = intParam(uri, q, "dataBits", 8, 5, 8);
        int stopBits = intParam(uri, q, "stopBits", 1, 1, 2);
        String parity = q.getOrDefault("parity", "none").toLowerCase(Locale.ROOT);
        if (!PARITIES.contains(parity)) {
            throw new IllegalArgumentException("Modbus endpoint '" + uri + "': parity must be one of " + PARITIES);
        }
        return new ModbusEndpoint(kind, "", 0, path, baud, dataBits, parity, stopBits, unit, timeoutMs, retries,
                backoffMs, maxBackoffMs);
    }

    /** Devices with the same line key share one connection. */
    public String lineKey() {
        return kind == Kind.TCP ? "tcp:" + host + ":" + port : "rtu:" + serialPort;
    }

    /** True when two endpoints may share a line: the same wire settings. */
    public boolean sameWireAs(ModbusEndpoint other) {
        return lineKey().equals(other.lineKey()) && baud == other.baud && dataBits == other.dataBits
                && parity.equals(other.parity) && stopBits == other.stopBits;
    }

    @Override
    public String toString() {
        return kind == Kind.TCP ? "modbus-tcp://" + host + ":" + port + "?unit=" + unit
                : "modbus-rtu://" + serialPort + "?baud=" + baud + "&unit=" + unit;
    }

    private static Map<String, String> query(String uri, String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Modbus endpoint '" + uri + "': parameter '" + pair + "' has no value");
            }
            q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    private static int intParam(String uri, Map<String, String> q, String key, int dflt, int min, int max) {
        String v = q.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new IllegalArgumentException("Modbus endpoint '" + uri + "': " + key + "=" + v + " is outside "
                        + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Modbus endpoint '" + uri + "': " + key + "=" + v + " is not a number");
        }
    }
}
