package org.borderedge.anpr.internal;

import ai.onnxruntime.OrtException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.borderedge.anpr.PlateRecognizer;
import org.borderedge.anpr.Recognition;
import org.borderedge.anpr.Recognition.Box;
import org.borderedge.core.PlateFormat;
import org.borderedge.core.Ticker;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * The recognition core, plain Java: OpenCV finds and straightens candidate regions, the PP-OCR recogniser
 * reads them, the plate grammar and ISO 6346 decide what was read. The OpenCV native library must be
 * loaded by the caller (in OSGi by the OpenCV bundle's loader, elsewhere by nu.pattern.OpenCV.loadLocally()).
 */
public final class AnprEngine implements PlateRecognizer, AutoCloseable {

    /**
     * @param ocrThreads    ONNX Runtime intra-op threads
     * @param maxReads      recogniser runs per image at most (the cost of a frame is mostly this)
     * @param minConfidence plates below this are not reported
     */
    public record Options(int ocrThreads, int maxReads, double minConfidence) {
        public static Options defaults() {
            return new Options(1, 6, 0.35);
        }
    }

    /** What the container text detector has cost so far: runs, wall and calling-thread CPU nanoseconds. */
    public record DetectorCost(int runs, long wallNanos, long cpuNanos) {
        /** What was spent after {@code earlier} (e.g. leaving out warm-up frames). */
        public DetectorCost since(DetectorCost earlier) {
            return new DetectorCost(runs - earlier.runs, wallNanos - earlier.wallNanos, cpuNanos - earlier.cpuNanos);
        }
    }

    private static final int LINE_HEIGHT = 48;
    /** A read this sure ends the search for further plates in the frame (container codes are still looked for). */
    private static final double SURE = 0.85;

    /**
     * Where a frame's time goes, as CPU time of the calling thread (wall time on a shared machine says
     * little). Cumulative over the engine's life; read it before and after a run of frames.
     */
    public record Stages(long frames, long decodeNanos, long searchNanos, long recogniserNanos, long reads, long totalNanos) {
        /** What was spent between {@code earlier} and this. */
        public Stages since(Stages earlier) {
            return new Stages(frames - earlier.frames, decodeNanos - earlier.decodeNanos, searchNanos - earlier.searchNanos,
                    recogniserNanos - earlier.recogniserNanos, reads - earlier.reads, totalNanos - earlier.totalNanos);
        }

        @Override
        public String toString() {
            double f = Math.max(1, frames);
            return String.format(java.util.Locale.ROOT, "per frame: decode %.1f ms, candidate search %.1f ms, recogniser %.1f ms"
                    + " (%.2f runs, %.1f ms each), rest %.1f ms, total %.1f ms CPU", decodeNanos / f / 1e6, searchNanos / f / 1e6,
                    recogniserNanos / f / 1e6, reads / f, recogniserNanos / Math.max(1.0, reads) / 1e6,
                    (totalNanos - decodeNanos - searchNanos - recogniserNanos) / f / 1e6, totalNanos / f / 1e6);
        }
    }

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private final TextRecognizer ocr;
    private final ContainerFinder containerFinder;
    private final Options options;
    private final Ticker ticker;
    private final LongAdder frames = new LongAdder();
    private final LongAdder decodeNanos = new LongAdder();
    private final LongAdder searchNanos = new LongAdder();
    private final LongAdder recogniserNanos = new LongAdder();
    private final LongAdder reads = new LongAdder();
    private final LongAdder totalNanos = new LongAdder();
    /**
     * Reads container doors beside the plate search: a door costs several times a plate, and the gateway has
     * two cores, so the frame takes as long as the slower of the two instead of their sum.
     */
    private final ExecutorService doorReader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "anpr-container-doors");
        t.setDaemon(true);
        return t;
    });

    private AnprEngine(TextRecognizer ocr, ContainerFinder containerFinder, Options options, Ticker ticker) {
        this.ocr = ocr;
        this.containerFinder = containerFinder;
        this.options = options;
        this.ticker = ticker;
    }

    public static AnprEngine open(Options options, Ticker ticker) throws IOException, OrtException {
        TextRecognizer ocr = new TextRecognizer(options.ocrThreads());
        try {
            return new AnprEngine(ocr, ContainerFinder.open(ocr, options.ocrThreads()), options, ticker);
        } catch (IOException | OrtException | RuntimeException e) {
            ocr.close();
            throw e;
        }
    }

    public Stages stages() {
        return new Stages(frames.sum(), decodeNanos.sum(), searchNanos.sum(), recogniserNanos.sum(), reads.sum(), totalNanos.sum());
    }

    private static long cpu() {
        return CPU.getCurrentThreadCpuTime();
    }

    @Override
    public Recognition recognize(byte[] encodedImage) {
        long start = ticker.nanos();
        if (encodedImage == null || encodedImage.length == 0) {
            return Recognition.failed("empty image");
        }
        long cpuStart = cpu();
        MatOfByte buffer = new MatOfByte(encodedImage);
        // Grey from the start: localisation works on grey anyway, the recogniser read grey lines as well as colour
        // ones (same 1,000-scene score), and a grey JPEG decode skips the colour conversion: 3 ms instead of 7.5
        // per 1280x720 frame. Evidence crops are grey as a consequence, like the pictures of IR plate cameras.
        Mat image = Imgcodecs.imdecode(buffer, Imgcodecs.IMREAD_GRAYSCALE);
        buffer.release();
        decodeNanos.add(cpu() - cpuStart);
        if (image.empty()) {
            return Recognition.failed("not a decodable JPEG or PNG (" + encodedImage.length + " bytes)");
        }
        try {
            Recognition r = recognize(image);
            return new Recognition(r.plates(), r.containers(), (ticker.nanos() - start) / 1000, r.problem());
        } catch (OrtException | RuntimeException e) {
            return Recognition.failed("recogniser failed: " + e);
        } finally {
            image.release();
            frames.increment();
            totalNanos.add(cpu() - cpuStart);
        }
    }

    /** Reads a decoded image, BGR or grey; the caller keeps ownership of {@code bgr}. */
    public Recognition recognize(Mat bgr) throws OrtException {
        long start = ticker.nanos();
        Mat grey = grey(bgr);
        long searchStart = cpu();
        Optional<Rect> marking = ContainerFinder.markingArea(grey);
        Future<List<Recognition.ContainerReading>> doors = marking.isEmpty() ? null
                : doorReader.submit(() -> containerFinder.find(bgr, marking));
        try {
            List<PlateFinder.Candidate> candidates = PlateFinder.candidates(grey);
            searchNanos.add(cpu() - searchStart);
            return read(bgr, grey, candidates, doors, start);
        } finally {
            if (doors != null) {
                // bgr and grey belong to the caller, who releases them: the door reader must be done with them.
                awaitQuietly(doors);
            }
            if (grey != bgr) {
                grey.release();
            }
        }
    }

    private static void awaitQuietly(Future<?> f) {
        boolean interrupted = false;
        while (true) {
            try {
                f.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException | CancellationException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private Recognition read(Mat bgr, Mat grey, List<PlateFinder.Candidate> candidates,
            Future<List<Recognition.ContainerReading>> doors, long start) throws OrtException {
        List<Recognition.PlateReading> plates = new ArrayList<>();
        List<Recognition.ContainerReading> containers = new ArrayList<>();
        List<Rect> taken = new ArrayList<>();
        int reads = 0;
        boolean sure = false;
        double sureCharHeight = 0;
        for (PlateFinder.Candidate c : candidates) {
            if (reads >= options.maxReads()) {
                break;
            }
            if (taken.stream().anyMatch(t -> PlateFinder.covered(c.box(), t) > 0.5 || PlateFinder.covered(t, c.box()) > 0.5)) {
                continue;
            }
            if (sure && !mayBeContainerCode(c, sureCharHeight)) {
                continue;
            }
            if (c.kind() == PlateFinder.Kind.PLATE) {
                reads++;
                Rect region = pad(c.box(), bgr, 0.04);
                Optional<PlateGrammar.Match> whole = readCrop(bgr.submat(region)).filter(x -> x.confidence() >= options.minConfidence());
                if (whole.isPresent() && report(whole.get(), region, bgr, plates, taken) && !sure) {
                    sure = true;
                    sureCharHeight = c.rows().get(0).height();
                }
                continue;
            }
            Mat line = lineImage(bgr, c, 0, 0);
            List<Glyph> glyphs = recognise(line);
            line.release();
            reads++;
            Optional<PlateGrammar.Match> first = PlateGrammar.best(glyphs);
            boolean weak = first.isEmpty() || first.get().confidence() < options.minConfidence()
                    || first.get().plate().format() == PlateFormat.KH;
            if (c.kind() == PlateFinder.Kind.ONE_LINE && weak && glyphs.size() >= 5 && glyphs.size() <= 8 && letters(glyphs) <= 3
                    && reads < options.maxReads()) {
                // The first character of a Chinese plate (or a dirty first digit) often breaks into pieces that
                // are not character-sized, so the row starts one character late: look once more, further left.
                // A read shorter than any plate also lost characters at its end (merged with the border, a dot
                // run into a digit): look further right too, about a character per missing one.
                double right = Math.max(0, 8 - glyphs.size()) * 0.7;
                line = lineImage(bgr, c, 1.2, right);
                List<Glyph> wider = recognise(line);
                line.release();
                reads++;
                Optional<PlateGrammar.Match> second = PlateGrammar.best(wider);
                if (second.isPresent() && (first.isEmpty() || second.get().score() > first.get().score())) {
                    glyphs = wider;
                }
            }
            Rect box = c.box();
            Optional<ContainerCodeReader.Reading> code = glyphs.size() >= 11
                    ? ContainerCodeReader.read(glyphs).filter(ContainerCodeReader::reportable) : Optional.empty();
            if (code.isPresent()) {
                containers.add(new Recognition.ContainerReading(code.get().number(), code.get().confidence(),
                        code.get().repaired(), box(box)));
                taken.add(box);
                continue;
            }
            Optional<PlateGrammar.Match> m = PlateGrammar.best(glyphs).filter(x -> x.confidence() >= options.minConfidence());
            Rect plateBox = box;
            // Second sources only where the recogniser saw text at all: an empty read is rarely a plate.
            if (m.isEmpty() && c.kind() != PlateFinder.Kind.CODE_LINE && glyphs.size() >= 2 && reads < options.maxReads()) {
                // Second source: the plate outline around these characters, warped flat, read as a whole plate.
                Optional<Mat> flat = PlateQuad.rectified(bgr, grey, box, c.rows().get(0).height());
                if (flat.isPresent()) {
                    reads++;
                    m = readCrop(flat.get()).filter(x -> x.confidence() >= options.minConfidence());
                    flat.get().release();
                }
            }
            if (m.isEmpty() && c.kind() == PlateFinder.Kind.ONE_LINE && c.rows().get(0).blobs().size() <= 6
                    && glyphs.size() >= 2 && glyphs.size() <= 6 && reads < options.maxReads()) {
                // A lone short row may be one line of a two-line plate whose other line was not separated
                // (characters touching the border or each other): read the plate-sized region around it.
                for (Rect region : PlateFinder.twoLineRegions(c.rows().get(0), bgr)) {
                    if (reads >= options.maxReads()) {
                        break;
                    }
                    reads++;
                    Optional<PlateGrammar.Match> r = readCrop(bgr.submat(region)).filter(x -> x.confidence() >= options.minConfidence());
                    if (r.isPresent()) {
                        m = r;
                        plateBox = region;
                        break;
                    }
                }
            }
            if (m.isPresent() && report(m.get(), plateBox, bgr, plates, taken) && !sure) {
                sure = true;
                sureCharHeight = c.rows().stream().mapToDouble(CharBlobs.Row::height).max().orElse(0);
            }
        }
        // Container doors: characters touching the ribs escape the blob rows; the text detector, gated on door evidence.
        String containerProblem = null;
        List<Recognition.ContainerReading> doorReads = List.of();
        if (doors != null) {
            try {
                doorReads = doors.get();
            } catch (ExecutionException e) {
                // The plates read so far still count: a lane must not lose its plate to a failure on the door.
                containerProblem = "container reading failed: " + e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                containerProblem = "container reading interrupted";
            }
        }
        ContainerFinder.merge(containers, plates, doorReads);
        if (!sure && containers.isEmpty() && looksLikeCrop(bgr)) {
            // A camera's plate picture: when nothing sure was found inside it, the whole image is the plate.
            Optional<Recognition.PlateReading> whole = readWholeCrop(bgr, grey);
            double best = plates.stream().mapToDouble(Recognition.PlateReading::confidence).max().orElse(0);
            if (whole.isPresent() && whole.get().confidence() > best) {
                plates.removeIf(p -> p.plate().equals(whole.get().plate()));
                plates.add(whole.get());
            }
        }
        plates.sort(Comparator.comparingDouble(Recognition.PlateReading::confidence).reversed());
        String problem = containerProblem != null ? containerProblem
                : plates.isEmpty() && containers.isEmpty() ? "no plate or container number found" : null;
        return new Recognition(List.copyOf(plates), List.copyOf(containers), (ticker.nanos() - start) / 1000, problem);
    }

    /** Adds a plate read with its evidence crop; true when it is sure enough to end the search for plates. */
    private static boolean report(PlateGrammar.Match m, Rect box, Mat image, List<Recognition.PlateReading> plates, List<Rect> taken) {
        plates.add(new Recognition.PlateReading(m.plate(), m.confidence(), box(box), jpeg(image, pad(box, image, 0.15))));
        taken.add(box);
        return m.confidence() >= SURE;
    }

    /**
     * Latin letters in a read. No plate has more than three (Vietnamese series, Chinese office letter plus at
     * most two in the serial): more is a word (a make, a company name), not a plate missing its first character.
     */
    static int letters(List<Glyph> glyphs) {
        return (int) glyphs.stream().filter(g -> g.ch() >= 'A' && g.ch() <= 'Z').count();
    }

    /**
     * After a sure plate only a container number is still worth a read: a long line of characters no smaller
     * than the plate's (container letters are 100 mm and more, plate characters 70-80 mm, and both
     * are on the vehicle's back at about the same distance).
     */
    private static boolean mayBeContainerCode(PlateFinder.Candidate c, double plateCharHeight) {
        int blobs = c.rows().stream().mapToInt(r -> r.blobs().size()).sum();
        double height = c.rows().get(0).height();
        boolean line = c.kind() == PlateFinder.Kind.CODE_LINE || c.kind() == PlateFinder.Kind.ONE_LINE && blobs >= 9;
        return line && height >= Math.max(15, 0.8 * plateCharHeight);
    }

    /** The image itself when it is grey already, else a grey copy. */
    private static Mat grey(Mat image) {
        if (image.channels() == 1) {
            return image;
        }
        Mat grey = new Mat();
        Imgproc.cvtColor(image, grey, Imgproc.COLOR_BGR2GRAY);
        return grey;
    }

    /** A tight plate crop: small and plate-shaped. A full scene is never read as a whole. */
    private static boolean looksLikeCrop(Mat bgr) {
        double aspect = (double) bgr.cols() / bgr.rows();
        return bgr.cols() <= 800 && aspect >= 1.1 && aspect <= 7;
    }

    private Optional<Recognition.PlateReading> readWholeCrop(Mat bgr, Mat grey) throws OrtException {
        return readCrop(bgr).map(m -> new Recognition.PlateReading(m.plate(), m.confidence(),
                new Box(0, 0, bgr.cols(), bgr.rows()), jpeg(bgr, new Rect(0, 0, bgr.cols(), bgr.rows()))))
                .filter(r -> r.confidence() >= options.minConfidence());
    }

    /** Reads a region that is a whole plate: polarity and layout decided inside it, rows joined into one line. */
    Optional<PlateGrammar.Match> readCrop(Mat bgr) throws OrtException {
        Mat grey = grey(bgr);
        boolean light = CharBlobs.lightOnDark(grey);
        PlateLayout.Split split = PlateLayout.detect(grey);
        if (grey != bgr) {
            grey.release();
        }
        Mat line;
        if (split.kind() == PlateLayout.Kind.TWO_LINE) {
            Mat top = bgr.submat(0, split.splitY(), 0, bgr.cols()).clone();
            Mat bottom = bgr.submat(split.splitY(), bgr.rows(), 0, bgr.cols()).clone();
            line = joinRows(List.of(top, bottom), light);
        } else {
            line = toLine(bgr.clone(), light);
        }
        List<Glyph> glyphs = recognise(line);
        line.release();
        return PlateGrammar.best(glyphs);
    }

    private List<Glyph> recognise(Mat line) throws OrtException {
        long start = cpu();
        try {
            return ocr.read(line);
        } finally {
            recogniserNanos.add(cpu() - start);
            reads.increment();
        }
    }

    /** The candidate as one text line for the recogniser: rows straightened, dark on light, side by side. */
    static Mat lineImage(Mat bgr, PlateFinder.Candidate c, double extraLeft, double extraRight) {
        List<Mat> rows = new ArrayList<>();
        for (CharBlobs.Row r : c.rows()) {
            rows.add(straighten(bgr, r.blobs(), 0.5 + extraLeft, 0.5 + extraRight));
        }
        return rows.size() == 1 ? toLine(rows.get(0), c.light()) : joinRows(rows, c.light());
    }

    private static Mat toLine(Mat row, boolean light) {
        if (light) {
            Core.bitwise_not(row, row);
        }
        return row;
    }

    /** Two-line plates are read as one line "top row, gap, bottom row": one recogniser run instead of two. */
    static Mat joinRows(List<Mat> rows, boolean light) {
        List<Mat> parts = new ArrayList<>();
        Scalar background = null;
        for (Mat r : rows) {
            toLine(r, light);
            Mat scaled = new Mat();
            Imgproc.resize(r, scaled, new Size(Math.max(4, Math.round(r.cols() * (double) LINE_HEIGHT / r.rows())), LINE_HEIGHT));
            r.release();
            if (background == null) {
                background = Core.mean(scaled.col(scaled.cols() - 1));
            }
            if (!parts.isEmpty()) {
                parts.add(new Mat(LINE_HEIGHT, LINE_HEIGHT / 2, scaled.type(), background));
            }
            parts.add(scaled);
        }
        Mat out = new Mat();
        Core.hconcat(parts, out);
        parts.forEach(Mat::release);
        return out;
    }

    /** Cuts a row out along its own slope (least-squares line through the character centres), with margins. */
    static Mat straighten(Mat bgr, List<CharBlobs.Blob> blobs, double marginLeft, double marginRight) {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = blobs.size();
        for (CharBlobs.Blob b : blobs) {
            sx += b.cx();
            sy += b.cy();
            sxx += b.cx() * b.cx();
            sxy += b.cx() * b.cy();
        }
        double denominator = n * sxx - sx * sx;
        double slope = n > 1 && denominator > 1e-6 ? (n * sxy - sx * sy) / denominator : 0;
        slope = Math.max(-0.4, Math.min(0.4, slope));
        double angle = Math.toDegrees(Math.atan(slope));
        Rect bounds = CharBlobs.union(blobs);
        double h = blobs.stream().mapToInt(b -> b.box().height).sorted().skip(n / 2).findFirst().orElse(bounds.height);
        double length = bounds.width / Math.cos(Math.atan(slope));
        int outW = (int) Math.round(length + (marginLeft + marginRight) * h);
        int outH = (int) Math.round(h * 1.5);
        double cx = bounds.x + bounds.width / 2.0 + (marginRight - marginLeft) * h / 2;
        Point centre = new Point(cx, sy / n + slope * (cx - sx / n));
        int reach = (int) Math.ceil(Math.hypot(outW, outH) / 2) + 2;
        Rect roi = clip(new Rect((int) centre.x - reach, (int) centre.y - reach, 2 * reach, 2 * reach), bgr);
        Mat sub = bgr.submat(roi);
        Point local = new Point(centre.x - roi.x, centre.y - roi.y);
        Mat rotated = sub;
        if (Math.abs(angle) > 0.5) {
            rotated = new Mat();
            Mat m = Imgproc.getRotationMatrix2D(local, angle, 1.0);
            Imgproc.warpAffine(sub, rotated, m, sub.size(), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
            m.release();
        }
        Mat out = new Mat();
        Imgproc.getRectSubPix(rotated, new Size(outW, outH), local, out);
        if (rotated != sub) {
            rotated.release();
        }
        return out;
    }

    static Rect clip(Rect r, Mat image) {
        int x0 = Math.max(0, r.x), y0 = Math.max(0, r.y);
        int x1 = Math.min(image.cols(), r.x + r.width), y1 = Math.min(image.rows(), r.y + r.height);
        return new Rect(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
    }

    private static Rect pad(Rect r, Mat image, double share) {
        int dx = (int) (r.width * share), dy = (int) (r.height * share);
        return clip(new Rect(r.x - dx, r.y - dy, r.width + 2 * dx, r.height + 2 * dy), image);
    }

    private static Box box(Rect r) {
        return new Box(r.x, r.y, r.width, r.height);
    }

    private static byte[] jpeg(Mat bgr, Rect r) {
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(".jpg", bgr.submat(r), out, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 85));
        byte[] bytes = out.toArray();
        out.release();
        return bytes;
    }

    public DetectorCost containerDetectorCost() {
        return containerFinder.cost();
    }

    @Override
    public void close() throws OrtException {
        doorReader.shutdownNow();
        try {
            doorReader.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        containerFinder.close();
        ocr.close();
    }
}
