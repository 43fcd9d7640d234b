package org.borderedge.camera.internal;

import java.util.List;
import java.util.Map;

/**
 * Typed, validated access to a camera's options (profile defaults merged with the site's). A bad
 * value is an {@link IllegalArgumentException} naming the option, so the device can go OFFLINE
 * with that reason instead of running on a guess.
 */
final class CameraOptions {

    private final Map<String, Object> options;

    CameraOptions(Map<String, Object> options) {
        this.options = options == null ? Map.of() : options;
    }

    String string(String name, String fallback) {
        Object v = options.get(name);
        return v == null ? fallback : v.toString();
    }

    long longValue(String name, long fallback, long min, long max) {
        Object v = options.get(name);
        long value;
        if (v == null) {
            return fallback;
        } else if (v instanceof Number n) {
            value = n.longValue();
        } else {
            try {
                value = Long.parseLong(v.toString().strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option '" + name + "' must be a whole number, got '" + v + "'");
            }
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("option '" + name + "' must be within " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    int intValue(String name, int fallback, int min, int max) {
        return (int) longValue(name, fallback, min, max);
    }

    double doubleValue(String name, double fallback, double min, double max) {
        Object v = options.get(name);
        double value;
        if (v == null) {
            return fallback;
        } else if (v instanceof Number n) {
            value = n.doubleValue();
        } else {
            try {
                value = Double.parseDouble(v.toString().strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option '" + name + "' must be a number, got '" + v + "'");
            }
        }
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException("option '" + name + "' must be within " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    boolean bool(String name, boolean fallback) {
        Object v = options.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().strip().toLowerCase();
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new IllegalArgumentException("option '" + name + "' must be true or false, got '" + v + "'");
    }

    /** A list option given as a YAML/JSON list or as a comma-separated string. */
    List<String> list(String name) {
        Object v = options.get(name);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(Object::toString).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
        return List.of(v.toString().split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
