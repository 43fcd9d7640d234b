package org.borderedge.anpr.internal;

/**
 * One character read by the recogniser with what the recogniser thought of every plate character at
 * that place: the grammar uses {@link #scores} to pick the best character of the class a position
 * demands (a digit where the plate must have a digit), which is how confusable characters get fixed.
 */
public record Glyph(char ch, float confidence, float[] scores) {

    /** Probability the recogniser gave to {@code c} here; 0 for characters outside the plate alphabet. */
    public float score(char c) {
        int i = PlateAlphabet.indexOf(c);
        return i < 0 ? 0f : scores[i];
    }
}
