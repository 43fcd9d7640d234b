package org.borderedge.anpr.internal;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * PP-OCRv4 text-line recogniser (CTC) run by ONNX Runtime. Decoding is restricted to
 * {@link PlateAlphabet}: the model knows 6,623 characters, a plate uses about 75.
 */
public final class TextRecognizer implements AutoCloseable {

    static final String MODEL = "models/ch_PP-OCRv4_rec_infer.onnx";
    static final String KEYS = "models/ppocr_keys_v1.txt";
    private static final int HEIGHT = 48;
    /**
     * PaddleOCR pads every line to at least 320 pixels. The model's cost grows with the width (about 0.08 ms
     * of CPU per column here: 14 ms at 160, 20 ms at 256), and padding measured no accuracy, so a line is
     * padded only to a multiple of 8 and to this minimum: short lines (small characters, one row of a
     * two-line plate) cost what they are.
     */
    private static final int MIN_WIDTH = Integer.getInteger("borderedge.anpr.minLineWidth", 64);
    private static final int MAX_WIDTH = 960;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final String inputName;
    /** For each model class, the index into PlateAlphabet.ALL, or -1 when masked. Class 0 is the CTC blank. */
    private final int[] classToAlphabet;
    private final int[] alphabetToClass;

    public TextRecognizer(int threads) throws IOException, OrtException {
        env = OrtEnvironment.getEnvironment();
        try {
            env.setTelemetry(false);
        } catch (OrtException | RuntimeException notSupportedHere) {
            // Only some builds collect telemetry; turning it off is best effort.
        }
        List<String> keys = readKeys();
        classToAlphabet = new int[keys.size() + 2];
        Arrays.fill(classToAlphabet, -1);
        alphabetToClass = new int[PlateAlphabet.ALL.length()];
        Arrays.fill(alphabetToClass, -1);
        for (int k = 0; k < keys.size(); k++) {
            String key = keys.get(k);
            if (key.length() == 1) {
                int a = PlateAlphabet.indexOf(key.charAt(0));
                if (a >= 0 && alphabetToClass[a] < 0) {
                    classToAlphabet[k + 1] = a;
                    alphabetToClass[a] = k + 1;
                }
            }
        }
        session = OnnxModels.open(env, MODEL, threads);
        inputName = session.getInputNames().iterator().next();
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = TextRecognizer.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("recogniser resource missing from the anpr bundle: " + name);
        }
        return in;
    }

    private static List<String> readKeys() throws IOException {
        try (InputStream in = resource(KEYS)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> keys = new ArrayList<>(List.of(text.split("\r?\n", -1)));
            if (!keys.isEmpty() && keys.get(keys.size() - 1).isEmpty()) {
                keys.remove(keys.size() - 1);
            }
            keys.add(" ");
            return keys;
        }
    }

    /**
     * Reads one text line.
     *
     * @param line BGR image of the line, characters dark or light (the model reads both, the caller
     *             inverts light-on-dark plates to the polarity it was mostly trained on)
     */
    public List<Glyph> read(Mat line) throws OrtException {
        int width = (int) Math.round(HEIGHT * (double) line.cols() / Math.max(1, line.rows()));
        width = Math.max(8, Math.min(MAX_WIDTH, width));
        int padded = Math.max(MIN_WIDTH, (width + 7) / 8 * 8);
        Mat resized = new Mat();
        Imgproc.resize(line, resized, new Size(width, HEIGHT), 0, 0, Imgproc.INTER_LINEAR);
        Mat bgr = resized;
        if (resized.channels() == 1) {
            bgr = new Mat();
            Imgproc.cvtColor(resized, bgr, Imgproc.COLOR_GRAY2BGR);
            resized.release();
        }
        byte[] pixels = new byte[width * HEIGHT * 3];
        bgr.get(0, 0, pixels);
        bgr.release();
        float[] input = new float[3 * HEIGHT * padded];
        int plane = HEIGHT * padded;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < width; x++) {
                int p = (y * width + x) * 3;
                int q = y * padded + x;
                for (int c = 0; c < 3; c++) {
                    input[c * plane + q] = ((pixels[p + c] & 0xFF) / 255f - 0.5f) / 0.5f;
                }
            }
        }
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, 3, HEIGHT, padded});
                OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            // One flat copy of the scores: the nested float[][][] of getValue() costs an array per time step.
            OnnxTensor out = (OnnxTensor) result.get(0);
            long[] shape = out.getInfo().getShape();
            int steps = (int) shape[1];
            return decode(out.getFloatBuffer(), steps, (int) shape[2], width * steps / padded + 1);
        }
    }

    /** Greedy CTC over the allowed classes only; a glyph's scores are the maxima over the steps it spans. */
    private List<Glyph> decode(FloatBuffer probabilities, int steps, int classes, int usefulSteps) {
        List<Glyph> glyphs = new ArrayList<>();
        int previous = 0;
        float[] scores = null;
        float best = 0;
        int n = Math.min(steps, usefulSteps);
        for (int t = 0; t < n; t++) {
            int row = t * classes;
            int arg = 0;
            float max = probabilities.get(row);
            for (int a = 0; a < alphabetToClass.length; a++) {
                int c = alphabetToClass[a];
                if (c > 0 && probabilities.get(row + c) > max) {
                    max = probabilities.get(row + c);
                    arg = c;
                }
            }
            if (arg != previous && scores != null) {
                glyphs.add(glyphOf(previous, best, scores));
                scores = null;
            }
            if (arg != 0) {
                if (scores == null) {
                    scores = new float[alphabetToClass.length];
                    best = 0;
                }
                for (int a = 0; a < alphabetToClass.length; a++) {
                    int c = alphabetToClass[a];
                    if (c > 0 && probabilities.get(row + c) > scores[a]) {
                        scores[a] = probabilities.get(row + c);
                    }
                }
                best = Math.max(best, max);
            }
            previous = arg;
        }
        if (scores != null) {
            glyphs.add(glyphOf(previous, best, scores));
        }
        glyphs.removeIf(g -> PlateAlphabet.isSeparator(g.ch()));
        return glyphs;
    }

    private Glyph glyphOf(int modelClass, float confidence, float[] scores) {
        return new Glyph(PlateAlphabet.ALL.charAt(classToAlphabet[modelClass]), confidence, scores);
    }

    static String text(List<Glyph> glyphs) {
        StringBuilder sb = new StringBuilder();
        glyphs.forEach(g -> sb.append(g.ch()));
        return sb.toString();
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
