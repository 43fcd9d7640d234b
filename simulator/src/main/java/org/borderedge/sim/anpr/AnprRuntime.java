package org.borderedge.sim.anpr;

import ai.onnxruntime.OrtException;
import java.io.IOException;
import org.borderedge.anpr.internal.AnprEngine;
import org.borderedge.core.Ticker;

/** The anpr recognition core outside OSGi: OpenCV from the plain Maven jar, the engine with its bundled model. */
public final class AnprRuntime {

    private static boolean openCvLoaded;

    private AnprRuntime() {
    }

    public static synchronized void loadOpenCv() {
        if (!openCvLoaded) {
            nu.pattern.OpenCV.loadLocally();
            openCvLoaded = true;
        }
    }

    public static AnprEngine open(int threads) throws IOException, OrtException {
        loadOpenCv();
        AnprEngine.Options d = AnprEngine.Options.defaults();
        return AnprEngine.open(new AnprEngine.Options(threads, d.maxReads(), d.minConfidence()), Ticker.system());
    }
}
