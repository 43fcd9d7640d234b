package org.borderedge.anpr.internal;

/**
 * Characters that plate fonts make look alike. When a position demands a digit and the recogniser
 * saw a letter (or the reverse), the look-alike gets part of the read character's probability.
 */
final class Confusables {

    /** Pairs that plate fonts and blur really mix up, and how much a read of one supports the other. */
    private static final String[] STRONG = {"O0", "D0", "I1", "Z2", "A4", "S5", "G6", "T7", "B8", "08"};
    private static final String[] WEAK = {"Q0", "U0", "C0", "L1", "T1", "J1", "E3", "P9", "K4", "H4", "N4", "M4", "X4",
        "Y7", "V7", "F7", "R8", "17", "38", "56", "68", "89", "35"};

    private Confusables() {
    }

        /** How much a read of {@code seen} supports {@code wanted}: 1 when equal, 0.3-0.6 for look-alikes, else 0. */
    static double likeness(char seen, char wanted) {
        if (seen == wanted) {
            return 1;
        }
        if (seen == '0' && wanted == 'O' || seen == 'O' && wanted == '0') {
            return 0.6;
        }
        if (matches(STRONG, seen, wanted)) {
            return 0.5;
        }
        return matches(WEAK, seen, wanted) ? 0.3 : 0;
    }

    private static boolean matches(String[] pairs, char a, char b) {
        for (String pair : pairs) {
            if ((pair.charAt(0) == a && pair.charAt(1) == b) || (pair.charAt(1) == a && pair.charAt(0) == b)) {
                return true;
            }
        }
        return false;
    }

    /** Evidence for {@code wanted} at a glyph: the recogniser's own score, or a share of the read character's. */
    static double evidence(Glyph g, char wanted) {
        return Math.max(g.score(wanted), g.confidence() * likeness(g.ch(), wanted));
    }
}
