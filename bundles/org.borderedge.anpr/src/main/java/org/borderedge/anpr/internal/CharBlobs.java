package org.borderedge.anpr.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Character-sized connected components and their grouping into text rows: the common ground of plate
 * localisation, layout detection and container-code finding. Works for both polarities (dark characters on
 * a light plate and light characters on a dark plate).
 */
final class CharBlobs {

    /**
     * A character candidate; {@code light} when it is lighter than its surroundings, {@code cut} when it is a
     * piece of a component that looked like several characters run together.
     */
    record Blob(Rect box, boolean light, boolean cut) {
        Blob(Rect box, boolean light) {
            this(box, light, false);
        }

        double cx() {
            return box.x + box.width / 2.0;
        }

        double cy() {
            return box.y + box.height / 2.0;
        }
    }

    /** Blobs that line up: similar height, on one baseline, close to each other; sorted left to right. */
    record Row(List<Blob> blobs, boolean light) {
        Rect bounds() {
            return union(blobs);
        }

        double height() {
            return blobs.stream().mapToInt(b -> b.box().height).sorted().skip(blobs.size() / 2).findFirst().orElse(0);
        }

        /** Share of the row's blobs that were cut out of run-together components. */
        double cutShare() {
            return blobs.stream().filter(Blob::cut).count() / (double) Math.max(1, blobs.size());
        }

        /** Share of thin upright bars (a "1", but also grille slats and container ribs, which come in rows). */
        double barShare() {
            return blobs.stream().filter(b -> b.box().height > 3.2 * b.box().width).count() / (double) Math.max(1, blobs.size());
        }
    }

    private CharBlobs() {
    }

    static Rect union(List<Blob> blobs) {
        int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = Integer.MIN_VALUE, y1 = Integer.MIN_VALUE;
        for (Blob b : blobs) {
            x0 = Math.min(x0, b.box().x);
            y0 = Math.min(y0, b.box().y);
            x1 = Math.max(x1, b.box().x + b.box().width);
            y1 = Math.max(y1, b.box().y + b.box().height);
        }
        return new Rect(x0, y0, x1 - x0, y1 - y0);
    }

    /**
     * @param grey       8-bit grey image
     * @param block      adaptive-threshold window (odd), about twice the expected character height
     * @param minHeight  smallest character height in pixels
     * @param maxHeight  largest character height in pixels
     */
    static List<Blob> find(Mat grey, int block, int minHeight, int maxHeight) {
        return find(grey, block, minHeight, maxHeight, null);
    }

    /**
     * As {@link #find(Mat, int, int, int)}, and collects into {@code outlines} (when not null) components
     * shaped like a plate's border: plate-proportioned, mostly hollow. Characters touching the border are
     * part of such a component and lost as characters; the outline still says where the plate is.
     */
    static List<Blob> find(Mat grey, int block, int minHeight, int maxHeight, List<Blob> outlines) {
        List<Blob> blobs = new ArrayList<>();
        Mat smooth = new Mat();
        Mat mean = new Mat();
        Mat level = new Mat();
        Mat binary = new Mat();
        Mat labels = new Mat();
        Mat stats = new Mat();
        Mat centroids = new Mat();
        try {
            // Sensor noise and JPEG blocks otherwise make thousands of one-pixel components: slow to label, useless.
            Imgproc.GaussianBlur(grey, smooth, new Size(3, 3), 0);
            // One local mean serves both polarities (what adaptiveThreshold MEAN_C would compute twice).
            Imgproc.blur(smooth, mean, new Size(block | 1, block | 1), new Point(-1, -1), Core.BORDER_REPLICATE);
            for (boolean light : new boolean[] {false, true}) {
                if (light) {
                    Core.add(mean, new Scalar(CONTRAST), level);
                    Core.compare(smooth, level, binary, Core.CMP_GT);
                } else {
                    Core.subtract(mean, new Scalar(CONTRAST - 1), level);
                    Core.compare(smooth, level, binary, Core.CMP_LT);
                }
                int n = Imgproc.connectedComponentsWithStats(binary, labels, stats, centroids, 8, CvType.CV_32S);
                int[] s = new int[n * stats.cols()];
                stats.get(0, 0, s);
                int stride = stats.cols();
                for (int i = 1; i < n; i++) {
                    int o = i * stride;
                    Rect box = new Rect(s[o + Imgproc.CC_STAT_LEFT], s[o + Imgproc.CC_STAT_TOP], s[o + Imgproc.CC_STAT_WIDTH],
                            s[o + Imgproc.CC_STAT_HEIGHT]);
                    accept(box, s[o + Imgproc.CC_STAT_AREA], light, minHeight, maxHeight, blobs);
                    if (outlines != null && isOutline(box, s[o + Imgproc.CC_STAT_AREA])) {
                        outlines.add(new Blob(box, light));
                    }
                }
            }
        } finally {
            smooth.release();
            mean.release();
            level.release();
            binary.release();
            labels.release();
            stats.release();
            centroids.release();
        }
        return blobs;
    }

