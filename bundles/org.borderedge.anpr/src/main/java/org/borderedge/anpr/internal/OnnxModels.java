package org.borderedge.anpr.internal;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;

/** ONNX Runtime sessions for the models shipped inside this bundle, set up alike for every model. */
final class OnnxModels {

    private OnnxModels() {
    }

    /**
     * A session on the bundle resource {@code model} (next to this class), with {@code threads} intra-op
     * threads and one inter-op thread: with one thread the model runs on the caller's thread.
     */
    static OrtSession open(OrtEnvironment env, String model, int threads) throws IOException, OrtException {
        byte[] bytes;
        try (InputStream in = OnnxModels.class.getResourceAsStream(model)) {
            if (in == null) {
                throw new IOException("model missing from the anpr bundle: " + model);
            }
            bytes = in.readAllBytes();
        }
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(Math.max(1, threads));
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return env.createSession(bytes, options);
        }
    }
}
