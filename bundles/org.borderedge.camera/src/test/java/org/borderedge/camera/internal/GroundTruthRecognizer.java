package org.borderedge.camera.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.borderedge.anpr.PlateRecognizer;
import org.borderedge.anpr.Recognition;
import org.borderedge.core.Plate;
import org.borderedge.sim.camera.SimplePlateScenes;

/**
 * Recogniser test double: decodes the image (so it must be a real picture) and "reads" the plate
 * the emulator wrote into the JPEG's ground-truth comment, with a fixed confidence below the
 * instant threshold, so the driver's frame vote has to do its work.
 */
final class GroundTruthRecognizer implements PlateRecognizer {

    final AtomicInteger images = new AtomicInteger();
    private final double confidence;

    GroundTruthRecognizer(double confidence) {
        this.confidence = confidence;
    }

    @Override
    public Recognition recognize(byte[] encodedImage) {
        images.incrementAndGet();
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(encodedImage));
        } catch (IOException e) {
            return Recognition.failed("undecodable image: " + e.getMessage());
        }
        if (img == null) {
            return Recognition.failed("undecodable image");
        }
        String truth = SimplePlateScenes.groundTruthPlate(encodedImage);
        if (truth == null || truth.isEmpty()) {
            return new Recognition(List.of(), List.of(), 1, "");
        }
        Recognition.Box box = new Recognition.Box(0, 0, img.getWidth(), img.getHeight());
        return new Recognition(List.of(new Recognition.PlateReading(Plate.of(truth), confidence, box, new byte[0])),
                List.of(), 1, "");
    }
}
