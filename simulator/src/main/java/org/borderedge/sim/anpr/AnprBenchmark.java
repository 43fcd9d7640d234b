package org.borderedge.sim.anpr;

import java.util.List;
import org.borderedge.anpr.internal.AnprEngine;
import org.borderedge.core.Ticker;
import org.borderedge.sim.bench.BenchOutput;
import org.borderedge.sim.bench.Benchmark;

/**
 * Plate recognition on seeded generated images: exact-match rate over 1280x720 scenes (1,000, or 50 with
 * --quick), wall time per frame and per tight plate crop. One ONNX Runtime thread, as on a gateway that
 * serves several lanes. The *.cpu_ms figures are the calling thread's CPU time, which stays meaningful on a
 * loaded machine; the frame's CPU time is also split by stage (JPEG decode, candidate search, recogniser)
 * with the number of recogniser runs per frame.
 */
public final class AnprBenchmark implements Benchmark {

    private static final long SEED = 20261123L;
    private static final int WARM_UP = 20;

    @Override
    public List<String> names() {
        return List.of("anpr.synthetic.exact_pct", "anpr.synthetic.char_pct", "anpr.frame.mean_ms", "anpr.frame.p95_ms",
                "anpr.frame.cpu_ms", "anpr.frame.decode_cpu_ms", "anpr.frame.search_cpu_ms", "anpr.frame.recogniser_cpu_ms",
                "anpr.frame.recogniser_runs", "anpr.crop.mean_ms", "anpr.crop.p95_ms", "anpr.crop.cpu_ms", "anpr.container.exact_pct",
                "anpr.container.detect_ms", "anpr.container.detect_cpu_ms");
    }

    @Override
    public void run(boolean quick, BenchOutput out) throws Exception {
        int scenes = quick ? 50 : 1000;
        int crops = quick ? 30 : 300;
        PlateSceneGenerator generator = new PlateSceneGenerator();
        Ticker ticker = Ticker.system();
        try (AnprEngine engine = AnprRuntime.open(1)) {
            // Steady state, as on a gateway that runs for days: the JIT compiles the localisation and grammar code
            // over the first frames, which with --quick would otherwise be a fifth of the figure.
            for (int i = 0; i < WARM_UP; i++) {
                engine.recognize(generator.generate(SEED, -1 - i).jpeg());
                engine.recognize(generator.generateCrop(SEED, -1 - i).jpeg());
            }
            AnprEngine.DetectorCost warm = engine.containerDetectorCost();
            AnprEvaluation frames = new AnprEvaluation();
            AnprEngine.Stages before = engine.stages();
            for (int i = 0; i < scenes; i++) {
                PlateSceneGenerator.Scene s = generator.generate(SEED, i);
                frames.add(engine, new AnprEvaluation.Sample("scene-" + i, s.jpeg(), s.plate(), s.container()), ticker);
            }
            out.figure("anpr.synthetic.exact_pct", frames.exactPct(), "%");
            out.figure("anpr.synthetic.char_pct", frames.charPct(), "%");
            out.figure("anpr.frame.mean_ms", frames.meanMs(), "ms");
            out.figure("anpr.frame.p95_ms", frames.p95Ms(), "ms");
            out.figure("anpr.frame.cpu_ms", frames.meanCpuMs(), "ms");
            AnprEngine.Stages stages = engine.stages().since(before);
            double n = Math.max(1, stages.frames());
            out.figure("anpr.frame.decode_cpu_ms", stages.decodeNanos() / n / 1e6, "ms");
            out.figure("anpr.frame.search_cpu_ms", stages.searchNanos() / n / 1e6, "ms");
            out.figure("anpr.frame.recogniser_cpu_ms", stages.recogniserNanos() / n / 1e6, "ms");
            out.figure("anpr.frame.recogniser_runs", stages.reads() / n, "count");
            out.figure("anpr.container.exact_pct", frames.containerPct(), "%");
            AnprEngine.DetectorCost detector = engine.containerDetectorCost().since(warm);
            int runs = Math.max(1, detector.runs());
            out.figure("anpr.container.detect_ms", detector.wallNanos() / 1e6 / runs, "ms");
            out.figure("anpr.container.detect_cpu_ms", detector.cpuNanos() / 1e6 / runs, "ms");
            AnprEvaluation tight = new AnprEvaluation();
            for (int i = 0; i < crops; i++) {
                PlateSceneGenerator.Scene s = generator.generateCrop(SEED, i);
                tight.add(engine, new AnprEvaluation.Sample("crop-" + i, s.jpeg(), s.plate(), null), ticker);
            }
            out.figure("anpr.crop.mean_ms", tight.meanMs(), "ms");
            out.figure("anpr.crop.p95_ms", tight.p95Ms(), "ms");
            out.figure("anpr.crop.cpu_ms", tight.meanCpuMs(), "ms");
        }
    }
}
