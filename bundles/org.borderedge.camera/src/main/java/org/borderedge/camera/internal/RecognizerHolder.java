package org.borderedge.camera.internal;

import java.util.function.Supplier;
import org.borderedge.anpr.PlateRecognizer;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The recogniser, when one is installed. Optional and dynamic: cameras run (DEGRADED, "no
 * recognizer installed") without it, and pick it up, or lose it, while running (bundle update).
 */
@Component(service = RecognizerHolder.class)
public class RecognizerHolder implements Supplier<PlateRecognizer> {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PlateRecognizer recognizer;

    @Override
    public PlateRecognizer get() {
        return recognizer;
    }
}
