package org.borderedge.device.reader.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.borderedge.device.Observation;
import org.borderedge.device.Observation.SealLock;

/**
 * One e-seal report, as a line matched by the profile's pattern (named groups id, lock, battery,
 * lat, lon) or as a JSON object (field names from the profile). A lock code the profile does not
 * list, a battery outside 0-100 or a position off the globe rejects the report: a seal state is
 * never guessed.
 */
final class SealReportParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SEAL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,39}");
    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    private final boolean json;
    private final Pattern pattern;
    private final Set<String> groups = new HashSet<>();
    private final Map<String, String> fields = new LinkedHashMap<>();
    private final Map<String, SealLock> lockCodes = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    SealReportParser(Map<String, Object> seal) {
        String format = String.valueOf(seal.getOrDefault("format", "line"));
        json = format.equals("json");
        if (!json && !format.equals("line")) {
            throw new IllegalArgumentException("seal.format '" + format + "' is not line or json");
        }
        if (json) {
            pattern = null;
            fields.putAll(Map.of("id", "sealId", "lock", "lock", "battery", "battery", "lat", "lat", "lon", "lon"));
            if (seal.get("fields") instanceof Map<?, ?> f) {
                f.forEach((k, v) -> fields.put(String.valueOf(k), String.valueOf(v)));
            }
        } else {
            Object p = seal.get("pattern");
            if (p == null) {
                throw new IllegalArgumentException("seal.pattern is missing for the line format");
            }
            try {
                pattern = Pattern.compile(String.valueOf(p));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("seal.pattern is not a regular expression: " + e.getDescription());
            }
            Matcher g = GROUP_NAME.matcher(pattern.pattern());
            while (g.find()) {
                groups.add(g.group(1));
            }
            if (!groups.contains("id") || !groups.contains("lock")) {
                throw new IllegalArgumentException("seal.pattern needs (?<id>...) and (?<lock>...) groups");
            }
        }
        Object codes = seal.get("lockCodes");
        if (codes instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                try {
                    lockCodes.put(String.valueOf(e.getKey()), SealLock.valueOf(String.valueOf(e.getValue()).toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("seal.lockCodes." + e.getKey() + " '" + e.getValue()
                            + "' is not locked, unlocked or tampered");
                }
            }
        } else {
            for (SealLock l : SealLock.values()) {
                lockCodes.put(l.name(), l);
            }
        }
    }

    Observation.SealObserved parse(String text, Instant time) throws Rejected {
        String id;
        String lock;
        String battery;
        String lat;
        String lon;
        if (json) {
            JsonNode n;
            try {
                n = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                throw new Rejected("unparsed", "not JSON: " + e.getOriginalMessage());
            }
            if (n == null || !n.isObject()) {
                throw new Rejected("unparsed", "not a JSON object");
            }
            id = textOf(n, fields.get("id"));
            lock = textOf(n, fields.get("lock"));
            battery = textOf(n, fields.get("battery"));
            lat = textOf(n, fields.get("lat"));
            lon = textOf(n, fields.get("lon"));
        } else {
            Matcher m = pattern.matcher(text);
            if (!m.matches()) {
                throw new Rejected("unparsed", "report does not match the profile pattern: " + text);
            }
            id = m.group("id");
            lock = m.group("lock");
            battery = groups.contains("battery") ? m.group("battery") : null;
            lat = groups.contains("lat") ? m.group("lat") : null;
            lon = groups.contains("lon") ? m.group("lon") : null;
        }
        if (id == null || !SEAL_ID.matcher(id).matches()) {
            throw new Rejected("unparsed", "seal id '" + id + "' is not an id");
        }
        SealLock l = lock == null ? null : lockCodes.get(lock.strip());
        if (l == null) {
            l = lock == null ? null : lockCodes.get(lock.strip().toUpperCase(Locale.ROOT));
        }
        if (l == null) {
            throw new Rejected("unparsed", "seal " + id + ": unknown lock state '" + lock + "'");
        }
        Integer pct = battery == null || battery.isBlank() ? null : intIn(battery, 0, 100, "battery", id);
        Double la = lat == null || lat.isBlank() ? null : numberIn(lat, -90, 90, "latitude", id);
        Double lo = lon == null || lon.isBlank() ? null : numberIn(lon, -180, 180, "longitude", id);
        if ((la == null) != (lo == null)) {
            throw new Rejected("unparsed", "seal " + id + ": a position needs both latitude and longitude");
        }
        return new Observation.SealObserved(id, l, pct, la, lo, time);
    }

    private static String textOf(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Integer intIn(String s, int min, int max, String what, String id) throws Rejected {
        try {
            int v = Integer.parseInt(s.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // falls through to the rejection below
        }
        throw new Rejected("unparsed", "seal " + id + ": " + what + " '" + s + "' is not " + min + ".." + max);
    }

    private static Double numberIn(String s, double min, double max, String what, String id) throws Rejected {
        try {
            double v = Double.parseDouble(s.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // falls through to the rejection below
        }
        throw new Rejected("unparsed", "seal " + id + ": " + what + " '" + s + "' is not " + min + ".." + max);
    }
}
