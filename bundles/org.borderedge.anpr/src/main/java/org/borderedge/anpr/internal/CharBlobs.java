package org.borderedge.anpr.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgproc.Imgproc;

/**
 * Character-sized connected components and their grouping into text rows: the common ground of plate
 * localisation, layout detection and container-code finding. Works for both polarities (dark characters on
 * a light plate and light characters on a dark plate).
 */
final class CharBlobs {

    /** A character candidate; {@code light} when it is lighter than its surroundings. */
    record Blob(Rect box, boolean light) {
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
        List<Blob> blobs = new ArrayList<>();
        Mat binary = new Mat();
        Mat labels = new Mat();
        Mat stats = new Mat();
        Mat centroids = new Mat();
        try {
            for (boolean light : new boolean[] {false, true}) {
                Imgproc.adaptiveThreshold(grey, binary, 255, Imgproc.ADAPTIVE_THRESH_MEAN_C,
                        light ? Imgproc.THRESH_BINARY : Imgproc.THRESH_BINARY_INV, block | 1, light ? -8 : 8);
                int n = Imgproc.connectedComponentsWithStats(binary, labels, stats, centroids, 8, CvType.CV_32S);
                int[] s = new int[5];
                for (int i = 1; i < n; i++) {
                    stats.get(i, 0, s);
                    int w = s[Imgproc.CC_STAT_WIDTH], h = s[Imgproc.CC_STAT_HEIGHT], area = s[Imgproc.CC_STAT_AREA];
                    if (h < minHeight || h > maxHeight || w < 2) {
                        continue;
                    }
                    double ratio = (double) h / w;
                    double fill = (double) area / (w * h);
                    if (ratio < 0.9 || ratio > 8 || fill < 0.12 || fill > 0.92) {
                        continue;
                    }
                    if (ratio > 4.5 && fill < 0.5) {
                        continue;
                    }
                    blobs.add(new Blob(new Rect(s[0], s[1], w, h), light));
                }
            }
        } finally {
            binary.release();
            labels.release();
            stats.release();
            centroids.release();
        }
        return blobs;
    }

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
            if (g.size() >= minBlobs) {
                rows.add(new Row(g, g.get(0).light()));
            }
        }
        return rows;
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
