package org.borderedge.anpr.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgproc.Imgproc;

/**
 * Where plates and container codes may be in a scene. Candidates come from rows of character-sized blobs
 * found at two scales and both polarities: a single row (one-line plate), two stacked rows (two-line car
 * or motorbike plate, Chinese rear plate) or a long line (container code). Ordered most plate-like first,
 * so the recogniser's limited budget per frame goes to the likeliest regions.
 */
final class PlateFinder {

    /** PLATE: a plate border around characters, read as a whole plate (layout decided inside it). */
    enum Kind { ONE_LINE, TWO_LINE, CODE_LINE, PLATE }

    record Candidate(Kind kind, List<CharBlobs.Row> rows, Rect box, boolean light, double score) {
    }

    private PlateFinder() {
    }

    static List<Candidate> candidates(Mat grey) {
        boolean twoScales = grey.cols() >= 600;
        // The scales' height ranges overlap (a character's measured height varies with blur and threshold), and
        // a character found at both is kept once.
        List<CharBlobs.Blob> outlines = new ArrayList<>();
        List<CharBlobs.Blob> blobs = new ArrayList<>(CharBlobs.find(grey, 25, 9, twoScales ? 48 : 80, outlines));
        if (twoScales) {
            // Large characters (close plates, container codes) need a wider threshold window: use half scale.
            Mat half = new Mat();
            Imgproc.pyrDown(grey, half);
            int fine = blobs.size();
            for (CharBlobs.Blob b : CharBlobs.find(half, 25, 19, 120)) {
                Rect r = b.box();
                CharBlobs.Blob big = new CharBlobs.Blob(new Rect(r.x * 2, r.y * 2, r.width * 2, r.height * 2), b.light(), b.cut());
                // Characters near the boundary height are found at both scales: one copy, or rows count them twice.
                if (!foundAlready(big, blobs.subList(0, fine))) {
                    blobs.add(big);
                }
            }
            half.release();
        }
        List<CharBlobs.Row> rows = CharBlobs.rows(blobs, 1.2, 2);
        List<Candidate> out = new ArrayList<>();
        for (CharBlobs.Row r : rows) {
            int n = r.blobs().size();
            if (n >= 4 && n <= 12) {
                out.add(new Candidate(Kind.ONE_LINE, List.of(r), r.bounds(), r.light(), 10 - Math.abs(n - 8) - doubt(List.of(r))));
            }
        }
        for (CharBlobs.Row top : rows) {
            for (CharBlobs.Row bottom : rows) {
                if (top == bottom || top.light() != bottom.light()) {
                    continue;
                }
                int nt = top.blobs().size(), nb = bottom.blobs().size();
                // A line may have lost characters to the plate border (two-line plates have little margin).
                if (nt < 2 || nt > 5 || nb < 2 || nb > 7 || nt + nb < 5) {
                    continue;
                }
                Rect a = top.bounds(), b = bottom.bounds();
                double h = Math.max(top.height(), bottom.height());
                double hr = Math.max(top.height(), bottom.height()) / Math.max(1, Math.min(top.height(), bottom.height()));
                int overlap = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
                double centres = (b.y + b.height / 2.0) - (a.y + a.height / 2.0);
                // Distance between the rows' centre lines, not between their boxes: under roll a row's box is
                // much taller than its characters, and the boxes of the two lines of a square plate overlap.
                if (centres < 0.75 * h || centres > 2.0 * h || hr > 1.6 || overlap < 0.5 * Math.min(a.width, b.width)) {
                    continue;
                }
                Rect box = CharBlobs.union(concat(top.blobs(), bottom.blobs()));
                out.add(new Candidate(Kind.TWO_LINE, List.of(top, bottom), box, top.light(),
                        11 - Math.abs(nt - 3.5) - Math.abs(nb - 5) - doubt(List.of(top, bottom))));
            }
        }
        out.addAll(codeLines(rows));
        out.addAll(outlined(outlines, blobs));
        out.sort(Comparator.comparingDouble(Candidate::score).reversed());
        return dedupe(out);
    }

    /**
     * Plate borders with at least three characters inside them of a plate's character height (a fifth to
     * four fifths of the border's height): found even when the characters that touch the border are not.
     * Ranked below well-formed rows, which read the same plate more cheaply when they exist.
     */
    private static List<Candidate> outlined(List<CharBlobs.Blob> outlines, List<CharBlobs.Blob> blobs) {
        List<Candidate> out = new ArrayList<>();
        for (CharBlobs.Blob o : outlines) {
            Rect r = o.box();
            List<CharBlobs.Blob> inside = new ArrayList<>();
            for (CharBlobs.Blob b : blobs) {
                int h = b.box().height;
                if (b.light() == o.light() && h >= 0.2 * r.height && h <= 0.8 * r.height && covered(b.box(), r) > 0.95) {
                    inside.add(b);
                }
            }
            if (inside.size() >= 3) {
                inside.sort(Comparator.comparingInt(b -> b.box().x));
                CharBlobs.Row row = new CharBlobs.Row(inside, o.light());
                out.add(new Candidate(Kind.PLATE, List.of(row), r, o.light(), 7.5 - doubt(List.of(row))));
            }
        }
        return out;
    }

    private static boolean foundAlready(CharBlobs.Blob b, List<CharBlobs.Blob> others) {
        for (CharBlobs.Blob o : others) {
            if (o.light() == b.light() && iou(o.box(), b.box()) > 0.4) {
                return true;
            }
        }
        return false;
    }

