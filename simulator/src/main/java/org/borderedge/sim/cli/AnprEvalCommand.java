package org.borderedge.sim.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.borderedge.anpr.internal.AnprEngine;
import org.borderedge.core.Ticker;
import org.borderedge.sim.anpr.AnprEvaluation;
import org.borderedge.sim.anpr.AnprRuntime;
import org.borderedge.sim.anpr.PlateSceneGenerator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `anpr-eval --images DIR --labels FILE` or `anpr-eval --synthetic N --seed S [--crops]`: exact-match and
 * character accuracy of the plate recogniser, and time per image, as JSON lines.
 */
@Command(name = "anpr-eval", description = "Measure plate recognition on labelled images or on generated scenes.")
final class AnprEvalCommand implements Callable<Integer> {

    static final class Source {
        @Option(names = "--images", paramLabel = "DIR", description = "Folder of images (full scenes or plate crops)")
        Path images;

        @Option(names = "--synthetic", paramLabel = "N", description = "Generate N seeded scenes instead")
        Integer synthetic;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--labels", paramLabel = "FILE", description = "Lines `file<TAB>plate` (with --images)")
    Path labels;

    @Option(names = "--seed", defaultValue = "1", description = "Generator seed (with --synthetic)")
    long seed;

    @Option(names = "--crops", description = "Generate tight plate crops instead of 1280x720 scenes (with --synthetic)")
    boolean crops;

    @Option(names = "--threads", defaultValue = "1", description = "ONNX Runtime threads")
    int threads;

    @Option(names = "--dump", paramLabel = "DIR", description = "Write misread images and a list of them here")
    Path dump;

    @Option(names = "--verbose", description = "One line per image on stderr")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (source.images != null && labels == null) {
            System.err.println("--images needs --labels FILE (lines: file<TAB>plate)");
            return 2;
        }
        AnprEvaluation eval = new AnprEvaluation();
        Ticker ticker = Ticker.system();
        AnprEngine.Stages before = null;
        AnprEngine.Stages after = null;
        AnprEngine.DetectorCost detector;
        try (AnprEngine engine = AnprRuntime.open(threads)) {
            // The first runs of a session are slow (allocation, JIT): not part of the figures.
            engine.recognize(new PlateSceneGenerator().generateCrop(seed, -1).jpeg());
            before = engine.stages();
            AnprEngine.DetectorCost warm = engine.containerDetectorCost();
            if (source.images != null) {
                int lineNo = 0;
                for (String line : Files.readAllLines(labels, StandardCharsets.UTF_8)) {
                    lineNo++;
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    String[] parts = line.split("\t");
                    if (parts.length < 2) {
                        System.err.println(labels + ":" + lineNo + ": expected file<TAB>plate, got: " + line);
                        continue;
                    }
                    Path file = source.images.resolve(parts[0].strip());
                    if (!Files.isRegularFile(file)) {
                        System.err.println(labels + ":" + lineNo + ": no such image " + file);
                        continue;
                    }
                    record(eval, engine, new AnprEvaluation.Sample(parts[0].strip(), Files.readAllBytes(file), parts[1].strip(), null), ticker);
                }
            } else {
                PlateSceneGenerator generator = new PlateSceneGenerator();
                System.err.println("generator: " + generator.fontsDescription());
                engine.recognize(generator.generate(seed, -2).jpeg());
                before = engine.stages();
                warm = engine.containerDetectorCost();
                for (int i = 0; i < source.synthetic; i++) {
                    PlateSceneGenerator.Scene s = crops ? generator.generateCrop(seed, i) : generator.generate(seed, i);
                    record(eval, engine, new AnprEvaluation.Sample(String.format(Locale.ROOT, "%s-%05d.jpg", s.kind(), i), s.jpeg(),
                            s.plate(), s.container()), ticker);
                }
            }
            after = engine.stages();
            detector = engine.containerDetectorCost().since(warm);
        }
        System.err.println(after.since(before));
        String timeName = source.synthetic != null && !crops ? "anpr.frame" : "anpr.crop";
        print("anpr.exact_pct", eval.exactPct(), "%");
        print("anpr.char_pct", eval.charPct(), "%");
        print(timeName + ".mean_ms", eval.meanMs(), "ms");
        print(timeName + ".p95_ms", eval.p95Ms(), "ms");
        print(timeName + ".cpu_ms", eval.meanCpuMs(), "ms");
        if (!Double.isNaN(eval.containerPct())) {
            // Frames without a container must cost what they did before the door detector existed.
            print(timeName + ".no_container.cpu_ms", eval.meanCpuMs(false), "ms");
            print(timeName + ".container.cpu_ms", eval.meanCpuMs(true), "ms");
        }
        if (!Double.isNaN(eval.containerPct())) {
            print("anpr.container.exact_pct", eval.containerPct(), "%");
        }
        print("anpr.container.wrong", eval.containersWrong(), "count");
        // The door text detector: how many frames passed the door gate, and what one run costs.
        print("anpr.container.detect_runs", detector.runs(), "count");
        print("anpr.container.detect_ms", detector.runs() == 0 ? 0 : detector.wallNanos() / 1e6 / detector.runs(), "ms");
        print("anpr.container.detect_cpu_ms", detector.runs() == 0 ? 0 : detector.cpuNanos() / 1e6 / detector.runs(), "ms");
        print("anpr.images", eval.outcomes().size(), "count");
        return 0;
    }

    private void record(AnprEvaluation eval, AnprEngine engine, AnprEvaluation.Sample sample, Ticker ticker) throws IOException {
        AnprEvaluation.Outcome o = eval.add(engine, sample, ticker);
        if (verbose) {
            System.err.printf(Locale.ROOT, "%s %s expected=%s read=%s conf=%.2f %.1f ms%n", o.exact() ? "OK " : "BAD",
                    o.name(), o.expected(), o.read(), o.confidence(), o.micros() / 1000.0);
            if (o.containerExpected() != null || !o.containersRead().isEmpty()) {
                boolean read = o.containersRead().contains(o.containerExpected());
                boolean wrong = o.containersRead().stream().anyMatch(c -> !c.equals(o.containerExpected()));
                System.err.printf(Locale.ROOT, "%s %s container expected=%s read=%s%n", wrong ? "WRONG" : read ? "OK " : "MISS",
                        o.name(), o.containerExpected(), o.containersRead());
            }
        }
        if (dump != null && !o.exact()) {
            Files.createDirectories(dump);
            Files.write(dump.resolve(o.name()), sample.image());
            Files.writeString(dump.resolve("misread.tsv"), o.name() + "\t" + o.expected() + "\t" + o.read() + "\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
    }

    private static void print(String name, double value, String unit) {
        System.out.println(String.format(Locale.ROOT, "{\"name\":\"%s\",\"value\":%.3f,\"unit\":\"%s\"}", name, value, unit));
    }
}
