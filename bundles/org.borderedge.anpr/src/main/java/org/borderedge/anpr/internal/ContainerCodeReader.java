package org.borderedge.anpr.internal;

import java.util.List;
import java.util.Optional;
import org.borderedge.core.ContainerNumber;

/**
 * Fits glyphs to ISO 6346 (owner code, category U/J/Z, six-digit serial, check digit). A fit whose check
 * digit holds is accepted; otherwise one character may be replaced by a look-alike the recogniser also
 * considered, and only if that makes the check digit hold. Nothing else is ever reported.
 */
public final class ContainerCodeReader {

    private static final String LETTER = PlateAlphabet.LETTERS;
    private static final String CATEGORY = "UJZ";
    private static final String DIGIT = PlateAlphabet.DIGITS;
    private static final int LENGTH = 11;
    /** A replacement needs at least this much evidence, so the check digit cannot "repair" a bad read into any number. */
    private static final double MIN_ALTERNATIVE = 0.02;

    /** Two repairs whose support differs less than this factor are a guess: none is made. */
    private static final double AMBIGUITY = 2;

    /**
     * Below this a fit is more likely a coincidence of the check digit (one chance in eleven) than a read:
     * characters forced into their position's class without the recogniser's support, or a repair the
     * recogniser supported only faintly.
     */
    static final double MIN_CONFIDENCE = 0.3;

    public record Reading(ContainerNumber number, double confidence, boolean repaired) {
    }

    /** Whether a reading is good enough to report. */
    static boolean reportable(Reading r) {
        return r.confidence() >= MIN_CONFIDENCE;
    }

    private ContainerCodeReader() {
    }

    /**
     * Owner-code letters that door paint makes look alike beyond the plate table: a rib or locking bar hides
     * Q's tail (read O) or L's foot (read I). Used like the plate look-alikes: a read of one lends the other
     * part of its probability, and only a check digit that then holds makes the change.
     */
    private static final String[] OWNER_LOOKALIKES = {"OQ", "IL"};

    static String classOf(int position) {
        return position < 3 ? LETTER : position == 3 ? CATEGORY : DIGIT;
    }

    public static Optional<Reading> read(List<Glyph> glyphs) {
        Reading best = null;
        int n = glyphs.size();
        // Every window of 11 glyphs: the line may carry stray glyphs or other markings around the number.
        for (int start = 0; start + LENGTH <= n; start++) {
            Reading r = fit(glyphs.subList(start, start + LENGTH));
            if (r != null && (best == null || score(r) > score(best))) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    static double score(Reading r) {
        return r.confidence() - (r.repaired() ? 0.2 : 0);
    }

    static Reading fit(List<Glyph> window) {
        char[] chosen = new char[LENGTH];
        double[] evidence = new double[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            String allowed = classOf(i);
            double e = -1;
            for (int k = 0; k < allowed.length(); k++) {
                double v = evidence(window.get(i), allowed.charAt(k), i);
                if (v > e) {
                    e = v;
                    chosen[i] = allowed.charAt(k);
                }
            }
            evidence[i] = e;
        }
        String text = new String(chosen);
        if (ContainerNumber.isValid(text)) {
            return new Reading(new ContainerNumber(text), confidence(evidence), false);
        }
        // One replacement, ranked by how strongly the recogniser supported the replacing character.
        String bestText = null;
        double bestGain = -1;
        double secondGain = -1;
        boolean ambiguous = false;
        int candidates = 0;
        for (int i = 0; i < LENGTH; i++) {
            String allowed = classOf(i);
            for (int k = 0; k < allowed.length(); k++) {
                char c = allowed.charAt(k);
                if (c == chosen[i]) {
                    continue;
                }
                double e = evidence(window.get(i), c, i);
                if (e < MIN_ALTERNATIVE) {
                    continue;
                }
                char[] trial = chosen.clone();
                trial[i] = c;
                String t = new String(trial);
                if (ContainerNumber.isValid(t)) {
                    candidates++;
                    double gain = e / Math.max(1e-4, evidence[i]);
                    if (gain > bestGain) {
                        ambiguous = gain < AMBIGUITY * bestGain;
                        secondGain = bestGain;
                        bestGain = gain;
                        bestText = t;
                    } else if (gain > secondGain) {
                        secondGain = gain;
                        ambiguous = gain * AMBIGUITY > bestGain;
                    }
                }
            }
        }
        if (bestText == null || ambiguous) {
            return null;
        }
        double c = confidence(evidence) * Math.min(1, bestGain) / candidates;
        return new Reading(new ContainerNumber(bestText), c, true);
    }

    private static double evidence(Glyph g, char wanted, int position) {
        double e = Confusables.evidence(g, wanted);
        if (position < 3) {
            for (String pair : OWNER_LOOKALIKES) {
                if (pair.indexOf(g.ch()) >= 0 && pair.indexOf(wanted) >= 0 && g.ch() != wanted) {
                    e = Math.max(e, g.confidence() * 0.5);
                }
            }
        }
        return e;
    }

    private static double confidence(double[] evidence) {
        double log = 0;
        double min = 1;
        for (double e : evidence) {
            log += Math.log(Math.max(1e-4, e));
            min = Math.min(min, e);
        }
        return Math.min(1, Math.sqrt(Math.exp(log / evidence.length) * Math.max(1e-4, min)));
    }
}
