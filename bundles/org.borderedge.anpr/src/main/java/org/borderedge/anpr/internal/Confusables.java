package org.borderedge.anpr.internal;

/**
 * Characters that plate fonts make look alike. When a position demands a digit and the recogniser
 * saw a letter (or the reverse), the look-alike gets part of the read character's probability.
 */
final class Confusables {

    private static final String[] PAIRS = {
        "O0", "D0", "Q0", "U0", "I1", "L1", "T1", "J1", "Z2", "E3", "A4", "S5", "G6", "T7", "B8", "P9",
        "08", "17", "38", "56", "68", "89", "C0", "K4", "Y7", "H4", "N4", "M4", "R8", "V7", "X4", "F7"
    };

    private Confusables() {
    }

    /** How much a read of {@code seen} supports {@code wanted}: 1 for the same character, 0.5 for look-alikes, else 0. */
    static double likeness(char seen, char wanted) {
        if (seen == wanted) {
            return 1;
        }
        for (String pair : PAIRS) {
            if ((pair.charAt(0) == seen && pair.charAt(1) == wanted) || (pair.charAt(1) == seen && pair.charAt(0) == wanted)) {
                return 0.5;
            }
        }
        return 0;
    }

    /** Evidence for {@code wanted} at a glyph: the recogniser's own score, or a share of the read character's. */
    static double evidence(Glyph g, char wanted) {
        return Math.max(g.score(wanted), g.confidence() * likeness(g.ch(), wanted));
    }
}
