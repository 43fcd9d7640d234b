package org.borderedge.anpr.internal;

import ai.onnxruntime.OrtException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.borderedge.anpr.Recognition;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.RotatedRect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Container numbers on container doors, where the blob rows fail because painted characters touch the
 * door's corrugation. A cheap test first looks for a door (a large upright rectangle of dense vertical
 * ribs); only then does the PP-OCR text detector run, on the door's upper part at reduced resolution. The
 * detected lines are read by the recogniser and assembled into ISO 6346 numbers: one line
 * ({@code CSQU 305438 [3]}, the boxed check digit found on the same baseline), or two or three stacked
 * lines ({@code CSQU} / {@code 305438 [3]} / {@code 45G1}). Only check-digit-valid numbers come out.
 */
final class ContainerFinder implements AutoCloseable {

    /** The detector sees the door at most this large (longer side, pixels): text on doors is large. */
    static final int DETECT_SIDE = Integer.getInteger("borderedge.anpr.containerDetectSide", 480);
    /** Recogniser runs per door at most. */
    private static final int MAX_LINES = 8;
    /** A blob-row reading this confident and unrepaired needs no second look. */
    private static final double SURE = 0.8;
    /**
     * Floor for a number from the second view. Set above the one wrong number the second view gave on the
     * seeded evaluation set (0.37, two misread characters that happened to fit); the numbers it added there
     * had 0.51 and more.
     */
    static final double STRICT_CONFIDENCE = 0.5;
    /** Extra recogniser runs per door looking for a check digit the detector missed. */
    private static final int MAX_PROBES = 3;
    /** Share of the door's height, from its top, that is searched for the code (ISO 6346 marks sit high on the door). */
    private static final double UPPER_SHARE = 0.6;
    /** Smaller images are plate pictures from cameras, never a door. */
    private static final int MIN_FRAME = 480;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private final TextDetector detector;
    private final TextRecognizer ocr;
    /** Detector cost so far, for the benchmark: runs, wall and calling-thread CPU nanoseconds. */
    private volatile AnprEngine.DetectorCost spent = new AnprEngine.DetectorCost(0, 0, 0);

    ContainerFinder(TextDetector detector, TextRecognizer ocr) {
        this.detector = detector;
        this.ocr = ocr;
    }

    static ContainerFinder open(TextRecognizer ocr, int threads) throws IOException, OrtException {
        return new ContainerFinder(new TextDetector(threads), ocr);
    }

    /** A recognised text line: where it is and what the recogniser read. */
    record ReadLine(Rect bounds, List<Glyph> glyphs) {
        double height() {
            return bounds.height;
        }

        double centreY() {
            return bounds.y + bounds.height / 2.0;
        }
    }

    /**
     * Adds what the doors in the frame show to the numbers the blob rows gave ({@code found}), unless one of
     * those is already sure; of readings in the same place the more confident stays. Plate reads lying
     * inside a container number are part of its marking (a serial such as 604521 reads as a plate) and go.
     */
    void complete(List<Recognition.ContainerReading> found, List<Recognition.PlateReading> plates, Mat bgr, Mat grey)
            throws OrtException {
        merge(found, plates, found.stream().noneMatch(r -> !r.repaired() && r.confidence() >= SURE) ? find(bgr, grey) : List.of());
    }

    /**
     * Joins door reads to the blob-row reads in {@code found}: of readings in the same place the more confident
     * stays; plate reads lying inside a container number are part of its marking and go.
     */
    static void merge(List<Recognition.ContainerReading> found, List<Recognition.PlateReading> plates,
            List<Recognition.ContainerReading> doors) {
        List<Recognition.ContainerReading> all = new ArrayList<>(found);
        all.addAll(doors);
        all.sort(Comparator.comparingDouble((Recognition.ContainerReading r) -> r.confidence() - (r.repaired() ? 0.2 : 0)).reversed());
        found.clear();
        for (Recognition.ContainerReading r : all) {
            if (found.stream().noneMatch(f -> overlap(f.box(), r.box()) > 0)) {
                found.add(r);
            }
        }
        plates.removeIf(p -> found.stream().anyMatch(c -> overlap(c.box(), p.box()) >= 0.5 * p.box().width() * p.box().height()));
    }

