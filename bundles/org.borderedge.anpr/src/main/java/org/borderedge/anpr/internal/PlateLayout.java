package org.borderedge.anpr.internal;

import java.util.Comparator;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * One-line (520x110 mm) or two-line (330x165 mm) plate, and where to split the rows. Decided from the
 * character rows found inside the crop; when characters cannot be separated (blur, dirt), from the
 * crop's shape and the valley of its row-darkness profile.
 */
public final class PlateLayout {

    public enum Kind { ONE_LINE, TWO_LINE }

    /** {@code splitY} is the first row of the lower line (crop coordinates), -1 for one-line plates. */
    public record Split(Kind kind, int splitY) {
        static final Split ONE = new Split(Kind.ONE_LINE, -1);
    }

    private PlateLayout() {
    }

    /** @param grey the plate crop, 8-bit grey, characters dark or light */
    public static Split detect(Mat grey) {
        int h = grey.rows();
        int w = grey.cols();
        if (h < 12 || w < 12) {
            return Split.ONE;
        }
        List<CharBlobs.Blob> blobs = CharBlobs.find(grey, Math.max(15, h / 2) | 1, Math.max(6, h / 6), (int) (h * 0.95));
        List<CharBlobs.Row> rows = CharBlobs.rows(blobs, 1.5, 2);
        rows.sort(Comparator.comparingInt((CharBlobs.Row r) -> r.blobs().size()).reversed());
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < rows.size(); j++) {
                if (i == j) {
                    continue;
                }
                Rect top = rows.get(i).bounds();
                Rect bottom = rows.get(j).bounds();
                double rowH = Math.max(top.height, bottom.height);
                boolean stacked = bottom.y >= top.y + top.height - 0.15 * rowH;
                boolean smallRows = top.height < 0.62 * h && bottom.height < 0.62 * h;
                int overlap = Math.min(top.x + top.width, bottom.x + bottom.width) - Math.max(top.x, bottom.x);
                if (stacked && smallRows && overlap > 0.3 * Math.min(top.width, bottom.width)
                        && rows.get(i).light() == rows.get(j).light()) {
                    return new Split(Kind.TWO_LINE, (top.y + top.height + bottom.y) / 2);
                }
            }
        }
        for (CharBlobs.Row r : rows) {
            if (r.blobs().size() >= 4 && r.bounds().height > 0.5 * h) {
                return Split.ONE;
            }
        }
        return w < 3.0 * h ? byProfile(grey) : Split.ONE;
    }

    /** Two-line when the middle band of a squarish crop has clearly less ink than the bands above and below. */
    private static Split byProfile(Mat grey) {
        Mat binary = new Mat();
        Mat profile = new Mat();
        try {
            org.opencv.imgproc.Imgproc.threshold(grey, binary, 0, 255,
                    org.opencv.imgproc.Imgproc.THRESH_BINARY_INV | org.opencv.imgproc.Imgproc.THRESH_OTSU);
            if (CharBlobs.lightOnDark(grey)) {
                Core.bitwise_not(binary, binary);
            }
            Core.reduce(binary, profile, 1, Core.REDUCE_AVG, CvType.CV_32F);
            int h = grey.rows();
            float[] p = new float[h];
            profile.get(0, 0, p);
            int lo = (int) (h * 0.35), hi = (int) (h * 0.65);
            int valley = lo;
            for (int y = lo; y < hi; y++) {
                if (p[y] < p[valley]) {
                    valley = y;
                }
            }
            double upper = mean(p, (int) (h * 0.15), lo);
            double lower = mean(p, hi, (int) (h * 0.85));
            return p[valley] < 0.35 * Math.min(upper, lower) ? new Split(Kind.TWO_LINE, valley) : Split.ONE;
        } finally {
            binary.release();
            profile.release();
        }
    }

    private static double mean(float[] p, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += p[i];
        }
        return to > from ? s / (to - from) : 0;
    }
}
