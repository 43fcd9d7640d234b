package org.borderedge.core;

import java.util.regex.Pattern;

/**
 * A licence plate normalised for matching: characters only, upper case, separators and the row
 * break of two-line plates removed, Vietnamese Đ folded to D. {@code 51F-678.90}, {@code 51F 67890}
 * and a two-line {@code 29C / 123.45} become {@code 51F67890} and {@code 29C12345}.
 */
public record Plate(String text, PlateFormat format) {

    private static final Pattern VN = Pattern.compile("\\d{2}[A-Z]{1,2}\\d?\\d{4,5}");
    private static final Pattern CN = Pattern.compile("[\\u4E00-\\u9FFF][A-HJ-NP-Z][A-HJ-NP-Z0-9]{5,6}");
    private static final Pattern KH = Pattern.compile("\\d[A-Z]{1,2}\\d{4}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-.·•_/]+");

    public Plate {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty plate");
        }
    }

    /** Normalises any read of a plate; never fails on non-empty input, the format tells whether it is known. */
    public static Plate of(String raw) {
        String text = normalise(raw);
        return new Plate(text, formatOf(text));
    }

    public static String normalise(String raw) {
        if (raw == null) {
            throw new IllegalArgumentException("empty plate");
        }
        String upper = raw.strip().toUpperCase().replace('Đ', 'D').replace('đ', 'D');
        return SEPARATORS.matcher(upper).replaceAll("");
    }

    public static PlateFormat formatOf(String normalised) {
        if (CN.matcher(normalised).matches()) {
            return PlateFormat.CN;
        }
        if (VN.matcher(normalised).matches()) {
            return PlateFormat.VN;
        }
        if (KH.matcher(normalised).matches()) {
            return PlateFormat.KH;
        }
        return PlateFormat.UNKNOWN;
    }

    public boolean isKnownFormat() {
        return format != PlateFormat.UNKNOWN;
    }

    /** Customary display form: {@code 51F-678.90}, {@code 51F-6789}, {@code 桂A·12345}. */
    public String display() {
        switch (format) {
            case VN: {
                int firstDigitAfterSeries = 2;
                while (firstDigitAfterSeries < text.length() && Character.isLetter(text.charAt(firstDigitAfterSeries))) {
                    firstDigitAfterSeries++;
                }
                String series = text.substring(0, firstDigitAfterSeries);
                String number = text.substring(firstDigitAfterSeries);
                if (number.length() == 6) {
                    // Motorbike style: series digit belongs to the series (59X1-234.56).
                    series = series + number.charAt(0);
                    number = number.substring(1);
                }
                if (number.length() == 5) {
                    return series + "-" + number.substring(0, 3) + "." + number.substring(3);
                }
                return series + "-" + number;
            }
            case CN:
                return text.substring(0, 2) + "·" + text.substring(2);
            default:
                return text;
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