    /** Area shared by two boxes (0 when apart). */
    static long overlap(Recognition.Box a, Recognition.Box b) {
        long w = Math.min(a.x() + a.width(), b.x() + b.width()) - Math.max(a.x(), b.x());
        long h = Math.min(a.y() + a.height(), b.y() + b.height()) - Math.max(a.y(), b.y());
        return w > 0 && h > 0 ? w * h : 0;
    }


    /**
     * Where on a door the detector looks for the marking: the upper part (ISO 6346 marks sit high on the
     * right door) with a small margin; empty when the frame shows no door.
     */
    static Optional<Rect> markingArea(Mat grey) {
        return doorRegion(grey).map(d -> {
            int top = Math.max(0, d.y - d.height / 10);
            return AnprEngine.clip(new Rect(d.x - d.width / 20, top, d.width + d.width / 10,
                    (int) (d.y + d.height * UPPER_SHARE) - top), grey);
        });
    }

    /** Container numbers on doors in the frame; empty (and cheap) when the frame shows no door. */
    List<Recognition.ContainerReading> find(Mat bgr, Mat grey) throws OrtException {
        return find(bgr, markingArea(grey));
    }

    /** As {@link #find(Mat, Mat)} with the marking area already found. */
    List<Recognition.ContainerReading> find(Mat bgr, Optional<Rect> markingArea) throws OrtException {
        if (markingArea.isEmpty()) {
            return List.of();
        }
        Rect search = markingArea.get();
        Mat region = bgr.submat(search);
        long start = System.nanoTime();
        long cpuStart = CPU.getCurrentThreadCpuTime();
        List<TextDetector.Line> lines = detector.detect(region, DETECT_SIDE);
        spent = new AnprEngine.DetectorCost(spent.runs() + 1, spent.wallNanos() + System.nanoTime() - start,
                spent.cpuNanos() + CPU.getCurrentThreadCpuTime() - cpuStart);
        List<TextDetector.Line> chosen = lines.stream()
                // A column of stacked characters (vertical codes) is not read; a lone digit is taller than wide too.
                .filter(l -> l.bounds().height <= 2 * l.bounds().width && l.height() >= 8)
                .sorted(Comparator.comparingDouble((TextDetector.Line l) -> l.length() * l.height()).reversed())
                .limit(MAX_LINES)
                .toList();
        Optional<Recognition.ContainerReading> out = Optional.empty();
        // A second view without the lighting division when the first gives nothing: where a locking bar
        // hides part of a character, dividing it out also removes the character's visible rest.
        for (int view = 0; view < 2 && out.isEmpty(); view++) {
            List<ReadLine> recognised = new ArrayList<>();
            for (TextDetector.Line l : chosen) {
                recognised.add(readLine(region, l, search, view == 0));
            }
            // The second view is a second chance for the check digit to hold by coincidence: stricter there.
            out = view == 0 ? assemble(recognised, area -> probe(bgr, area)) : assemble(recognised, null, true);
        }
        region.release();
        return out.map(List::of).orElse(List.of());
    }

    private List<Glyph> probe(Mat bgr, Rect area) throws OrtException {
        Rect r = AnprEngine.clip(area, bgr);
        if (r.width < 8 || r.height < 8) {
            return List.of();
        }
        Mat clean = cleanLine(bgr.submat(r), true);
        List<Glyph> glyphs = ocr.read(clean);
        clean.release();
        return glyphs;
    }

