package org.borderedge.sim.anpr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.borderedge.anpr.Recognition;
import org.borderedge.anpr.internal.AnprEngine;
import org.borderedge.core.Plate;
import org.borderedge.core.Ticker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real recogniser (OpenCV + PP-OCRv4 on ONNX Runtime) on a small seeded set of generated scenes: a
 * floor, not the target (the benchmark prints the real figures on 1,000 scenes).
 */
class AnprSyntheticIT {

    private static final long SEED = 4242L;
    private static AnprEngine engine;
    private static final PlateSceneGenerator GENERATOR = new PlateSceneGenerator();

    @BeforeAll
    static void open() throws Exception {
        engine = AnprRuntime.open(1);
    }

    @AfterAll
    static void close() throws Exception {
        engine.close();
    }

    @Test
    void atLeastNinetyPercentOfTwoHundredScenesAreReadExactly() {
        AnprEvaluation eval = new AnprEvaluation();
        for (int i = 0; i < 200; i++) {
            PlateSceneGenerator.Scene s = GENERATOR.generate(SEED, i);
            eval.add(engine, new AnprEvaluation.Sample("scene-" + i, s.jpeg(), s.plate(), s.container()), Ticker.system());
        }
        List<String> misread = eval.outcomes().stream().filter(o -> !o.exact()).map(o -> o.expected() + "->" + o.read()).toList();
        assertTrue(eval.exactPct() >= 90, eval.exactPct() + " % exact; misread: " + misread);
        assertTrue(eval.charPct() >= 93, eval.charPct() + " % characters");
        assertEquals(0, eval.containersWrong(), "container numbers reported that are not in the scene");
    }

    @Test
    void containerDoorsInTheSeededSetAreReadAndNothingWrongIsReported() {
        // Container backs are about 15 % of the scenes; these are the first 20 of seed 4242, all layouts.
        AnprEvaluation eval = new AnprEvaluation();
        for (int i = 0; eval.outcomes().size() < 20; i++) {
            PlateSceneGenerator.Scene s = GENERATOR.generate(SEED, i);
            if (s.container() != null) {
                eval.add(engine, new AnprEvaluation.Sample("scene-" + i, s.jpeg(), s.plate(), s.container()), Ticker.system());
            }
        }
        List<String> missed = eval.outcomes().stream().filter(o -> !o.containersRead().contains(o.containerExpected()))
                .map(o -> o.name() + ":" + o.containerExpected()).toList();
        assertEquals(0, eval.containersWrong(), "a wrong container number was reported");
        assertTrue(eval.containerPct() >= 70, eval.containerPct() + " % of container numbers read; missed " + missed);
    }

    @Test
    void tightCropsAreReadAsWholePlates() {
        AnprEvaluation eval = new AnprEvaluation();
        for (int i = 0; i < 40; i++) {
            PlateSceneGenerator.Scene s = GENERATOR.generateCrop(SEED, i);
            eval.add(engine, new AnprEvaluation.Sample("crop-" + i, s.jpeg(), s.plate(), null), Ticker.system());
        }
        assertTrue(eval.exactPct() >= 85, eval.exactPct() + " % exact on crops");
    }

    @Test
    void theGeneratorIsDeterministicAndItsLabelsAreValidPlates() {
        for (int i = 0; i < 20; i++) {
            PlateSceneGenerator.Scene a = GENERATOR.generate(SEED, i);
            PlateSceneGenerator.Scene b = new PlateSceneGenerator().generate(SEED, i);
            assertArrayEquals(a.jpeg(), b.jpeg());
            assertEquals(a.plate(), b.plate());
            assertTrue(Plate.of(a.plate()).isKnownFormat(), a.plate());
        }
    }

    @Test
    void badInputGivesAReasonNotAnException() {
        Recognition empty = engine.recognize(new byte[0]);
        assertTrue(empty.plates().isEmpty());
        assertTrue(empty.problem().contains("empty"));
        Recognition garbage = engine.recognize("not an image at all".getBytes());
        assertTrue(garbage.plates().isEmpty());
        assertTrue(garbage.problem().contains("not a decodable"), garbage.problem());
    }
}
