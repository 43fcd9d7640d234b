package org.borderedge.anpr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

class CharBlobsTest {

    @BeforeAll
    static void openCv() {
        nu.pattern.OpenCV.loadLocally();
    }

    @Test
    void charactersRunTogetherByBlurAreCutIntoCharacterWidePieces() {
        Mat m = new Mat(120, 400, CvType.CV_8UC1, new Scalar(225));
        Imgproc.putText(m, "698 27", new Point(40, 80), Imgproc.FONT_HERSHEY_SIMPLEX, 1.5, new Scalar(20), 4);
        // Squeezed to a plate font's proportions, then the ink thickened until "698" is one component, as blur
        // and low resolution do on small plates.
        Imgproc.resize(m, m, new Size(260, 120), 0, 0, Imgproc.INTER_AREA);
        Imgproc.erode(m, m, Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(5, 1)));
        List<CharBlobs.Blob> dark = CharBlobs.find(m, 25, 9, 60).stream().filter(b -> !b.light() && b.box().height > 20).toList();
        List<CharBlobs.Row> rows = CharBlobs.rows(dark, 1.2, 2);
        assertEquals(1, rows.size(), "one row: " + dark);
        assertEquals(5, rows.get(0).blobs().size(), dark.toString());
        assertEquals(3, rows.get(0).blobs().stream().filter(CharBlobs.Blob::cut).count(), dark.toString());
    }

    @Test
    void aShortCutPieceAtTheEndOfARowIsNotCountedAsACharacter() {
        List<CharBlobs.Blob> blobs = new java.util.ArrayList<>();
        blobs.add(new CharBlobs.Blob(new org.opencv.core.Rect(80, 105, 14, 24), false, true));
        for (int i = 0; i < 5; i++) {
            blobs.add(new CharBlobs.Blob(new org.opencv.core.Rect(100 + 22 * i, 100, 17, 32), false));
        }
        blobs.add(new CharBlobs.Blob(new org.opencv.core.Rect(210, 100, 17, 32), false, true));
        List<CharBlobs.Row> rows = CharBlobs.rows(blobs, 1.2, 2);
        assertEquals(1, rows.size());
        assertEquals(6, rows.get(0).blobs().size(), "the short piece is dropped, the full-height one kept");
        assertEquals(100, rows.get(0).bounds().x);
    }

    @Test
    void separateCharactersAreNotCut() {
        Mat m = new Mat(120, 400, CvType.CV_8UC1, new Scalar(225));
        Imgproc.putText(m, "5 1 F 6 7", new Point(40, 80), Imgproc.FONT_HERSHEY_SIMPLEX, 1.5, new Scalar(20), 4);
        List<CharBlobs.Blob> dark = CharBlobs.find(m, 25, 9, 60).stream().filter(b -> !b.light()).toList();
        assertEquals(5, dark.size(), dark.toString());
        assertTrue(dark.stream().noneMatch(CharBlobs.Blob::cut));
    }
}