    private ReadLine readLine(Mat region, TextDetector.Line line, Rect search, boolean flatten) throws OrtException {
        RotatedRect box = line.box();
        if (line.length() < 1.6 * line.height()) {
            // A lone boxed digit: the detector outlines the digit and cuts through its frame; take the whole
            // frame so that it can be recognised and erased.
            box = new RotatedRect(box.center, new Size(box.size.width * 1.5, box.size.height * 1.5), box.angle);
        }
        Mat crop = TextDetector.crop(region, box);
        Mat clean = cleanLine(crop, flatten);
        crop.release();
        List<Glyph> glyphs = ocr.read(clean);
        clean.release();
        return new ReadLine(offset(line.bounds(), search), glyphs);
    }

    /**
     * A door's text line made easy for the recogniser: grey, dark on light, the corrugation's light and shade
     * divided out, and the frame around a boxed check digit erased (the recogniser drops a boxed digit).
     * Corrugation and locking bars run the full height of the door, so each column's brightest value is that
     * column's lighting; the detector's margins above and below the characters make sure every column has
     * some bare door in it.
     */
    static Mat cleanLine(Mat bgr, boolean flatten) {
        Mat grey = new Mat();
        if (bgr.channels() == 1) {
            bgr.copyTo(grey);
        } else {
            Imgproc.cvtColor(bgr, grey, Imgproc.COLOR_BGR2GRAY);
        }
        if (CharBlobs.lightOnDark(grey)) {
            Core.bitwise_not(grey, grey);
        }
        if (!flatten) {
            eraseCheckDigitBox(grey);
            return grey;
        }
        Mat smooth = new Mat();
        Imgproc.GaussianBlur(grey, smooth, new Size(3, 3), 0);
        Mat columnLight = new Mat();
        Core.reduce(smooth, columnLight, 0, Core.REDUCE_MAX);
        smooth.release();
        Mat light = new Mat();
        Core.repeat(columnLight, grey.rows(), 1, light);
        columnLight.release();
        Mat flat = new Mat();
        Core.divide(grey, light, flat, 255.0);
        light.release();
        grey.release();
        eraseCheckDigitBox(flat);
        return flat;
    }

