package org.borderedge.device;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Typed reads of a profile section or a device's merged options, for drivers: a missing key gives the
 * fallback, a value of the wrong type an IllegalArgumentException naming the key and the value.
 */
public final class DeviceOptions {

    private DeviceOptions() {
    }

    public static long longOf(Map<String, ?> m, String key, long fallback) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(v).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " '" + v + "' is not a whole number");
        }
    }

    public static BigDecimal decimalOf(Map<String, ?> m, String key, BigDecimal fallback) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return new BigDecimal(String.valueOf(v).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " '" + v + "' is not a number");
        }
    }

    public static String stringOf(Map<String, ?> m, String key, String fallback) {
        Object v = m.get(key);
        return v == null ? fallback : String.valueOf(v);
    }
}
