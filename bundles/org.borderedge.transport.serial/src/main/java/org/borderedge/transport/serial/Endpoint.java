package org.borderedge.transport.serial;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where a device is: {@code serial:///dev/ttyUSB0?baud=9600&parity=none&dataBits=8&stopBits=1} or
 * {@code tcp://host:port}. Line settings missing from the URI come from the profile's transport
 * section, then from 9600 8N1.
 */
public record Endpoint(Scheme scheme, String path, String host, int port, int baudRate, int dataBits, Parity parity,
        int stopBits) {

    public enum Scheme { SERIAL, TCP }

    public enum Parity { NONE, EVEN, ODD, MARK, SPACE }

    public Endpoint {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(parity, "parity");
    }

    public static Endpoint parse(String uri) {
        return parse(uri, Map.of());
    }

    /**
     * Parses an endpoint URI; {@code lineDefaults} holds a profile's transport section
     * (baudRate, dataBits, parity, stopBits). Throws IllegalArgumentException naming what is wrong.
     */
    public static Endpoint parse(String uri, Map<String, Object> lineDefaults) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("endpoint is empty");
        }
        URI u;
        try {
            u = new URI(uri.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("endpoint '" + uri + "' is not a URI: " + e.getMessage());
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        Map<String, String> q = query(u.getRawQuery());
        switch (scheme) {
            case "serial": {
                String path = u.getPath();
                if (path == null || path.isEmpty() || path.equals("/")) {
                    throw new IllegalArgumentException("serial endpoint '" + uri + "' names no port path");
                }
                int baud = intOf(q, "baud", lineDefaults.get("baudRate"), 9600, uri);
                int dataBits = intOf(q, "dataBits", lineDefaults.get("dataBits"), 8, uri);
                int stopBits = intOf(q, "stopBits", lineDefaults.get("stopBits"), 1, uri);
                String parity = q.getOrDefault("parity", String.valueOf(lineDefaults.getOrDefault("parity", "none")));
                Parity p;
                try {
                    p = Parity.valueOf(parity.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("endpoint '" + uri + "': parity '" + parity
                            + "' is not none, even, odd, mark or space");
                }
                if (dataBits < 5 || dataBits > 8 || (stopBits != 1 && stopBits != 2) || baud < 50) {
                    throw new IllegalArgumentException("endpoint '" + uri + "': line settings " + baud + " "
                            + dataBits + p.name().charAt(0) + stopBits + " are not possible");
                }
                return new Endpoint(Scheme.SERIAL, path, null, 0, baud, dataBits, p, stopBits);
            }
            case "tcp": {
                if (u.getHost() == null || u.getPort() <= 0) {
                    throw new IllegalArgumentException("tcp endpoint '" + uri + "' needs host and port");
                }
                return new Endpoint(Scheme.TCP, null, u.getHost(), u.getPort(), 0, 8, Parity.NONE, 1);
            }
            default:
                throw new IllegalArgumentException("endpoint '" + uri + "': scheme must be serial or tcp");
        }
    }

    private static int intOf(Map<String, String> q, String key, Object profileDefault, int fallback, String uri) {
        String text = q.containsKey(key) ? q.get(key) : profileDefault == null ? null : String.valueOf(profileDefault);
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("endpoint '" + uri + "': " + key + " '" + text + "' is not a number");
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    @Override
    public String toString() {
        return scheme == Scheme.TCP ? "tcp://" + host + ":" + port
                : "serial://" + path + " " + baudRate + " " + dataBits + parity.name().charAt(0) + stopBits;
    }
}
