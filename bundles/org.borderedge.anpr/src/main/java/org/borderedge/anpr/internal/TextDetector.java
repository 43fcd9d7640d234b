package org.borderedge.anpr.internal;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.RotatedRect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * PP-OCRv4 text detector (DB, differentiable binarisation) run by ONNX Runtime: finds text lines whatever
 * stands behind them, where the blob linker fails (characters touching container door ribs). Input is the
 * BGR image scaled to multiples of 32 and normalised with the ImageNet mean and deviation, as PaddleOCR
 * trained it; output is a per-pixel text probability at the input's size. Post-processing as PaddleOCR's:
 * probability above {@link #BINARY} → connected regions → minimum-area rectangle → kept when the mean
 * probability inside is at least {@link #BOX} → grown by area x {@link #UNCLIP} / perimeter on every side
 * (the model predicts shrunken text kernels).
 */
public final class TextDetector implements AutoCloseable {

    static final String MODEL = "models/ch_PP-OCRv4_det_infer.onnx";
    static final double BINARY = 0.3;
    static final double BOX = 0.6;
    static final double UNCLIP = 1.5;
    /** Regions thinner than this (pixels of the probability map) are noise. */
    private static final double MIN_SIDE = 3;
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    /** A text line: a rotated rectangle in the coordinates of the image given to {@link #detect}. */
    public record Line(RotatedRect box, double score) {
        /** Upright bounds, for ordering and grouping. */
        Rect bounds() {
            return box.boundingRect();
        }

        /** Height of the text: the shorter side of the rectangle. */
        double height() {
            return Math.min(box.size.width, box.size.height);
        }

        /** Length along the text: the longer side. */
        double length() {
            return Math.max(box.size.width, box.size.height);
        }
    }

    private final OrtEnvironment env;
    private final OrtSession session;
    private final String inputName;

    public TextDetector(int threads) throws IOException, OrtException {
        env = OrtEnvironment.getEnvironment();
        session = OnnxModels.open(env, MODEL, threads);
        inputName = session.getInputNames().iterator().next();
    }

    /**
     * Text lines in {@code bgr} (BGR or grey), which is scaled so that its longer side is at most {@code maxSide} (the
     * model's cost grows with the pixel count). Boxes come back in {@code bgr}'s coordinates.
     */
    public List<Line> detect(Mat bgr, int maxSide) throws OrtException {
        double scale = Math.min(1.0, maxSide / (double) Math.max(bgr.cols(), bgr.rows()));
        int w = Math.max(32, (int) Math.round(bgr.cols() * scale / 32) * 32);
        int h = Math.max(32, (int) Math.round(bgr.rows() * scale / 32) * 32);
        Mat resized = new Mat();
        Imgproc.resize(bgr, resized, new Size(w, h), 0, 0, Imgproc.INTER_AREA);
        if (resized.channels() == 1) {
            // The engine decodes frames grey; the model takes three channels (after the resize: fewer pixels to copy).
            Imgproc.cvtColor(resized, resized, Imgproc.COLOR_GRAY2BGR);
        }
        byte[] pixels = new byte[w * h * 3];
        resized.get(0, 0, pixels);
        resized.release();
        float[] input = new float[3 * w * h];
        int plane = w * h;
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                input[c * plane + i] = ((pixels[i * 3 + c] & 0xFF) / 255f - MEAN[c]) / STD[c];
            }
        }
        float[] probability;
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, 3, h, w});
                OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
            probability = new float[out.remaining()];
            out.get(probability);
        }
        if (probability.length != w * h) {
            throw new IllegalStateException("text detector gave " + probability.length + " values for a " + w + "x" + h + " input");
        }
        return lines(probability, w, h, bgr.cols() / (double) w, bgr.rows() / (double) h);
    }

    /**
     * DB post-processing of a probability map of {@code w x h}; boxes are scaled by {@code sx, sy} into the
     * caller's image.
     */
    static List<Line> lines(float[] probability, int w, int h, double sx, double sy) {
        Mat map = new Mat(h, w, CvType.CV_32F);
        map.put(0, 0, probability);
        Mat binary = new Mat();
        Imgproc.threshold(map, binary, BINARY, 255, Imgproc.THRESH_BINARY);
        binary.convertTo(binary, CvType.CV_8U);
        List<MatOfPoint> contours = contours(binary, Imgproc.RETR_LIST);
        binary.release();
        List<Line> out = new ArrayList<>();
        for (MatOfPoint contour : contours) {
            MatOfPoint2f points = new MatOfPoint2f(contour.toArray());
            RotatedRect r = Imgproc.minAreaRect(points);
            points.release();
            if (Math.min(r.size.width, r.size.height) < MIN_SIDE) {
                contour.release();
                continue;
            }
            double score = meanInside(map, contour);
            contour.release();
            if (score < BOX) {
                continue;
            }
            double area = r.size.width * r.size.height;
            double grow = area * UNCLIP / (2 * (r.size.width + r.size.height));
            RotatedRect grown = new RotatedRect(new Point(r.center.x * sx, r.center.y * sy),
                    new Size((r.size.width + 2 * grow) * scaleAlong(r.angle, sx, sy),
                            (r.size.height + 2 * grow) * scaleAlong(r.angle + 90, sx, sy)), r.angle);
            out.add(new Line(grown, score));
        }
        map.release();
        return out;
    }

    /** Outlines of the shapes in a binary image ({@code mode}: RETR_LIST, RETR_EXTERNAL ...); the caller releases them. */
    static List<MatOfPoint> contours(Mat binary, int mode) {
        List<MatOfPoint> contours = new ArrayList<>();
        Mat hierarchy = new Mat();
        Imgproc.findContours(binary, contours, hierarchy, mode, Imgproc.CHAIN_APPROX_SIMPLE);
        hierarchy.release();
        return contours;
    }

    /** How a length along {@code angleDegrees} scales when x and y scale differently. */
    private static double scaleAlong(double angleDegrees, double sx, double sy) {
        double a = Math.toRadians(angleDegrees);
        return Math.hypot(Math.cos(a) * sx, Math.sin(a) * sy);
    }

    /** Mean probability inside the region's outline (PaddleOCR's "fast" box score, on the polygon itself). */
    private static double meanInside(Mat map, MatOfPoint contour) {
        Rect b = Imgproc.boundingRect(contour);
        Mat mask = Mat.zeros(b.height, b.width, CvType.CV_8U);
        Point[] shifted = contour.toArray();
        for (Point p : shifted) {
            p.x -= b.x;
            p.y -= b.y;
        }
        MatOfPoint local = new MatOfPoint(shifted);
        Imgproc.fillPoly(mask, List.of(local), new Scalar(255));
        double mean = Core.mean(map.submat(b), mask).val[0];
        local.release();
        mask.release();
        return mean;
    }

    /**
     * The line cut out and turned upright, as the recogniser wants it. Lines more than 1.5 times taller than
     * wide are turned a quarter; a column of upright stacked characters therefore reads badly and is left to
     * the caller to skip.
     */
    static Mat crop(Mat bgr, RotatedRect box) {
        Point[] corners = new Point[4];
        box.points(corners);
        // Order: top-left, top-right, bottom-right, bottom-left of the upright line.
        Point[] ordered = upright(corners);
        double width = Math.hypot(ordered[1].x - ordered[0].x, ordered[1].y - ordered[0].y);
        double height = Math.hypot(ordered[3].x - ordered[0].x, ordered[3].y - ordered[0].y);
        int outW = Math.max(4, (int) Math.round(width));
        int outH = Math.max(4, (int) Math.round(height));
        MatOfPoint2f from = new MatOfPoint2f(ordered);
        MatOfPoint2f to = new MatOfPoint2f(new Point(0, 0), new Point(outW, 0), new Point(outW, outH), new Point(0, outH));
        Mat m = Imgproc.getPerspectiveTransform(from, to);
        Mat out = new Mat();
        Imgproc.warpPerspective(bgr, out, m, new Size(outW, outH), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
        from.release();
        to.release();
        m.release();
        return out;
    }

    /** Corners ordered top-left, top-right, bottom-right, bottom-left of the text as it reads. */
    static Point[] upright(Point[] corners) {
        // Start at the corner with the smallest x + y (top-left for lines within ±45° of horizontal).
        int start = 0;
        for (int i = 1; i < 4; i++) {
            if (corners[i].x + corners[i].y < corners[start].x + corners[start].y) {
                start = i;
            }
        }
        Point[] p = new Point[4];
        for (int i = 0; i < 4; i++) {
            p[i] = corners[(start + i) % 4];
        }
        // Make the order clockwise on screen (y down): the cross product of 0→1 and 0→3 must be positive.
        double cross = (p[1].x - p[0].x) * (p[3].y - p[0].y) - (p[1].y - p[0].y) * (p[3].x - p[0].x);
        if (cross < 0) {
            p = new Point[] {p[0], p[3], p[2], p[1]};
        }
        double top = Math.hypot(p[1].x - p[0].x, p[1].y - p[0].y);
        double side = Math.hypot(p[3].x - p[0].x, p[3].y - p[0].y);
        if (side > 1.5 * top) {
            // Clearly taller than wide (PaddleOCR's rule): text running top to bottom, turned back a quarter.
            // A near-square box (one boxed digit) stays as it stands.
            p = new Point[] {p[1], p[2], p[3], p[0]};
        }
        return p;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
