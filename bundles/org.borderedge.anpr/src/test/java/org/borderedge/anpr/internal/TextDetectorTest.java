package org.borderedge.anpr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.CvType;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.RotatedRect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** DB post-processing on hand-made probability maps: what the model would output for known text lines. */
class TextDetectorTest {

    @BeforeAll
    static void openCv() {
        nu.pattern.OpenCV.loadLocally();
    }

    /** A map of {@code w x h} with each rectangle filled with its probability. */
    private static float[] map(int w, int h, Object... rectsAndProbabilities) {
        float[] p = new float[w * h];
        for (int i = 0; i < rectsAndProbabilities.length; i += 2) {
            Rect r = (Rect) rectsAndProbabilities[i];
            float v = ((Number) rectsAndProbabilities[i + 1]).floatValue();
            for (int y = r.y; y < r.y + r.height; y++) {
                for (int x = r.x; x < r.x + r.width; x++) {
                    p[y * w + x] = v;
                }
            }
        }
        return p;
    }

    @Test
    void eachConfidentRegionBecomesALineGrownByTheUnclipDistance() {
        // A 100 x 10 pixel kernel, 99 x 9 between its outer pixel centres (what the contour measures):
        // grown by area * 1.5 / perimeter = 891 * 1.5 / 216 = 6.2 on every side.
        float[] p = map(200, 100, new Rect(50, 20, 100, 10), 0.9f, new Rect(20, 60, 40, 8), 0.8f);
        List<TextDetector.Line> lines = TextDetector.lines(p, 200, 100, 1, 1);
        assertEquals(2, lines.size());
        TextDetector.Line top = lines.stream().min(Comparator.comparingDouble(l -> l.box().center.y)).orElseThrow();
        assertEquals(100, top.box().center.x, 1);
        assertEquals(25, top.box().center.y, 1);
        assertEquals(99 + 2 * 6.19, top.length(), 0.5);
        assertEquals(9 + 2 * 6.19, top.height(), 0.5);
        assertEquals(0.9, top.score(), 0.01);
    }

    @Test
    void weakAndThinRegionsAreDropped() {
        // Above the binary threshold (0.3) but below the box threshold (0.6): a faint blob, not text.
        float[] p = map(200, 100, new Rect(10, 10, 80, 12), 0.45f, new Rect(10, 50, 150, 2), 0.95f,
                new Rect(120, 70, 60, 12), 0.95f);
        List<TextDetector.Line> lines = TextDetector.lines(p, 200, 100, 1, 1);
        assertEquals(1, lines.size(), "only the confident, thick region: " + lines);
        assertEquals(150, lines.get(0).box().center.x, 1);
    }

    @Test
    void boxesAreScaledBackToTheCallersImage() {
        float[] p = map(160, 96, new Rect(40, 40, 80, 8), 0.9f);
        TextDetector.Line l = TextDetector.lines(p, 160, 96, 2.0, 1.5).get(0);
        assertEquals(160, l.box().center.x, 1.5);
        assertEquals(66, l.box().center.y, 1.5);
        // Length scales by 2 (horizontal line), height by 1.5.
        double grow = 79 * 7 * 1.5 / (2 * 86);
        assertEquals((79 + 2 * grow) * 2, l.length(), 0.5);
        assertEquals((7 + 2 * grow) * 1.5, l.height(), 0.5);
    }

    @Test
    void aTurnedLineIsCutOutUpright() {
        Mat image = new Mat(200, 300, CvType.CV_8UC3, new Scalar(255, 255, 255));
        RotatedRect box = new RotatedRect(new Point(150, 100), new Size(160, 30), 20);
        Point[] corners = new Point[4];
        box.points(corners);
        // The upper half of the band dark: after cutting out, the top rows must be the dark ones.
        Imgproc.fillConvexPoly(image, new org.opencv.core.MatOfPoint(corners), new Scalar(0, 0, 0));
        RotatedRect upperHalf = new RotatedRect(new Point(150 - 7.5 * Math.sin(Math.toRadians(20)), 100 + 7.5 * Math.cos(Math.toRadians(20))),
                new Size(160, 15), 20);
        upperHalf.points(corners);
        Imgproc.fillConvexPoly(image, new org.opencv.core.MatOfPoint(corners), new Scalar(255, 255, 255));
        Mat crop = TextDetector.crop(image, box);
        assertTrue(crop.cols() > crop.rows() * 4, crop.size().toString());
        double topRows = org.opencv.core.Core.mean(crop.submat(2, crop.rows() / 2 - 2, 10, crop.cols() - 10)).val[0];
        double bottomRows = org.opencv.core.Core.mean(crop.submat(crop.rows() / 2 + 2, crop.rows() - 2, 10, crop.cols() - 10)).val[0];
        assertTrue(topRows < 60 && bottomRows > 200, "top " + topRows + ", bottom " + bottomRows);
    }
}
