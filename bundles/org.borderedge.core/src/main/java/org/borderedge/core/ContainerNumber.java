package org.borderedge.core;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * ISO 6346 container number: owner code (3 letters), category (U, J or Z), 6-digit serial and a
 * check digit. Only numbers whose check digit holds can be constructed.
 */
public record ContainerNumber(String value) {

    private static final Pattern SHAPE = Pattern.compile("[A-Z]{3}[UJZ]\\d{6}\\d");

    public ContainerNumber {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("not an ISO 6346 container number: " + value);
        }
        int expected = checkDigit(value.substring(0, 10));
        if (expected != value.charAt(10) - '0') {
            throw new IllegalArgumentException("ISO 6346 check digit of " + value + " should be " + expected);
        }
    }

    /** Parses free text (spaces, dashes, lower case tolerated); empty when shape or check digit is wrong. */
    public static Optional<ContainerNumber> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String compact = text.toUpperCase().replaceAll("[^A-Z0-9]", "");
        if (!SHAPE.matcher(compact).matches() || checkDigit(compact.substring(0, 10)) != compact.charAt(10) - '0') {
            return Optional.empty();
        }
        return Optional.of(new ContainerNumber(compact));
    }

    public static boolean isValid(String text) {
        return parse(text).isPresent();
    }

    /**
     * Check digit of the first ten characters: letter values skip multiples of 11 (A=10, B=12 ...),
     * each value weighted by 2^position, sum mod 11, and remainder 10 maps to 0.
     */
    public static int checkDigit(String firstTen) {
        return weightedSum(firstTen) % 11 % 10;
    }

    /** Weighted sum used by the check digit, exposed for diagnostics and tests. */
    public static int weightedSum(String firstTen) {
        if (firstTen.length() != 10) {
            throw new IllegalArgumentException("need owner code, category and serial (10 characters): " + firstTen);
        }
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += charValue(firstTen.charAt(i)) << i;
        }
        return sum;
    }

    /** Letter values A..Z: counting from 10 and skipping multiples of 11 (11, 22, 33). */
    private static final int[] LETTER_VALUES = new int[26];

    static {
        int v = 10;
        for (int i = 0; i < 26; i++) {
            if (v % 11 == 0) {
                v++;
            }
            LETTER_VALUES[i] = v++;
        }
    }

    static int charValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c < 'A' || c > 'Z') {
            throw new IllegalArgumentException("not a container number character: " + c);
        }
        return LETTER_VALUES[c - 'A'];
    }

    public String ownerCode() {
        return value.substring(0, 3);
    }

    public char category() {
        return value.charAt(3);
    }

    public String serial() {
        return value.substring(4, 10);
    }

    @Override
    public String toString() {
        return value;
    }
}