    /** Rows on one baseline with wider gaps between them (owner code, serial, boxed check digit). */
    private static List<Candidate> codeLines(List<CharBlobs.Row> rows) {
        List<Candidate> out = new ArrayList<>();
        List<CharBlobs.Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingInt(r -> r.bounds().x));
        boolean[] used = new boolean[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            if (used[i]) {
                continue;
            }
            List<CharBlobs.Row> line = new ArrayList<>(List.of(sorted.get(i)));
            CharBlobs.Row last = sorted.get(i);
            for (int j = i + 1; j < sorted.size(); j++) {
                CharBlobs.Row r = sorted.get(j);
                Rect a = last.bounds(), b = r.bounds();
                double h = Math.max(last.height(), r.height());
                double hr = h / Math.max(1, Math.min(last.height(), r.height()));
                double dy = Math.abs((a.y + a.height / 2.0) - (b.y + b.height / 2.0));
                int gap = b.x - (a.x + a.width);
                // Rolled plates: the farther the next row, the more its centre may be off the baseline.
                if (r.light() == last.light() && hr < 1.3 && dy < 0.3 * h + 0.2 * Math.max(0, gap + b.width / 2.0) && gap > -2 && gap < 3.0 * h) {
                    line.add(r);
                    used[j] = true;
                    last = r;
                }
            }
            int blobs = line.stream().mapToInt(r -> r.blobs().size()).sum();
            if (line.size() > 1 || blobs >= 11) {
                List<CharBlobs.Blob> all = new ArrayList<>();
                line.forEach(r -> all.addAll(r.blobs()));
                CharBlobs.Row merged = new CharBlobs.Row(all, line.get(0).light());
                if (blobs >= 10) {
                    // Eleven to thirteen characters in a line is the shape of a container number: few other things are.
                    out.add(new Candidate(Kind.CODE_LINE, List.of(merged), CharBlobs.union(all), merged.light(),
                            (blobs >= 11 && blobs <= 13 ? 8.5 : 4) - doubt(List.of(merged))));
                }
                if (line.size() > 1 && blobs >= 6 && blobs <= 10) {
                    // A one-line plate split at its dash, or where a character merged with the border.
                    out.add(new Candidate(Kind.ONE_LINE, List.of(merged), CharBlobs.union(all), merged.light(),
                            9.5 - Math.abs(blobs - 8) - doubt(List.of(merged))));
                }
            }
        }
        return out;
    }

    /**
     * What makes rows of blobs less likely to be readable text, whatever their count: characters too small
     * to read, rows of identical thin bars (grilles, container ribs), rows that exist only because
     * run-together components were cut up.
     */
    static double doubt(List<CharBlobs.Row> rows) {
        double d = 0;
        for (CharBlobs.Row r : rows) {
            double h = r.height();
            d += h < 12 ? 3 : h < 15 ? 1 : 0;
            d += 3 * Math.max(0, r.barShare() - 0.4);
            d += 2 * Math.max(0, r.cutShare() - 0.5);
        }
        return d / rows.size();
    }

    private static List<Candidate> dedupe(List<Candidate> sorted) {
        List<Candidate> kept = new ArrayList<>();
        for (Candidate c : sorted) {
            boolean duplicate = false;
            for (Candidate k : kept) {
                if (k.kind() == c.kind() && iou(k.box(), c.box()) > 0.6) {
                    duplicate = true;
                    break;
                }
            }
            if (!duplicate) {
                kept.add(c);
            }
        }
        return kept;
    }

    static double iou(Rect a, Rect b) {
        int x0 = Math.max(a.x, b.x), y0 = Math.max(a.y, b.y);
        int x1 = Math.min(a.x + a.width, b.x + b.width), y1 = Math.min(a.y + a.height, b.y + b.height);
        if (x1 <= x0 || y1 <= y0) {
            return 0;
        }
        double inter = (double) (x1 - x0) * (y1 - y0);
        return inter / (a.area() + b.area() - inter);
    }

    /** Share of {@code inner} that lies inside {@code outer}. */
    static double covered(Rect inner, Rect outer) {
        int x0 = Math.max(inner.x, outer.x), y0 = Math.max(inner.y, outer.y);
        int x1 = Math.min(inner.x + inner.width, outer.x + outer.width), y1 = Math.min(inner.y + inner.height, outer.y + outer.height);
        if (x1 <= x0 || y1 <= y0) {
            return 0;
        }
        return (double) (x1 - x0) * (y1 - y0) / Math.max(1, inner.area());
    }

    /**
     * Plate-sized regions around a short row: as the lower line (region extends up) and as the upper line
     * (extends down) of a 330x165 mm plate, whose two lines are about as tall as each other.
     */
    static List<Rect> twoLineRegions(CharBlobs.Row row, Mat image) {
        Rect b = row.bounds();
        double h = row.height();
        int x = (int) (b.x - 0.25 * h);
        int w = (int) (b.width + 0.5 * h);
        Rect above = clip(new Rect(x, (int) (b.y - 1.45 * h), w, (int) (2.75 * h)), image);
        Rect below = clip(new Rect(x, (int) (b.y - 0.3 * h), w, (int) (2.75 * h)), image);
        return List.of(above, below);
    }

    static Rect clip(Rect r, Mat image) {
        int x0 = Math.max(0, r.x), y0 = Math.max(0, r.y);
        int x1 = Math.min(image.cols(), r.x + r.width), y1 = Math.min(image.rows(), r.y + r.height);
        return new Rect(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
