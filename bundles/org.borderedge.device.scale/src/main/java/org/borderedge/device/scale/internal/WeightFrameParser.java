package org.borderedge.device.scale.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.borderedge.core.ScaleState;
import org.borderedge.core.WeightUnit;
import org.borderedge.device.DeviceOptions;

/**
 * Reads one indicator frame as the profile's {@code weight} section describes it: a regular
 * expression with named groups (value, sign, unit, decimals, checksum, status fields), a checksum,
 * code tables and status bits. Anything it cannot account for is a rejection with the reason:
 * an unknown status code, a bad checksum or a malformed number never becomes a weight.
 */
final class WeightFrameParser {

    /** What a frame says. {@code state} is null for a plain reading; {@code stableFlag} null when the protocol has none. */
    record Reading(ScaleState state, BigDecimal value, WeightUnit unit, boolean gross, Boolean stableFlag) {
    }

    /** A frame that is not a reading: {@code counter} is the device counter to raise. */
    record Rejection(String counter, String detail) {
    }

    /** Either a reading, a rejection, or a frame to skip (e.g. a tare line, "busy") that is no fault. */
    record Outcome(Reading reading, Rejection rejection) {
        static Outcome skip() {
            return new Outcome(null, null);
        }

        boolean skipped() {
            return reading == null && rejection == null;
        }
    }

    static final String BAD_CHECKSUM = "badChecksum";
    static final String UNPARSED = "unparsed";

    private enum Meaning {
        STABLE, MOTION, OVERLOAD, UNDERLOAD, NEGATIVE, ERROR, IGNORE, OK, NET, GROSS, KG, T, LB;

