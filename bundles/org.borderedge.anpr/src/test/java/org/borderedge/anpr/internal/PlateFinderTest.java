package org.borderedge.anpr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** Candidate search on drawn scenes: Hershey-font text on a grey 1280x720 frame. */
class PlateFinderTest {

    @BeforeAll
    static void openCv() {
        nu.pattern.OpenCV.loadLocally();
    }

    private static Mat scene() {
        return new Mat(720, 1280, CvType.CV_8UC1, new Scalar(110));
    }

    /** Dark text on a light plate-coloured patch; returns the text's box. */
    private static Rect text(Mat m, String s, Point origin, double scale, int thickness) {
        int[] baseline = new int[1];
        Size size = Imgproc.getTextSize(s, Imgproc.FONT_HERSHEY_SIMPLEX, scale, thickness, baseline);
        Rect box = new Rect((int) origin.x, (int) (origin.y - size.height), (int) size.width, (int) size.height);
        Imgproc.rectangle(m, new Point(box.x - 30, box.y - 25), new Point(box.x + box.width + 30, box.y + box.height + 25),
                new Scalar(225), -1);
        Imgproc.putText(m, s, origin, Imgproc.FONT_HERSHEY_SIMPLEX, scale, new Scalar(20), thickness);
        return box;
    }

    private static List<PlateFinder.Candidate> over(List<PlateFinder.Candidate> all, Rect r, PlateFinder.Kind kind) {
        List<PlateFinder.Candidate> out = new ArrayList<>();
        for (PlateFinder.Candidate c : all) {
            if (c.kind() == kind && PlateFinder.covered(c.box(), r) > 0.6 && PlateFinder.covered(r, c.box()) > 0.6) {
                out.add(c);
            }
        }
        return out;
    }

    @Test
    void charactersOfTheHeightWhereTheTwoScalesMeetAreCountedOnce() {
        // About 44 px tall: inside both the full-scale and the half-scale height ranges.
        for (double scale : new double[] {1.9, 2.0, 2.1}) {
            Mat m = scene();
            Rect box = text(m, "51F67890", new Point(300, 400), scale, 5);
            List<PlateFinder.Candidate> rows = over(PlateFinder.candidates(m), box, PlateFinder.Kind.ONE_LINE);
            assertTrue(!rows.isEmpty(), "no one-line candidate at scale " + scale);
            assertEquals(8, rows.get(0).rows().get(0).blobs().size(), "characters in the row at scale " + scale);
        }
    }

    @Test
    void theTwoLinesOfARolledSquarePlatePairUp() {
        Mat m = scene();
        Imgproc.rectangle(m, new Point(470, 270), new Point(710, 400), new Scalar(225), -1);
        Imgproc.putText(m, "29C", new Point(560, 330), Imgproc.FONT_HERSHEY_SIMPLEX, 1.2, new Scalar(20), 3);
        Imgproc.putText(m, "123.45", new Point(505, 362), Imgproc.FONT_HERSHEY_SIMPLEX, 1.2, new Scalar(20), 3);
        // Rolled by 12 degrees the boxes of the two rows overlap vertically by more than a third of a character;
        // their centre lines are still a character height apart.
        Mat rolled = new Mat();
        Mat rotation = Imgproc.getRotationMatrix2D(new Point(600, 340), 12, 1.0);
        Imgproc.warpAffine(m, rolled, rotation, m.size(), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
        List<PlateFinder.Candidate> pairs = PlateFinder.candidates(rolled).stream()
                .filter(c -> c.kind() == PlateFinder.Kind.TWO_LINE && PlateFinder.covered(c.box(), new Rect(450, 240, 280, 190)) > 0.9)
                .toList();
        assertEquals(1, pairs.size(), "two-line candidates");
        CharBlobs.Row top = pairs.get(0).rows().get(0);
        CharBlobs.Row bottom = pairs.get(0).rows().get(1);
        assertEquals(List.of(3, 5), List.of(top.blobs().size(), bottom.blobs().size()));
        assertTrue(top.bounds().y + top.bounds().height - bottom.bounds().y > 0.35 * top.height(), "boxes overlap");
    }

    @Test
    void aPlateWhoseCharactersTouchItsBorderIsFoundByTheBorder() {
        Mat m = scene();
        Imgproc.rectangle(m, new Point(500, 300), new Point(680, 400), new Scalar(225), -1);
        Imgproc.rectangle(m, new Point(503, 303), new Point(677, 397), new Scalar(20), 2);
        Imgproc.putText(m, "29C", new Point(555, 340), Imgproc.FONT_HERSHEY_SIMPLEX, 1.1, new Scalar(20), 3);
        // The lower line sits on the border and runs into it at both ends: no row of separate characters.
        Imgproc.putText(m, "123.45", new Point(500, 397), Imgproc.FONT_HERSHEY_SIMPLEX, 1.1, new Scalar(20), 3);
        Rect plate = new Rect(500, 300, 181, 101);
        List<PlateFinder.Candidate> all = PlateFinder.candidates(m);
        assertTrue(all.stream().noneMatch(c -> c.kind() == PlateFinder.Kind.TWO_LINE && PlateFinder.covered(c.box(), plate) > 0.9),
                "the lower line is not a row here");
        List<PlateFinder.Candidate> outlined = all.stream().filter(c -> c.kind() == PlateFinder.Kind.PLATE).toList();
        assertEquals(1, outlined.size(), all.toString());
        // The border itself, or the edge between plate and bumper just outside it.
        Rect found = outlined.get(0).box();
        assertTrue(PlateFinder.covered(plate, found) > 0.95 && found.area() < 1.3 * plate.area(), found.toString());
    }

    @Test
    void rowsOfThinBarsAndTinyCharactersRankBelowPlateCharacters() {
        CharBlobs.Row plate = row(16, 30, 8);
        CharBlobs.Row grille = row(6, 30, 8);
        CharBlobs.Row tiny = row(6, 10, 8);
        assertEquals(0, PlateFinder.doubt(List.of(plate)));
        assertTrue(PlateFinder.doubt(List.of(grille)) >= 1, "bars");
        assertTrue(PlateFinder.doubt(List.of(tiny)) >= 2, "tiny");
    }

    private static CharBlobs.Row row(int width, int height, int n) {
        List<CharBlobs.Blob> blobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            blobs.add(new CharBlobs.Blob(new Rect(100 + i * (width + 5), 100, width, height), false));
        }
        return new CharBlobs.Row(blobs, false);
    }
}
