package org.borderedge.lane.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A border resident's purchase code, shown at a resident-trade lane (QR or 1D barcode from the
 * resident card app or printed with the purchase slip):
 * {@code BERES1|ID=<resident id>|NAME=<name>|VALUE=<goods value in VND>}. KEY=VALUE fields separated
 * by '|' after the version tag, in any order; ID and VALUE are required, NAME optional, unknown keys
 * ignored. VALUE is whole dong, digits only (thousands separators '.' ',' and spaces are tolerated).
 *
 * @param valueVnd the declared value of the goods carried this time
 */
public record ResidentPass(String residentId, String name, long valueVnd) {

    public static final String TAG = "BERES1";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{4,32}");
    private static final long MAX_VALUE = 1_000_000_000_000L;

    /** Whether a payload is meant to be a resident code (it may still be malformed). */
    public static boolean looksLike(String payload) {
        return payload != null && (payload.equals(TAG) || payload.startsWith(TAG + "|"));
    }

    /** @throws IllegalArgumentException naming what is wrong with the code */
    public static ResidentPass parse(String payload) {
        if (!looksLike(payload)) {
            throw new IllegalArgumentException("not a " + TAG + " resident code");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        String[] parts = payload.split("\\|", -1);
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("field " + i + " '" + parts[i] + "' is not KEY=VALUE");
            }
            fields.put(parts[i].substring(0, eq).strip().toUpperCase(Locale.ROOT), parts[i].substring(eq + 1).strip());
        }
        String id = fields.getOrDefault("ID", "");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(id.isEmpty() ? "resident code without ID" : "ID '" + id + "' is not a resident id");
        }
        String raw = fields.get("VALUE");
        if (raw == null || raw.isEmpty()) {
            throw new IllegalArgumentException("resident code without VALUE (goods value in VND)");
        }
        String digits = raw.replace(".", "").replace(",", "").replace(" ", "");
        if (digits.isEmpty() || digits.length() > 13 || !digits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("VALUE '" + raw + "' is not a whole number of dong");
        }
        long value = Long.parseLong(digits);
        if (value > MAX_VALUE) {
            throw new IllegalArgumentException("VALUE " + value + " VND is implausible");
        }
        return new ResidentPass(id.toUpperCase(Locale.ROOT), fields.getOrDefault("NAME", ""), value);
    }
}