        static Meaning of(String text, String where) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": '" + text + "' is not one of stable, motion, overload, "
                        + "underload, negative, error, ignore, ok, net, gross, kg, t, lb");
            }
        }
    }

    private record Bit(String group, int bit, Meaning meaning) {
    }

    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    private final Pattern pattern;
    private final Set<String> groups;
    private final Map<String, Map<String, Meaning>> codes;
    private final List<Bit> bits;
    private final Integer fixedDecimals;
    private final String decimalsGroup;
    private final int decimalsMask;
    private final List<Integer> decimalsTable;
    private final WeightUnit defaultUnit;
    private final String checksumKind;
    private final String checksumGroup;
    private final int checksumFrom;
    private final int checksumTo;

    @SuppressWarnings("unchecked")
    WeightFrameParser(Map<String, Object> weight) {
        Object p = weight.get("pattern");
        if (p == null) {
            throw new IllegalArgumentException("weight.pattern is missing");
        }
        try {
            pattern = Pattern.compile(String.valueOf(p), Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("weight.pattern is not a regular expression: " + e.getDescription());
        }
        groups = namedGroups(pattern.pattern());
        if (!groups.contains("value")) {
            throw new IllegalArgumentException("weight.pattern has no (?<value>...) group");
        }
        codes = new LinkedHashMap<>();
        Object c = weight.get("codes");
        if (c instanceof Map<?, ?> cm) {
            for (Map.Entry<?, ?> e : cm.entrySet()) {
                String group = String.valueOf(e.getKey());
                requireGroup(groups, group, "weight.codes." + group);
                Map<String, Meaning> table = new LinkedHashMap<>();
                if (!(e.getValue() instanceof Map<?, ?> tm)) {
                    throw new IllegalArgumentException("weight.codes." + group + " must map codes to meanings");
                }
                tm.forEach((k, v) -> table.put(String.valueOf(k), Meaning.of(String.valueOf(v), "weight.codes." + group + "." + k)));
                codes.put(group, table);
            }
        }
        bits = new ArrayList<>();
        Object b = weight.get("bits");
        if (b instanceof List<?> bl) {
            int i = 0;
            for (Object o : bl) {
                Map<String, Object> bm = (Map<String, Object>) o;
                String group = DeviceOptions.stringOf(bm, "group", "");
                requireGroup(groups, group, "weight.bits[" + i + "].group");
                int bit = (int) DeviceOptions.longOf(bm, "bit", -1);
                if (bit < 0 || bit > 7) {
                    throw new IllegalArgumentException("weight.bits[" + i + "].bit must be 0..7");
                }
                bits.add(new Bit(group, bit, Meaning.of(DeviceOptions.stringOf(bm, "meaning", ""), "weight.bits[" + i + "].meaning")));
                i++;
            }
        }
        Object d = weight.get("decimals");
        if (d instanceof Map<?, ?> dm) {
            Map<String, Object> m = (Map<String, Object>) dm;
            fixedDecimals = null;
            decimalsGroup = DeviceOptions.stringOf(m, "group", "");
            requireGroup(groups, decimalsGroup, "weight.decimals.group");
            decimalsMask = (int) DeviceOptions.longOf(m, "mask", 0);
            List<Integer> table = new ArrayList<>();
            if (m.get("table") instanceof List<?> tl) {
                tl.forEach(x -> table.add(((Number) x).intValue()));
            }
            decimalsTable = List.copyOf(table);
            if (decimalsMask != 0 && decimalsTable.size() <= decimalsMask) {
                throw new IllegalArgumentException("weight.decimals.table needs an entry for every value of mask " + decimalsMask);
            }
        } else {
            fixedDecimals = d == null ? null : Integer.valueOf((int) DeviceOptions.longOf(weight, "decimals", 0));
            decimalsGroup = null;
            decimalsMask = 0;
            decimalsTable = List.of();
        }
        String unit = DeviceOptions.stringOf(weight, "unit", "kg");
        defaultUnit = WeightUnit.parse(unit).orElseThrow(() -> new IllegalArgumentException("weight.unit '" + unit + "' is not kg, t or lb"));
        Object cs = weight.get("checksum");
        if (cs instanceof Map<?, ?> csm) {
            Map<String, Object> m = (Map<String, Object>) csm;
            checksumKind = DeviceOptions.stringOf(m, "kind", "none");
            if (!checksumKind.equals("xor-hex") && !checksumKind.equals("none")) {
                throw new IllegalArgumentException("weight.checksum.kind '" + checksumKind + "' is not xor-hex or none");
            }
            checksumGroup = DeviceOptions.stringOf(m, "group", "checksum");
            if (checksumKind.equals("xor-hex")) {
                requireGroup(groups, checksumGroup, "weight.checksum.group");
            }
            checksumFrom = (int) DeviceOptions.longOf(m, "from", 0);
            checksumTo = (int) DeviceOptions.longOf(m, "to", -1);
        } else {
            checksumKind = "none";
            checksumGroup = null;
            checksumFrom = 0;
            checksumTo = -1;
        }
    }

    private static Set<String> namedGroups(String regex) {
        Set<String> names = new java.util.HashSet<>();
        Matcher m = GROUP_NAME.matcher(regex);
        while (m.find()) {
            names.add(m.group(1));
        }
        return Set.copyOf(names);
    }

    private static void requireGroup(Set<String> groups, String group, String where) {
        if (!groups.contains(group)) {
            throw new IllegalArgumentException(where + ": the pattern has no group named '" + group + "'");
        }
    }

    Outcome parse(byte[] frame) {
        String text = new String(frame, StandardCharsets.ISO_8859_1);
        Matcher m = pattern.matcher(text);
        if (!m.matches()) {
            return reject(UNPARSED, "frame does not match the profile pattern: " + printable(text));
        }
        if (checksumKind.equals("xor-hex")) {
            int to = checksumTo < 0 ? m.start(checksumGroup) : checksumTo;
            if (checksumFrom < 0 || to > frame.length || checksumFrom >= to) {
                return reject(UNPARSED, "checksum range " + checksumFrom + ".." + to + " outside a " + frame.length + "-byte frame");
            }
            int x = 0;
            for (int i = checksumFrom; i < to; i++) {
                x ^= frame[i] & 0xFF;
            }
            String expected = String.format("%02X", x);
            String got = m.group(checksumGroup);
            if (!expected.equalsIgnoreCase(got)) {
                return reject(BAD_CHECKSUM, "checksum " + got + ", computed " + expected + ": " + printable(text));
            }
        }
        ScaleState state = null;
        Boolean stableFlag = null;
        boolean gross = true;
        boolean negative = false;
        WeightUnit unit = defaultUnit;
        List<Meaning> meanings = new ArrayList<>();
        for (Map.Entry<String, Map<String, Meaning>> e : codes.entrySet()) {
            String code = m.group(e.getKey());
            if (code == null) {
                continue;
            }
            Meaning meaning = e.getValue().get(code);
            if (meaning == null) {
                meaning = e.getValue().get(code.strip());
            }
            if (meaning == null) {
                return reject(UNPARSED, "unknown " + e.getKey() + " code '" + code + "': " + printable(text));
            }
            meanings.add(meaning);
        }
        for (Bit bit : bits) {
            String g = m.group(bit.group());
            if (g == null || g.isEmpty()) {
                return reject(UNPARSED, "status field " + bit.group() + " is empty: " + printable(text));
            }
            if ((g.charAt(0) & (1 << bit.bit())) != 0) {
                meanings.add(bit.meaning());
            }
        }
        for (Meaning meaning : meanings) {
            switch (meaning) {
                case IGNORE: return Outcome.skip();
                case OVERLOAD: state = worst(state, ScaleState.OVERLOAD); break;
                case UNDERLOAD: state = worst(state, ScaleState.UNDERLOAD); break;
                case ERROR: state = worst(state, ScaleState.ERROR); break;
                case NEGATIVE: negative = true; break;
                case MOTION: stableFlag = Boolean.FALSE; break;
                case STABLE: if (stableFlag == null) { stableFlag = Boolean.TRUE; } break;
                case NET: gross = false; break;
                case GROSS: gross = true; break;
                case KG: unit = WeightUnit.KG; break;
                case T: unit = WeightUnit.T; break;
                case LB: unit = WeightUnit.LB; break;
                default: break;
            }
        }
        if (state != null) {
            return new Outcome(new Reading(state, null, null, gross, stableFlag), null);
        }
        if (groups.contains("unit") && m.group("unit") != null && !m.group("unit").isBlank()) {
            Optional<WeightUnit> u = WeightUnit.parse(m.group("unit"));
            if (u.isEmpty()) {
                return reject(UNPARSED, "unknown unit '" + m.group("unit") + "': " + printable(text));
            }
            unit = u.get();
        }
        if (groups.contains("sign") && "-".equals(nullToEmpty(m.group("sign")).strip())) {
            negative = true;
        }
        String digits = nullToEmpty(m.group("value")).replace(" ", "");
        if (!digits.matches("[0-9]+(\\.[0-9]+)?")) {
            return reject(UNPARSED, "weight '" + m.group("value") + "' is not a number: " + printable(text));
        }
        BigDecimal value = new BigDecimal(digits);
        if (!digits.contains(".")) {
            Integer decimals = decimals(m);
            if (decimals == null && decimalsGroup != null) {
                return reject(UNPARSED, "decimal count '" + m.group(decimalsGroup) + "' unreadable: " + printable(text));
            }
            if (decimals != null) {
                value = value.movePointLeft(decimals);
            }
        }
        if (negative && value.signum() != 0) {
            return new Outcome(new Reading(ScaleState.NEGATIVE, null, null, gross, stableFlag), null);
        }
        ScaleState s = Boolean.FALSE.equals(stableFlag) ? ScaleState.MOTION : null;
        return new Outcome(new Reading(s, value, unit, gross, stableFlag), null);
    }

    private Integer decimals(Matcher m) {
        if (decimalsGroup == null) {
            return fixedDecimals;
        }
        String g = m.group(decimalsGroup);
        if (g == null || g.isEmpty()) {
            return null;
        }
        if (decimalsMask != 0) {
            return decimalsTable.get(g.charAt(0) & decimalsMask);
        }
        return g.strip().matches("[0-9]") ? Integer.valueOf(g.strip()) : null;
    }

    private static ScaleState worst(ScaleState a, ScaleState b) {
        return a == null || b == ScaleState.ERROR ? b : a;
    }

    private static Outcome reject(String counter, String detail) {
        return new Outcome(null, new Rejection(counter, detail));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Frames in reasons and logs: control bytes shown as hex so a technician sees what arrived. */
    static String printable(String text) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length() && i < 80; i++) {
            char ch = text.charAt(i);
            if (ch >= 0x20 && ch < 0x7F) {
                sb.append(ch);
            } else {
                sb.append(String.format("<%02X>", (int) ch));
            }
        }
        return text.length() > 80 ? sb + "..." : sb.toString();
    }
}
