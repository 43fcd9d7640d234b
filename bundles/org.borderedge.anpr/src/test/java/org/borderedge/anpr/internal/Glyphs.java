package org.borderedge.anpr.internal;

import java.util.ArrayList;
import java.util.List;

/** Builds recogniser output by hand: "51F" reads each character with 0.95; {@code alt} adds a runner-up. */
final class Glyphs {

    private Glyphs() {
    }

    static List<Glyph> of(String text) {
        List<Glyph> out = new ArrayList<>();
        for (char c : text.toCharArray()) {
            out.add(glyph(c, 0.95f));
        }
        return out;
    }

    static Glyph glyph(char c, float confidence) {
        float[] scores = new float[PlateAlphabet.ALL.length()];
        scores[PlateAlphabet.indexOf(c)] = confidence;
        return new Glyph(c, confidence, scores);
    }

    static Glyph withAlternative(char c, float confidence, char alternative, float altScore) {
        Glyph g = glyph(c, confidence);
        g.scores()[PlateAlphabet.indexOf(alternative)] = altScore;
        return g;
    }
}
