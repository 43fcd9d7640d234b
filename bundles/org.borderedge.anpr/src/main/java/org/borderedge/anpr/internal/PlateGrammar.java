package org.borderedge.anpr.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.borderedge.core.Plate;
import org.borderedge.core.PlateFormat;

/**
 * Plate formats as sequences of character classes. A read is fitted to every format (dropping at most
 * two stray glyphs, e.g. a border or screw read as "1"); each position takes the most probable character
 * its class allows, so an "O" where the format needs a digit becomes "0" and an "8" in the series
 * becomes "B". The best-scoring fit wins.
 */
public final class PlateGrammar {

    static final String DIGIT = PlateAlphabet.DIGITS;
    /** Vietnamese series letters: I, J, O, Q and W are not issued. */
    static final String VN_SERIES = "ABCDEFGHKLMNPRSTUVXYZ";
    static final String VN_SERIES_OR_DIGIT = VN_SERIES + DIGIT;
    static final String CN_LETTER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    static final String CN_LETTER_OR_DIGIT = CN_LETTER + DIGIT;

    /** A format: a class per position and a prior (log) that ranks rarer formats lower. */
    record Format(String name, PlateFormat format, List<String> classes, double prior) {
    }

    static final List<Format> FORMATS = List.of(
            vn("car", 0, "D", "D", "S", "D", "D", "D", "D", "D"),
            vn("car-4", -0.3, "D", "D", "S", "D", "D", "D", "D"),
            vn("series-2", 0, "D", "D", "S", "X", "D", "D", "D", "D", "D"),
            vn("series-2-4", -0.7, "D", "D", "S", "S", "D", "D", "D", "D"),
            new Format("cn", PlateFormat.CN, classes("P", "C", "A", "A", "A", "A", "A"), 0),
            new Format("cn-8", PlateFormat.CN, classes("P", "C", "A", "A", "A", "A", "A", "A"), -0.5),
            new Format("kh", PlateFormat.KH, classes("D", "S", "D", "D", "D", "D"), -1.5),
            new Format("kh-2", PlateFormat.KH, classes("D", "S", "S", "D", "D", "D", "D"), -1.5));

    private static Format vn(String name, double prior, String... tokens) {
        return new Format("vn-" + name, PlateFormat.VN, classes(tokens), prior);
    }

    private static List<String> classes(String... tokens) {
        List<String> out = new ArrayList<>();
        for (String t : tokens) {
            out.add(switch (t) {
                case "D" -> DIGIT;
                case "S" -> VN_SERIES;
                case "X" -> VN_SERIES_OR_DIGIT;
                case "P" -> PlateAlphabet.CN_PROVINCES;
                case "C" -> CN_LETTER;
                case "A" -> CN_LETTER_OR_DIGIT;
                default -> throw new IllegalArgumentException(t);
            });
        }
        return out;
    }

    /** The chosen reading: normalised plate, its confidence (0..1), how many characters the format changed. */
    public record Match(Plate plate, double confidence, int corrections, String raw, String formatName, double score) {
    }

    private static final int MAX_DROPPED = 2;
    private static final double FLOOR = 1e-4;
    /** Each character the format had to change costs confidence: many changes mean it is not a plate. */
    private static final double CORRECTION_COST = 0.85;

    private PlateGrammar() {
    }

    public static Optional<Match> best(List<Glyph> glyphs) {
        Match best = null;
        for (Format f : FORMATS) {
            Match m = fit(glyphs, f);
            if (m != null && (best == null || m.score() > best.score())) {
                best = m;
            }
        }
        return Optional.ofNullable(best);
    }

    static Match fit(List<Glyph> glyphs, Format f) {
        int n = glyphs.size();
        int len = f.classes().size();
        int drop = n - len;
        if (drop < 0 || drop > MAX_DROPPED) {
            return null;
        }
        Match best = null;
        if (drop == 0) {
            return fitSkipping(glyphs, f, -1, -1);
        }
        for (int a = 0; a < n; a++) {
            if (drop == 1) {
                best = better(best, fitSkipping(glyphs, f, a, -1));
                continue;
            }
            for (int b = a + 1; b < n; b++) {
                best = better(best, fitSkipping(glyphs, f, a, b));
            }
        }
        return best;
    }

    private static Match better(Match a, Match b) {
        return a == null || b.score() > a.score() ? b : a;
    }

    private static Match fitSkipping(List<Glyph> glyphs, Format f, int skipA, int skipB) {
        StringBuilder text = new StringBuilder();
        StringBuilder raw = new StringBuilder();
        double score = f.prior();
        double minEvidence = 1;
        int corrections = 0;
        int pos = 0;
        for (int i = 0; i < glyphs.size(); i++) {
            Glyph g = glyphs.get(i);
            raw.append(g.ch());
            if (i == skipA || i == skipB) {
                // Dropping a glyph the recogniser was sure of is as bad as misreading it.
                double keep = Math.max(FLOOR, 1 - g.confidence());
                score += Math.log(keep);
                minEvidence = Math.min(minEvidence, keep);
                continue;
            }
            String allowed = f.classes().get(pos++);
            char chosen = 0;
            double evidence = -1;
            for (int k = 0; k < allowed.length(); k++) {
                char c = allowed.charAt(k);
                double e = Confusables.evidence(g, c);
                if (e > evidence) {
                    evidence = e;
                    chosen = c;
                }
            }
            if (chosen != g.ch()) {
                corrections++;
            }
            evidence = Math.max(FLOOR, evidence);
            minEvidence = Math.min(minEvidence, evidence);
            score += Math.log(evidence);
            text.append(chosen);
        }
        double geometric = Math.exp((score - f.prior()) / f.classes().size());
        double confidence = Math.min(1, Math.sqrt(geometric * minEvidence) * Math.pow(CORRECTION_COST, corrections));
        Plate plate = Plate.of(text.toString());
        return new Match(plate, confidence, corrections, raw.toString(), f.name(), score);
    }
}