    /** Grey levels a character must differ from its surroundings' mean by. */
    private static final int CONTRAST = 8;

    /**
     * Keeps a component shaped like a character, or like a few characters run together (blur, low
     * resolution and tight plate fonts make neighbours touch): those are cut into character-wide pieces.
     */
    private static void accept(Rect box, int area, boolean light, int minHeight, int maxHeight, List<Blob> out) {
        int w = box.width, h = box.height;
        if (h < minHeight || h > maxHeight || w < 2) {
            return;
        }
        double ratio = (double) h / w;
        double fill = (double) area / (w * h);
        if (ratio >= 0.9 && ratio <= 8 && fill >= 0.12 && fill <= 0.92 && !(ratio > 4.5 && fill < 0.5)) {
            out.add(new Blob(box, light));
            return;
        }
        // Run-together characters: as tall as one, two to four wide, with the ink density of text.
        if (ratio < 0.9 && ratio >= 0.3 && fill >= 0.3 && fill <= 0.75) {
            int pieces = (int) Math.round(w / (PITCH * h));
            if (pieces >= 2 && pieces <= 4) {
                for (int k = 0; k < pieces; k++) {
                    int x0 = box.x + k * w / pieces;
                    int x1 = box.x + (k + 1) * w / pieces;
                    out.add(new Blob(new Rect(x0, box.y, x1 - x0, h), light, true));
                }
            }
        }
    }

    private static boolean isOutline(Rect box, int area) {
        double aspect = (double) box.width / box.height;
        double fill = (double) area / ((double) box.width * box.height);
        return box.height >= 24 && box.width >= 40 && box.width <= 600 && aspect >= 1.2 && aspect <= 6 && fill <= 0.45;
    }

    /** Advance from one plate character to the next, in character heights. */
    private static final double PITCH = 0.6;

    /** Links neighbours of the same polarity into rows; {@code maxGap} is in character heights. */
    static List<Row> rows(List<Blob> blobs, double maxGap, int minBlobs) {
        List<Blob> sorted = new ArrayList<>(blobs);
        sorted.sort(Comparator.comparingInt(b -> b.box().x));
        int n = sorted.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < n; i++) {
            Blob a = sorted.get(i);
            int ah = a.box().height;
            for (int j = i + 1; j < n; j++) {
                Blob b = sorted.get(j);
                if (b.box().x > a.box().x + a.box().width + maxGap * ah + 1) {
                    break;
                }
                if (a.light() != b.light()) {
                    continue;
                }
                int bh = b.box().height;
                double hr = (double) Math.max(ah, bh) / Math.min(ah, bh);
                if (hr > 1.35 || Math.abs(a.cy() - b.cy()) > 0.3 * Math.max(ah, bh)) {
                    continue;
                }
                if (b.box().x < a.box().x + a.box().width * 0.5) {
                    continue;
                }
                union(parent, i, j);
            }
        }
        List<List<Blob>> groups = new ArrayList<>();
        int[] groupOf = new int[n];
        java.util.Arrays.fill(groupOf, -1);
        for (int i = 0; i < n; i++) {
            int r = find(parent, i);
            if (groupOf[r] < 0) {
                groupOf[r] = groups.size();
                groups.add(new ArrayList<>());
            }
            groups.get(groupOf[r]).add(sorted.get(i));
        }
        List<Row> rows = new ArrayList<>();
        for (List<Blob> g : groups) {
            trimShortPiecesAtTheEnds(g);
            if (g.size() >= minBlobs) {
                rows.add(new Row(g, g.get(0).light()));
            }
        }
        return rows;
    }

    /**
     * A cut piece shorter than the row's characters at either end of a row is a piece of the plate border or
     * a screw run together with the edge, not a character: it would count as one and shift the row's ends.
     */
    private static void trimShortPiecesAtTheEnds(List<Blob> row) {
        if (row.size() < 3) {
            return;
        }
        int median = row.stream().mapToInt(b -> b.box().height).sorted().skip(row.size() / 2).findFirst().orElse(0);
        while (row.size() > 2 && isShortPiece(row.get(0), median)) {
            row.remove(0);
        }
        while (row.size() > 2 && isShortPiece(row.get(row.size() - 1), median)) {
            row.remove(row.size() - 1);
        }
    }

    private static boolean isShortPiece(Blob b, int rowHeight) {
        return b.cut() && b.box().height < 0.85 * rowHeight;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        parent[find(parent, a)] = find(parent, b);
    }

    /** Mean grey inside the blobs minus around them: positive when the characters are lighter. */
    static boolean lightOnDark(Mat grey) {
        Mat binary = new Mat();
        try {
            double otsu = Imgproc.threshold(grey, binary, 0, 255, Imgproc.THRESH_BINARY | Imgproc.THRESH_OTSU);
            // Characters cover less of a plate than its background: the minority side is the ink.
            double lightShare = Core.countNonZero(binary) / (double) (grey.rows() * grey.cols());
            return otsu > 0 && lightShare < 0.45;
        } finally {
            binary.release();
        }
    }
}
