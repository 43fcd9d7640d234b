package org.borderedge.device.scale.internal;

import java.math.BigDecimal;
import java.util.Map;

/** Typed reads of a profile section or the merged device options; a wrong type names the key. */
final class Options {

    private Options() {
    }

    static long longOf(Map<String, Object> m, String key, long fallback) {
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

    static BigDecimal decimalOf(Map<String, Object> m, String key, BigDecimal fallback) {
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

    static String stringOf(Map<String, Object> m, String key, String fallback) {
        Object v = m.get(key);
        return v == null ? fallback : String.valueOf(v);
    }
}
