package org.borderedge.anpr.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.core.MatOfPoint;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The plate's outline (its border or the edge between plate and bumper) as a quadrilateral around a
 * candidate's characters, and the plate warped to a rectangle: the perspective correction that a
 * rotation alone cannot give when the camera looks at the plate from the side or from above.
 */
final class PlateQuad {

    private PlateQuad() {
    }

    static Optional<Mat> rectified(Mat bgr, Mat grey, Rect chars, double charHeight) {
        int mx = (int) (charHeight * 1.0), my = (int) (charHeight * 0.8);
        Rect roi = PlateFinder.clip(new Rect(chars.x - mx, chars.y - my, chars.width + 2 * mx, chars.height + 2 * my), grey);
        Mat edges = new Mat();
        Mat hierarchy = new Mat();
        List<MatOfPoint> contours = new ArrayList<>();
        try {
            Imgproc.Canny(grey.submat(roi), edges, 40, 120);
            Imgproc.dilate(edges, edges, Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 3)));
            Imgproc.findContours(edges, contours, hierarchy, Imgproc.RETR_LIST, Imgproc.CHAIN_APPROX_SIMPLE);
            Point[] best = null;
            double bestArea = Double.MAX_VALUE;
            double charArea = chars.area();
            Point[] inner = {
                new Point(chars.x - roi.x + chars.width * 0.1, chars.y - roi.y + chars.height * 0.1),
                new Point(chars.x - roi.x + chars.width * 0.9, chars.y - roi.y + chars.height * 0.1),
                new Point(chars.x - roi.x + chars.width * 0.9, chars.y - roi.y + chars.height * 0.9),
                new Point(chars.x - roi.x + chars.width * 0.1, chars.y - roi.y + chars.height * 0.9)};
            for (MatOfPoint c : contours) {
                double area = Imgproc.contourArea(c);
                if (area < charArea * 1.05 || area > charArea * 4.0) {
                    continue;
                }
                MatOfInt hullIdx = new MatOfInt();
                Imgproc.convexHull(c, hullIdx);
                Point[] pts = c.toArray();
                int[] idx = hullIdx.toArray();
                Point[] hull = new Point[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    hull[i] = pts[idx[i]];
                }
                MatOfPoint2f hull2f = new MatOfPoint2f(hull);
                MatOfPoint2f approx = new MatOfPoint2f();
                Imgproc.approxPolyDP(hull2f, approx, 0.04 * Imgproc.arcLength(hull2f, true), true);
                Point[] quad = approx.toArray();
                if (quad.length == 4 && area < bestArea && containsAll(approx, inner)) {
                    best = quad;
                    bestArea = area;
                }
            }
            if (best == null) {
                return Optional.empty();
            }
            Point[] o = order(best);
            double w = Math.max(dist(o[0], o[1]), dist(o[3], o[2]));
            double h = Math.max(dist(o[0], o[3]), dist(o[1], o[2]));
            if (w < 20 || h < 10) {
                return Optional.empty();
            }
            for (Point p : o) {
                p.x += roi.x;
                p.y += roi.y;
            }
            MatOfPoint2f src = new MatOfPoint2f(o);
            MatOfPoint2f dst = new MatOfPoint2f(new Point(0, 0), new Point(w - 1, 0), new Point(w - 1, h - 1), new Point(0, h - 1));
            Mat transform = Imgproc.getPerspectiveTransform(src, dst);
            Mat out = new Mat();
            Imgproc.warpPerspective(bgr, out, transform, new Size(w, h), Imgproc.INTER_LINEAR);
            transform.release();
            return Optional.of(out);
        } finally {
            edges.release();
            hierarchy.release();
            contours.forEach(Mat::release);
        }
    }

    private static boolean containsAll(MatOfPoint2f polygon, Point[] points) {
        for (Point p : points) {
            if (Imgproc.pointPolygonTest(polygon, p, false) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Top-left, top-right, bottom-right, bottom-left. */
    static Point[] order(Point[] q) {
        Point tl = q[0], tr = q[0], br = q[0], bl = q[0];
        for (Point p : q) {
            if (p.x + p.y < tl.x + tl.y) {
                tl = p;
            }
            if (p.x + p.y > br.x + br.y) {
                br = p;
            }
            if (p.x - p.y > tr.x - tr.y) {
                tr = p;
            }
            if (p.y - p.x > bl.y - bl.x) {
                bl = p;
            }
        }
        return new Point[] {tl.clone(), tr.clone(), br.clone(), bl.clone()};
    }

    private static double dist(Point a, Point b) {
        return Math.hypot(a.x - b.x, a.y - b.y);
    }
}
