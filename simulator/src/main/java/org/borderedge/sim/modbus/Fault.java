package org.borderedge.sim.modbus;

/** What a simulated board does wrong on purpose, for tests and for training technicians. */
public record Fault(Kind kind, int exceptionCode, Malformation malformation) {

    public enum Kind { NONE, SILENT, EXCEPTION, MALFORMED }

    /** How a reply is broken. */
    public enum Malformation {
        /** Declared byte count does not match the quantity asked for. */
        BYTE_COUNT,
        /** Reply carries another function code than the request. */
        WRONG_FUNCTION,
        /** Only part of the frame is sent, then silence. */
        TRUNCATED,
        /** RTU: CRC wrong. TCP: MBAP protocol id not 0. */
        BAD_CHECKSUM
    }

    public static Fault none() {
        return new Fault(Kind.NONE, 0, null);
    }

    public static Fault silent() {
        return new Fault(Kind.SILENT, 0, null);
    }

    public static Fault exception(int code) {
        return new Fault(Kind.EXCEPTION, code, null);
    }

    public static Fault malformed(Malformation how) {
        return new Fault(Kind.MALFORMED, 0, how);
    }

    /** Parses {@code none}, {@code silent}, {@code exception 4}, {@code malformed byte-count}. */
    public static Fault parse(String text) {
        String[] w = text.trim().toLowerCase(java.util.Locale.ROOT).split("\\s+");
        return switch (w[0]) {
            case "none" -> none();
            case "silent" -> silent();
            case "exception" -> exception(w.length > 1 ? Integer.parseInt(w[1]) : 4);
            case "malformed" -> malformed(w.length > 1 ? Malformation.valueOf(w[1].replace('-', '_').toUpperCase(java.util.Locale.ROOT))
                    : Malformation.BYTE_COUNT);
            default -> throw new IllegalArgumentException("fault must be none, silent, exception [CODE] or malformed "
                    + "[byte-count|wrong-function|truncated|bad-checksum], not '" + text + "'");
        };
    }
}
