package org.borderedge.anpr.internal;

import org.borderedge.anpr.PlateRecognizer;
import org.borderedge.anpr.Recognition;
import org.borderedge.core.Ticker;
import org.opencv.osgi.OpenCVNativeLoader;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The recogniser as an OSGi service. OpenCV's native library is loaded by the OpenCV bundle's own loader
 * (its Bundle-NativeCode), ONNX Runtime's by the ONNX Runtime bundle: nothing is unpacked to /tmp.
 */
@Component(service = PlateRecognizer.class, configurationPid = "org.borderedge.anpr")
@Designate(ocd = PlateRecognizerComponent.Config.class)
public final class PlateRecognizerComponent implements PlateRecognizer {

    @ObjectClassDefinition(name = "BorderEdge plate recognition",
            description = "Plate and container-number reading for every lane's cameras")
    public @interface Config {
        @AttributeDefinition(description = "ONNX Runtime threads per recognition (keep 1-2 on small gateways)")
        int ocrThreads() default 1;

        @AttributeDefinition(description = "Recogniser runs per image at most (bounds the time per frame)")
        int maxReadsPerImage() default 6;

        @AttributeDefinition(description = "Plates read with less confidence (0..1) are not reported")
        double minConfidence() default 0.35;
    }

    private AnprEngine engine;

    @Activate
    void activate(Config config) throws Exception {
        new OpenCVNativeLoader().init();
        engine = AnprEngine.open(new AnprEngine.Options(config.ocrThreads(), config.maxReadsPerImage(), config.minConfidence()),
                Ticker.system());
    }

    @Deactivate
    void deactivate() throws Exception {
        engine.close();
    }

    @Override
    public Recognition recognize(byte[] encodedImage) {
        return engine.recognize(encodedImage);
    }
}
