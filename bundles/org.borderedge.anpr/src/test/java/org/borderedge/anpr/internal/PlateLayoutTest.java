package org.borderedge.anpr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/** Plates drawn with OpenCV's Hershey font at the real proportions (2 px per mm), as grey crops. */
class PlateLayoutTest {

    @BeforeAll
    static void openCv() {
        nu.pattern.OpenCV.loadLocally();
    }

    private static Mat plate(int width, int height, boolean light, String... rows) {
        Mat m = new Mat(height, width, CvType.CV_8UC1, new Scalar(light ? 40 : 225));
        Scalar ink = new Scalar(light ? 235 : 20);
        double rowHeight = (height - 20.0) / rows.length;
        for (int i = 0; i < rows.length; i++) {
            double scale = rowHeight * 0.7 / 22.0;
            int thickness = Math.max(2, (int) (scale * 2.5));
            double textWidth = Imgproc.getTextSize(rows[i], Imgproc.FONT_HERSHEY_SIMPLEX, scale, thickness, null).width;
            Imgproc.putText(m, rows[i], new Point((width - textWidth) / 2.0, 10 + rowHeight * (i + 1) - rowHeight * 0.15),
                    Imgproc.FONT_HERSHEY_SIMPLEX, scale, ink, thickness);
        }
        Imgproc.rectangle(m, new Point(3, 3), new Point(width - 4, height - 4), ink, 2);
        return m;
    }

    @Test
    void longPlateIsOneLine() {
        PlateLayout.Split s = PlateLayout.detect(plate(520, 110, false, "51F-678.90"));
        assertEquals(PlateLayout.Kind.ONE_LINE, s.kind());
    }

    @Test
    void squarePlateIsTwoLinesSplitBetweenTheRows() {
        Mat m = plate(330, 165, false, "29C", "123.45");
        PlateLayout.Split s = PlateLayout.detect(m);
        assertEquals(PlateLayout.Kind.TWO_LINE, s.kind());
        assertTrue(s.splitY() > 55 && s.splitY() < 110, "split at " + s.splitY());
        // No ink on the split line: it runs between the rows.
        Mat row = new Mat();
        Core.compare(m.row(s.splitY()).colRange(20, 310), new Scalar(128), row, Core.CMP_LT);
        assertEquals(0, Core.countNonZero(row));
    }

    @Test
    void motorbikePlateIsTwoLines() {
        assertEquals(PlateLayout.Kind.TWO_LINE, PlateLayout.detect(plate(190 * 2, 140 * 2, false, "59-X1", "234.56")).kind());
    }

    @Test
    void lightOnDarkPlatesAreDetectedAndLaidOutTheSameWay() {
        Mat blue = plate(330, 165, true, "80A", "123.45");
        assertTrue(CharBlobs.lightOnDark(blue));
        assertEquals(PlateLayout.Kind.TWO_LINE, PlateLayout.detect(blue).kind());
        Mat white = plate(520, 110, false, "51F-678.90");
        assertTrue(!CharBlobs.lightOnDark(white));
        assertEquals(PlateLayout.Kind.ONE_LINE, PlateLayout.detect(plate(520, 110, true, "80A-123.45")).kind());
    }

    @Test
    void smallAndBlurredCropsStillSplit() {
        Mat m = plate(330, 165, false, "29C", "123.45");
        Mat small = new Mat();
        Imgproc.resize(m, small, new org.opencv.core.Size(100, 50), 0, 0, Imgproc.INTER_AREA);
        Imgproc.GaussianBlur(small, small, new org.opencv.core.Size(3, 3), 0.8);
        assertEquals(PlateLayout.Kind.TWO_LINE, PlateLayout.detect(small).kind());
    }
}