    /**
     * Erases the frame around a boxed check digit (the recogniser drops a boxed digit), then what else is not
     * character (see {@link #eraseStrays}). A frame is a hollow ink shape, about as wide as tall, with another
     * shape (the digit) standing free inside it; only the frame's own pixels are painted over. Letters with
     * a hole or bars (O, D, E) hold nothing free inside. A frame broken on one side (glare on a lit rib)
     * still spans the digit with its other three sides.
     */
    static void eraseCheckDigitBox(Mat flat) {
        Mat ink = new Mat();
        Imgproc.threshold(flat, ink, 0, 255, Imgproc.THRESH_BINARY_INV | Imgproc.THRESH_OTSU);
        // Blur and compression can bridge the narrow gap between a digit and its frame: a second look with the
        // ink thinned by a pixel separates them.
        Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 3));
        for (int thinning = 0; thinning < 2; thinning++) {
            if (thinning > 0) {
                Imgproc.erode(ink, ink, kernel);
            }
            if (eraseFrames(flat, ink, kernel, 1 + thinning)) {
                break;
            }
        }
        kernel.release();
        ink.release();
        eraseFrameTouchingItsDigit(flat);
        eraseStrays(flat);
    }

    /**
     * A frame the digit touches (one ink shape with it): two straight sides, the longest vertical strokes
     * of the image and about as far apart as they are long, joined by straight ink at top and bottom, with
     * ink in the middle (the digit; a letter O holds none, H and U lack a bar). The sides and bars are painted
     * over as thick as they are; a digit touching them may lose a pixel or two.
     */
    static void eraseFrameTouchingItsDigit(Mat flat) {
        Mat ink = new Mat();
        Imgproc.threshold(flat, ink, 0, 255, Imgproc.THRESH_BINARY_INV | Imgproc.THRESH_OTSU);
        int w = ink.cols(), h = ink.rows();
        byte[] px = new byte[w * h];
        ink.get(0, 0, px);
        ink.release();
        int[] length = new int[w];
        int[] end = new int[w];
        int longest = 0;
        for (int x = 0; x < w; x++) {
            int run = 0;
            for (int y = 0; y < h; y++) {
                run = px[y * w + x] != 0 ? run + 1 : 0;
                if (run > length[x]) {
                    length[x] = run;
                    end[x] = y;
                }
            }
            longest = Math.max(longest, length[x]);
        }
        if (longest < 0.4 * h) {
            return;
        }
        List<int[]> sides = new ArrayList<>();
        for (int x = 0; x < w; x++) {
            if (length[x] >= 0.85 * longest) {
                if (!sides.isEmpty() && sides.get(sides.size() - 1)[1] == x - 1) {
                    sides.get(sides.size() - 1)[1] = x;
                } else {
                    sides.add(new int[] {x, x});
                }
            }
        }
        for (int i = 0; i < sides.size(); i++) {
            // Outermost pair first: a digit with straight stems inside the frame may look like sides too.
            for (int j = sides.size() - 1; j > i; j--) {
                if (eraseFrame(flat, px, w, sides.get(i), sides.get(j), length, end, longest)) {
                    return;
                }
            }
        }
    }

    /** Paints over the frame with sides {@code left} and {@code right} if they make one; whether they did. */
    private static boolean eraseFrame(Mat flat, byte[] px, int w, int[] left, int[] right, int[] length, int[] end, int longest) {
        int width = right[1] - left[0] + 1;
        int top = end[left[1]] - length[left[1]] + 1;
        int bottom = end[left[1]];
        int stroke = Math.max(left[1] - left[0], right[1] - right[0]) + 1;
        boolean shaped = width >= 0.45 * longest && width <= 1.3 * longest && stroke < width / 4;
        if (!shaped || bar(px, w, top, left[1], right[0]) < 0 || bar(px, w, bottom, left[1], right[0]) < 0
                || !inkBetween(px, w, (top + bottom) / 2, left[1] + 1, right[0] - 1)) {
            return false;
        }
        Scalar paper = new Scalar(255);
        int t = stroke + 1;
        Imgproc.rectangle(flat, new Rect(left[0] - 1, top - 1, width + 2, t + 1), paper, -1);
        Imgproc.rectangle(flat, new Rect(left[0] - 1, bottom - t + 1, width + 2, t + 1), paper, -1);
        Imgproc.rectangle(flat, new Rect(left[0] - 1, top - 1, left[1] - left[0] + 3, bottom - top + 3), paper, -1);
        Imgproc.rectangle(flat, new Rect(right[0] - 1, top - 1, right[1] - right[0] + 3, bottom - top + 3), paper, -1);
        return true;
    }

    /** A row within 2 of {@code y} that is ink over 80 % of [from, to], or -1. */
    private static int bar(byte[] px, int w, int y, int from, int to) {
        int h = px.length / w;
        for (int row = Math.max(0, y - 2); row <= Math.min(h - 1, y + 2); row++) {
            int n = 0;
            for (int x = from; x <= to; x++) {
                n += px[row * w + x] != 0 ? 1 : 0;
            }
            if (n >= 0.8 * (to - from + 1)) {
                return row;
            }
        }
        return -1;
    }

    private static boolean inkBetween(byte[] px, int w, int y, int from, int to) {
        for (int x = from; x <= to; x++) {
            if (px[y * w + x] != 0) {
                return true;
            }
        }
        return false;
    }

    /** Paints over every frame found in {@code ink} (grown back by {@code grow} pixels); whether there was one. */
    private static boolean eraseFrames(Mat flat, Mat ink, Mat kernel, int grow) {
        Mat labels = new Mat(), stats = new Mat(), centroids = new Mat();
        int n = Imgproc.connectedComponentsWithStats(ink, labels, stats, centroids, 8, CvType.CV_32S);
        centroids.release();
        Rect[] boxes = new Rect[n];
        int[] areas = new int[n];
        for (int i = 1; i < n; i++) {
            boxes[i] = new Rect((int) stats.get(i, Imgproc.CC_STAT_LEFT)[0], (int) stats.get(i, Imgproc.CC_STAT_TOP)[0],
                    (int) stats.get(i, Imgproc.CC_STAT_WIDTH)[0], (int) stats.get(i, Imgproc.CC_STAT_HEIGHT)[0]);
            areas[i] = (int) stats.get(i, Imgproc.CC_STAT_AREA)[0];
        }
        stats.release();
        boolean found = false;
        for (int i = 1; i < n; i++) {
            if (isFrame(boxes, areas, i, flat.rows())) {
                Mat mine = new Mat();
                Core.compare(labels, new Scalar(i), mine, Core.CMP_EQ);
                Imgproc.dilate(mine, mine, kernel, new Point(-1, -1), grow);
                flat.setTo(new Scalar(255), mine);
                mine.release();
                found = true;
            }
        }
        labels.release();
        return found;
    }

    static boolean isFrame(Rect[] boxes, int[] areas, int i, int rows) {
        Rect f = boxes[i];
        double aspect = f.width / (double) f.height;
        boolean hollow = areas[i] < 0.45 * f.area();
        if (f.height < 0.4 * rows || aspect < 0.45 || aspect > 1.4 || !hollow) {
            return false;
        }
        for (int j = 1; j < boxes.length; j++) {
            Rect d = boxes[j];
            boolean inside = j != i && d.x > f.x && d.y > f.y && d.x + d.width <= f.x + f.width
                    && d.y + d.height < f.y + f.height;
            if (inside && d.height >= 0.4 * f.height) {
                return true;
            }
        }
        return false;
    }

    /**
     * Erases fragments of neighbouring lines and the remains of a frame that was broken into pieces. The
     * characters' band is where most ink shapes start and end; thin shapes reaching well above and below it
     * (a frame side, a locking bar) are painted over, and so is everything above and below the band.
     */
    static void eraseStrays(Mat flat) {
        Mat ink = new Mat();
        Imgproc.threshold(flat, ink, 0, 255, Imgproc.THRESH_BINARY_INV | Imgproc.THRESH_OTSU);
        List<MatOfPoint> contours = TextDetector.contours(ink, Imgproc.RETR_EXTERNAL);
        ink.release();
        List<Rect> characters = new ArrayList<>();
        for (MatOfPoint c : contours) {
            Rect b = Imgproc.boundingRect(c);
            if (b.height >= 0.35 * flat.rows() && b.height <= 0.85 * flat.rows()) {
                characters.add(b);
            }
        }
        if (characters.size() >= 3) {
            int top = (int) median(characters.stream().mapToDouble(b -> b.y).toArray());
            int bottom = (int) median(characters.stream().mapToDouble(b -> b.y + b.height).toArray());
            double band = Math.max(1, bottom - top);
            Scalar paper = new Scalar(255);
            for (MatOfPoint c : contours) {
                Rect b = Imgproc.boundingRect(c);
                boolean tall = b.y < top - 0.12 * band && b.y + b.height > bottom + 0.12 * band;
                if (tall && b.width <= 0.35 * band) {
                    Imgproc.drawContours(flat, List.of(c), 0, paper, -1);
                    Imgproc.drawContours(flat, List.of(c), 0, paper, 2);
                }
            }
            int margin = (int) Math.ceil(0.1 * band);
            if (top - margin > 0) {
                Imgproc.rectangle(flat, new Rect(0, 0, flat.cols(), top - margin), paper, -1);
            }
            if (bottom + margin < flat.rows()) {
                Imgproc.rectangle(flat, new Rect(0, bottom + margin, flat.cols(), flat.rows() - bottom - margin), paper, -1);
            }
        }
        contours.forEach(Mat::release);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static Rect offset(Rect r, Rect by) {
        return new Rect(r.x + by.x, r.y + by.y, r.width, r.height);
    }

    AnprEngine.DetectorCost cost() {
        return spent;
    }

    /** Reads a region where a check digit the detector missed may be (boxed digits are often not found). */
    interface CheckDigitProbe {
        List<Glyph> read(Rect area) throws OrtException;
    }

    /**
     * The best ISO 6346 number among the lines. Each visual row (lines on one baseline, left to right, so a
     * separately boxed check digit joins its serial) is tried alone. A stacked marking is taken only in its
     * real shapes: a row of exactly owner code + category (4 characters), under it the serial with its check
     * digit (7) or the serial alone (6) with the check digit alone in the row under that (or followed by the
     * size-type code, see {@link #checkDigitRow}). Glueing rows
     * together any other way would let the check digit (1 chance in 11) accept a number made of unrelated
     * lines, such as a serial followed by the size-type code. When nothing fits and the check digit alone is
     * missing (owner code and serial read, 10 characters), the places a boxed check digit is printed (right
     * of the serial, or under its start) are read by {@code probe}; a lone character read there completes the
     * number if the check digit then holds as read, without repair.
     */
    static Optional<Recognition.ContainerReading> assemble(List<ReadLine> lines, CheckDigitProbe probe) throws OrtException {
        return assemble(lines, probe, false);
    }

    /**
     * As {@link #assemble(List, CheckDigitProbe)}; {@code strict}: only numbers valid as read and with
     * confidence of at least {@link #STRICT_CONFIDENCE} count.
     */
    static Optional<Recognition.ContainerReading> assemble(List<ReadLine> lines, CheckDigitProbe probe, boolean strict)
            throws OrtException {
        List<ReadLine> rows = rows(lines);
        rows.sort(Comparator.comparingDouble(ReadLine::centreY));
        Best best = new Best(strict);
        List<ReadLine> missingCheckDigit = new ArrayList<>();
        List<Rect> probeAreas = new ArrayList<>();
        for (ReadLine row : rows) {
            best.offer(List.of(row), false);
            if (row.glyphs().size() == 10) {
                missingCheckDigit.add(row);
                probeAreas.add(rightOf(row.bounds()));
            }
            if (row.glyphs().size() != 4) {
                continue;
            }
            Optional<ReadLine> serial = below(row, rows);
            if (serial.isPresent() && serial.get().glyphs().size() == 7) {
                best.offer(List.of(row, serial.get()), true);
            } else if (serial.isPresent() && serial.get().glyphs().size() == 6) {
                below(serial.get(), rows).filter(ContainerFinder::checkDigitRow)
                        .ifPresent(c -> best.offer(List.of(row, serial.get(), c), true));
                ReadLine joined = join(List.of(row, serial.get()));
                Rect s = serial.get().bounds();
                missingCheckDigit.add(joined);
                probeAreas.add(rightOf(s));
                missingCheckDigit.add(joined);
                probeAreas.add(new Rect(s.x - s.height / 3, s.y + s.height, s.height * 2, s.height * 3 / 2));
            }
        }
        for (int i = 0; i < missingCheckDigit.size() && best.reading == null && probe != null && i < MAX_PROBES; i++) {
            List<Glyph> found = probe.read(probeAreas.get(i));
            if (found.size() == 1) {
                // Only a lone character, and only as read: a repair here would bend the serial to fit whatever
                // the probe saw.
                ReadLine digit = new ReadLine(probeAreas.get(i), found);
                best.offer(List.of(missingCheckDigit.get(i), digit), true, false);
            }
        }
        if (best.reading == null) {
            return Optional.empty();
        }
        Rect b = best.box;
        return Optional.of(new Recognition.ContainerReading(best.reading.number(), best.reading.confidence(), best.reading.repaired(),
                new Recognition.Box(b.x, b.y, b.width, b.height)));
    }

    /**
     * Whether a row under the serial can hold the check digit: the digit alone, or the digit followed by the
     * size-type code ({@code 3 45G1}: type letter third, a digit last). A size-type code alone (45G1) must
     * not lend its first digit.
     */
    static boolean checkDigitRow(ReadLine row) {
        List<Glyph> g = row.glyphs();
        if (g.size() == 1) {
            return true;
        }
        return g.size() == 5 && Character.isLetter(g.get(3).ch()) && Character.isDigit(g.get(4).ch());
    }

    /** Where a check digit printed right of a line would be. */
    private static Rect rightOf(Rect r) {
        return new Rect(r.x + r.width - r.height / 4, r.y - r.height / 3, r.height * 2, r.height * 5 / 3);
    }

    /** The best reading offered so far and the box of the rows it came from. */
    private static final class Best {
        final boolean strict;
        ContainerCodeReader.Reading reading;
        Rect box;

        Best(boolean strict) {
            this.strict = strict;
        }

        void offer(List<ReadLine> stack, boolean exactLength) {
            offer(stack, exactLength, !strict);
        }

        void offer(List<ReadLine> stack, boolean exactLength, boolean repairAllowed) {
            List<Glyph> glyphs = new ArrayList<>();
            stack.forEach(r -> glyphs.addAll(r.glyphs()));
            if (exactLength && glyphs.size() > 11) {
                // Only the check digit is taken from the last row (the size-type code may follow it).
                glyphs.subList(11, glyphs.size()).clear();
            }
            Optional<ContainerCodeReader.Reading> r = ContainerCodeReader.read(glyphs);
            if (r.isPresent() && ContainerCodeReader.reportable(r.get()) && (repairAllowed || !r.get().repaired())
                    && (!strict || r.get().confidence() >= STRICT_CONFIDENCE)
                    && (reading == null || ContainerCodeReader.score(r.get()) > ContainerCodeReader.score(reading))) {
                reading = r.get();
                box = union(stack.stream().map(ReadLine::bounds).toList());
            }
        }
    }

    private static ReadLine join(List<ReadLine> stack) {
        List<Glyph> glyphs = new ArrayList<>();
        stack.forEach(r -> glyphs.addAll(r.glyphs()));
        return new ReadLine(union(stack.stream().map(ReadLine::bounds).toList()), glyphs);
    }

    /** Joins lines that sit on one baseline with a gap of at most a few character heights (owner code, serial, check box). */
    static List<ReadLine> rows(List<ReadLine> lines) {
        List<ReadLine> sorted = new ArrayList<>(lines);
        sorted.sort(Comparator.comparingInt(l -> l.bounds().x));
        List<List<ReadLine>> groups = new ArrayList<>();
        for (ReadLine l : sorted) {
            List<ReadLine> home = null;
            for (List<ReadLine> g : groups) {
                ReadLine last = g.get(g.size() - 1);
                double h = Math.min(last.height(), l.height());
                double gap = l.bounds().x - (last.bounds().x + last.bounds().width);
                double ratio = Math.max(last.height(), l.height()) / Math.max(1, h);
                if (Math.abs(last.centreY() - l.centreY()) < 0.5 * h && ratio < 2 && gap > -0.5 * h && gap < 3 * h) {
                    home = g;
                    break;
                }
            }
            if (home == null) {
                home = new ArrayList<>();
                groups.add(home);
            }
            home.add(l);
        }
        List<ReadLine> out = new ArrayList<>();
        for (List<ReadLine> g : groups) {
            List<Glyph> glyphs = new ArrayList<>();
            g.forEach(l -> glyphs.addAll(l.glyphs()));
            out.add(new ReadLine(union(g.stream().map(ReadLine::bounds).toList()), glyphs));
        }
        return out;
    }

    /** The nearest row under {@code row}: starts below its middle, within 1.5 of its height, overlapping it sideways. */
    private static Optional<ReadLine> below(ReadLine row, List<ReadLine> rows) {
        Rect a = row.bounds();
        ReadLine best = null;
        for (ReadLine r : rows) {
            Rect b = r.bounds();
            double gap = b.y - (a.y + a.height);
            int overlap = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
            boolean aligned = overlap > 0 || Math.abs(a.x - b.x) < a.height;
            if (r != row && b.y > row.centreY() && gap < 1.5 * a.height && aligned
                    && (best == null || b.y < best.bounds().y)) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Rect union(List<Rect> rects) {
        int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = Integer.MIN_VALUE, y1 = Integer.MIN_VALUE;
        for (Rect r : rects) {
            x0 = Math.min(x0, r.x);
            y0 = Math.min(y0, r.y);
            x1 = Math.max(x1, r.x + r.width);
            y1 = Math.max(y1, r.y + r.height);
        }
        return new Rect(x0, y0, x1 - x0, y1 - y0);
    }

    /**
     * A container door: the largest upright area where vertical edges (corrugation, locking bars) clearly
     * outweigh horizontal ones, covering a good part of the frame. Works on a 320-pixel-wide copy, about
     * a millisecond, so plate-only frames pay almost nothing for it. Ratios, not absolute contrast, so
     * that dark doors in poor light still count while noise (equal in both directions) does not.
     */
    static Optional<Rect> doorRegion(Mat grey) {
        if (Math.max(grey.cols(), grey.rows()) < MIN_FRAME) {
            return Optional.empty();
        }
        double f = 320.0 / grey.cols();
        Mat small = new Mat();
        Imgproc.resize(grey, small, new Size(320, Math.max(1, Math.round(grey.rows() * f))), 0, 0, Imgproc.INTER_AREA);
        Mat gx = new Mat(), gy = new Mat();
        Imgproc.Sobel(small, gx, CvType.CV_32F, 1, 0);
        Imgproc.Sobel(small, gy, CvType.CV_32F, 0, 1);
        Core.absdiff(gx, new Scalar(0), gx);
        Core.absdiff(gy, new Scalar(0), gy);
        Imgproc.blur(gx, gx, new Size(9, 9));
        Imgproc.blur(gy, gy, new Size(9, 9));
        Mat twiceGy = new Mat();
        Core.multiply(gy, new Scalar(2), twiceGy);
        Mat ribbed = new Mat(), strong = new Mat();
        Core.compare(gx, twiceGy, ribbed, Core.CMP_GT);
        Core.compare(gx, new Scalar(8), strong, Core.CMP_GT);
        Core.bitwise_and(ribbed, strong, ribbed);
        Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(9, 9));
        Imgproc.morphologyEx(ribbed, ribbed, Imgproc.MORPH_CLOSE, kernel);
        Mat labels = new Mat(), stats = new Mat(), centroids = new Mat();
        int n = Imgproc.connectedComponentsWithStats(ribbed, labels, stats, centroids, 8, CvType.CV_32S);
        Rect best = null;
        int bestArea = 0;
        for (int i = 1; i < n; i++) {
            int area = (int) stats.get(i, Imgproc.CC_STAT_AREA)[0];
            int w = (int) stats.get(i, Imgproc.CC_STAT_WIDTH)[0];
            int h = (int) stats.get(i, Imgproc.CC_STAT_HEIGHT)[0];
            boolean big = w >= 0.2 * small.cols() && h >= 0.25 * small.rows();
            boolean solid = area >= 0.5 * w * h;
            if (big && solid && area > bestArea) {
                bestArea = area;
                best = new Rect((int) stats.get(i, Imgproc.CC_STAT_LEFT)[0], (int) stats.get(i, Imgproc.CC_STAT_TOP)[0], w, h);
            }
        }
        for (Mat m : List.of(small, gx, gy, twiceGy, ribbed, strong, kernel, labels, stats, centroids)) {
            m.release();
        }
        if (best == null) {
            return Optional.empty();
        }
        return Optional.of(new Rect((int) (best.x / f), (int) (best.y / f), (int) Math.ceil(best.width / f), (int) Math.ceil(best.height / f)));
    }

    @Override
    public void close() throws OrtException {
        detector.close();
    }
}
