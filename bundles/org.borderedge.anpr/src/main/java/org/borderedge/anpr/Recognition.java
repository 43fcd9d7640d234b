package org.borderedge.anpr;

import java.util.List;
import org.borderedge.core.ContainerNumber;
import org.borderedge.core.Plate;

/** Result of reading one image. */
public record Recognition(List<PlateReading> plates, List<ContainerReading> containers, long elapsedMicros,
        String problem) {

    /** A plate with its confidence (0..1), where it was in the image, and the crop as JPEG for evidence. */
    public record PlateReading(Plate plate, double confidence, Box box, byte[] cropJpeg) {
    }

    /** A container number; only ISO 6346-valid numbers (possibly repaired by the check digit) appear. */
    public record ContainerReading(ContainerNumber number, double confidence, boolean repaired, Box box) {
    }

    public record Box(int x, int y, int width, int height) {
    }

    public static Recognition failed(String problem) {
        return new Recognition(List.of(), List.of(), 0, problem);
    }
}
