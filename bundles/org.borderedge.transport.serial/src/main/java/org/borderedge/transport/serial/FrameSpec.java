package org.borderedge.transport.serial;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * How a byte stream is cut into frames, as a profile's {@code frame} section states it.
 * <ul>
 * <li>{@code delimiter}: a frame ends with {@code end} (e.g. "\r\n"); an optional {@code start} byte
 * (SMA's LF) opens it and is stripped.</li>
 * <li>{@code stx-etx}: a frame runs from {@code stx} to {@code etx}, optionally of a fixed
 * {@code length} (STX and ETX included) and followed by {@code trailer} bytes (a checksum after CR).</li>
 * </ul>
 * Strings use the profile's escapes ("\u0002", "\r"); each char is one byte (ISO-8859-1).
 * {@code maxLength} bounds the buffer: a longer frame is discarded, never grown without end.
 */
public record FrameSpec(Mode mode, byte[] start, byte[] end, int stx, int etx, int length, int trailer,
        int maxLength) {

    public enum Mode { DELIMITER, STX_ETX }

    public FrameSpec {
        if (mode == Mode.DELIMITER && (end == null || end.length == 0)) {
            throw new IllegalArgumentException("frame: a delimiter frame needs 'end'");
        }
        if (maxLength < 1 || maxLength > 65536) {
            throw new IllegalArgumentException("frame: maxLength must be 1..65536, not " + maxLength);
        }
        if (length > maxLength) {
            throw new IllegalArgumentException("frame: length " + length + " exceeds maxLength " + maxLength);
        }
        start = start == null ? new byte[0] : start.clone();
        end = end == null ? new byte[0] : end.clone();
    }

    public static FrameSpec lines(String end, int maxLength) {
        return new FrameSpec(Mode.DELIMITER, null, bytes(end), -1, -1, 0, 0, maxLength);
    }

    public static FrameSpec stxEtx(int stx, int etx, int length, int trailer, int maxLength) {
        return new FrameSpec(Mode.STX_ETX, null, null, stx, etx, length, trailer, maxLength);
    }

    /** Builds a spec from a profile section; throws IllegalArgumentException naming the bad field. */
    public static FrameSpec fromMap(Map<String, Object> m) {
        String mode = String.valueOf(m.getOrDefault("mode", "delimiter")).toLowerCase(Locale.ROOT);
        int max = intOf(m, "maxLength", 256);
        switch (mode) {
            case "delimiter":
                return new FrameSpec(Mode.DELIMITER, bytes(str(m, "start")), bytes(str(m, "end") == null ? "\n" : str(m, "end")),
                        -1, -1, 0, 0, max);
            case "stx-etx":
                return new FrameSpec(Mode.STX_ETX, null, null, byteOf(m, "stx", 0x02), byteOf(m, "etx", 0x03),
                        intOf(m, "length", 0), intOf(m, "trailer", 0), max);
            default:
                throw new IllegalArgumentException("frame.mode '" + mode + "' is not delimiter or stx-etx");
        }
    }

    private static String str(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? null : String.valueOf(v);
    }

    private static int intOf(Map<String, Object> m, String key, int fallback) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(String.valueOf(v).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("frame." + key + " '" + v + "' is not a number");
        }
    }

    private static int byteOf(Map<String, Object> m, String key, int fallback) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.intValue() & 0xFF;
        }
        String s = String.valueOf(v);
        if (s.length() != 1) {
            throw new IllegalArgumentException("frame." + key + " must be one byte, not '" + s + "'");
        }
        return s.charAt(0) & 0xFF;
    }

    static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
