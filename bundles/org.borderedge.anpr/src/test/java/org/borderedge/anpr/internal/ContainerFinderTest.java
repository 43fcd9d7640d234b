package org.borderedge.anpr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.borderedge.anpr.Recognition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/** Assembly of detected lines into ISO 6346 numbers, the door gate, and the line clean-up. */
class ContainerFinderTest {

    @BeforeAll
    static void openCv() {
        nu.pattern.OpenCV.loadLocally();
    }

    private static ContainerFinder.ReadLine line(int x, int y, int w, int h, String text) {
        return new ContainerFinder.ReadLine(new Rect(x, y, w, h), Glyphs.of(text));
    }

    private static String read(ContainerFinder.ReadLine... lines) throws Exception {
        return ContainerFinder.assemble(List.of(lines), null).map(r -> r.number().value()).orElse("");
    }

    @Test
    void oneLineWithTheBoxedCheckDigitDetectedApart() throws Exception {
        // "CSQU 305438" and the boxed "3" as separate detector lines on one baseline, plus the size-type code under them.
        assertEquals("CSQU3054383", read(line(600, 100, 200, 40, "CSQU305438"), line(812, 96, 36, 48, "3"),
                line(600, 150, 90, 30, "45G1")));
    }

    @Test
    void ownerCodeOverSerialWithCheckDigit() throws Exception {
        Recognition.ContainerReading r = ContainerFinder.assemble(List.of(line(700, 100, 120, 40, "CSQU"),
                line(700, 150, 190, 40, "3054383"), line(700, 200, 90, 30, "22G1")), null).orElseThrow();
        assertEquals("CSQU3054383", r.number().value());
        assertEquals(new Recognition.Box(700, 100, 190, 90), r.box());
    }

    @Test
    void threeStackedLinesOwnerSerialAndCheckDigitWithSizeType() throws Exception {
        // The boxed check digit and the size-type code side by side on the third line.
        assertEquals("CBHU3202732", read(line(700, 100, 120, 40, "CBHU"), line(700, 150, 180, 40, "320273"),
                line(700, 200, 40, 44, "2"), line(760, 206, 90, 30, "45G1")));
    }

    @Test
    void linesAreNotGluedInShapesAContainerMarkingDoesNotHave() throws Exception {
        // CBHU8202782 is valid, but here it would need "CBHU820" over "2782": not an owner-code row over a serial.
        assertEquals("", read(line(700, 100, 200, 40, "CBHU820"), line(700, 150, 120, 40, "2782")));
        // The check digit comes from the row right under the serial, not from any row further down.
        assertEquals("", read(line(700, 100, 120, 40, "CSQU"), line(700, 150, 180, 40, "305438"),
                line(700, 300, 90, 30, "3")));
        // Side by side but far apart: not one row.
        assertEquals("", read(line(100, 100, 120, 40, "CSQU"), line(900, 100, 200, 40, "3054383")));
    }

    @Test
    void theSizeTypeCodeNeverLendsItsFirstDigitAsCheckDigit() throws Exception {
        // Seen on a generated door whose boxed 9 was not detected: MSCU / 590081 / 45G1 gave MSCU5900814,
        // which one look-alike repair (0 to 8) turns into the valid but wrong MSCU5980814.
        assertEquals("", read(line(570, 158, 114, 40, "MSCU"), line(571, 203, 144, 35, "590081"), line(571, 250, 65, 28, "45G1")));
        assertEquals("MSCU5900819", read(line(570, 158, 114, 40, "MSCU"), line(571, 203, 144, 35, "590081"),
                line(570, 242, 27, 39, "9"), line(571, 287, 65, 28, "45G1")));
        // The same with the size-type code beside the boxed digit, on one row.
        assertEquals("MSCU5900819", read(line(570, 158, 114, 40, "MSCU"), line(571, 203, 144, 35, "590081"),
                line(570, 242, 27, 39, "9"), line(610, 248, 65, 28, "45G1")));
        // A probe that sees only part of the size-type code gives no repaired number either.
        assertTrue(ContainerFinder.assemble(List.of(line(570, 158, 114, 40, "MSCU"), line(571, 203, 144, 35, "590081")),
                area -> Glyphs.of("4")).isEmpty());
        assertTrue(ContainerFinder.assemble(List.of(line(570, 158, 114, 40, "MSCU"), line(571, 203, 144, 35, "590081")),
                area -> Glyphs.of("45G1")).isEmpty());
    }

    @Test
    void aCheckDigitTheDetectorMissedIsLookedForUnderTheSerial() throws Exception {
        List<Rect> asked = new ArrayList<>();
        ContainerFinder.CheckDigitProbe probe = area -> {
            asked.add(area);
            // Only the place under the start of the serial holds the boxed "3".
            return area.y >= 190 && area.x < 700 ? Glyphs.of("3") : Glyphs.of("");
        };
        Recognition.ContainerReading r = ContainerFinder.assemble(List.of(line(700, 100, 120, 40, "CSQU"),
                line(700, 150, 180, 40, "305438"), line(700, 260, 90, 30, "45G1")), probe).orElseThrow();
        assertEquals("CSQU3054383", r.number().value());
        assertEquals(2, asked.size(), "right of the serial first, then under it: " + asked);
        // A wrong digit where the check digit should be gives nothing, not a "repaired" number.
        assertTrue(ContainerFinder.assemble(List.of(line(700, 100, 120, 40, "CSQU"), line(700, 150, 180, 40, "305438")),
                area -> Glyphs.of("7")).isEmpty());
        // Probes are only made when the owner code and serial are complete.
        asked.clear();
        assertTrue(ContainerFinder.assemble(List.of(line(700, 100, 120, 40, "CSQ"), line(700, 150, 180, 40, "305438")), probe).isEmpty());
        assertTrue(asked.isEmpty());
    }

    @Test
    void aSureBlobRowReadingSkipsTheDetectorAndPlateReadsInsideTheMarkingGo() throws Exception {
        // No detector and no recogniser: a sure reading from the blob rows must not need them.
        ContainerFinder finder = new ContainerFinder(null, null);
        List<Recognition.ContainerReading> found = new ArrayList<>(List.of(new Recognition.ContainerReading(
                new org.borderedge.core.ContainerNumber("CSQU3054383"), 0.95, false, new Recognition.Box(700, 100, 300, 100))));
        List<Recognition.PlateReading> plates = new ArrayList<>(List.of(
                new Recognition.PlateReading(org.borderedge.core.Plate.of("6D4521"), 0.56, new Recognition.Box(760, 150, 150, 36), new byte[0]),
                new Recognition.PlateReading(org.borderedge.core.Plate.of("51F67890"), 0.9, new Recognition.Box(650, 600, 200, 50), new byte[0])));
        finder.complete(found, plates, null, null);
        assertEquals(1, found.size());
        assertEquals(List.of("51F67890"), plates.stream().map(p -> p.plate().text()).toList(), "the serial read as a plate is dropped");
    }

    @Test
    void theStrictSecondViewTakesNoRepairAndNoFaintRead() throws Exception {
        // CSQU3054383 with its 5 read as 6 and the model also seeing a 5: a repair, allowed on the first view only.
        List<Glyph> glyphs = new ArrayList<>(Glyphs.of("CSQU30"));
        glyphs.add(Glyphs.withAlternative('6', 0.6f, '5', 0.3f));
        glyphs.addAll(Glyphs.of("4383"));
        List<ContainerFinder.ReadLine> lines = List.of(new ContainerFinder.ReadLine(new Rect(600, 100, 260, 40), glyphs));
        assertEquals("CSQU3054383", ContainerFinder.assemble(lines, null, false).orElseThrow().number().value());
        assertTrue(ContainerFinder.assemble(lines, null, true).isEmpty());
        assertTrue(ContainerFinder.assemble(List.of(line(600, 100, 260, 40, "CSQU3054383")), null, true).isPresent());
        // Valid as read but faint: enough for the first view, not for the second.
        List<Glyph> faint = new ArrayList<>();
        for (char c : "CSQU3054383".toCharArray()) {
            faint.add(Glyphs.glyph(c, 0.4f));
        }
        List<ContainerFinder.ReadLine> faintLine = List.of(new ContainerFinder.ReadLine(new Rect(600, 100, 260, 40), faint));
        assertTrue(ContainerFinder.assemble(faintLine, null, false).isPresent());
        assertTrue(ContainerFinder.assemble(faintLine, null, true).isEmpty());
    }

    @Test
    void aForcedFitWithoutTheModelsSupportIsNotReported() throws Exception {
        // X at the category position: U only because the position demands it, nothing the model saw.
        assertEquals("", read(line(600, 100, 260, 40, "CSQX3054383")));
    }

    @Test
    void noDoorInAPlainOrNoisyFrameAndADoorWhereThereAreRibs() {
        Mat plain = new Mat(720, 1280, CvType.CV_8UC1);
        Core.randn(plain, 120, 12);
        assertTrue(ContainerFinder.doorRegion(plain).isEmpty(), "noise is not a door");
        Mat door = plain.clone();
        for (int x = 400; x < 1000; x += 20) {
            Imgproc.rectangle(door, new Point(x, 100), new Point(x + 6, 600), new Scalar(60), -1);
        }
        Rect found = ContainerFinder.doorRegion(door).orElseThrow();
        assertTrue(found.x >= 360 && found.x <= 420 && found.width >= 540 && found.height >= 420, found.toString());
        Mat small = new Mat(200, 300, CvType.CV_8UC1, new Scalar(200));
        for (int x = 0; x < 300; x += 20) {
            Imgproc.rectangle(small, new Point(x, 0), new Point(x + 6, 200), new Scalar(60), -1);
        }
        assertTrue(ContainerFinder.doorRegion(small).isEmpty(), "a camera's small plate picture is never a door");
    }

    @Test
    void aFrameTouchingItsDigitIsErasedAndALetterOIsNot() {
        Mat flat = new Mat(70, 120, CvType.CV_8UC1, new Scalar(250));
        // Frame 40 x 50 with a 4-pixel stroke; the digit's top bar touches the frame's top.
        Imgproc.rectangle(flat, new Point(10, 10), new Point(50, 60), new Scalar(10), 4);
        Imgproc.rectangle(flat, new Point(22, 12), new Point(38, 52), new Scalar(10), 5);
        // A bold O beside it: a hollow shape with nothing inside.
        Imgproc.rectangle(flat, new Point(70, 18), new Point(95, 52), new Scalar(10), 6);
        ContainerFinder.eraseCheckDigitBox(flat);
        assertTrue(flat.get(35, 10)[0] > 200 && flat.get(35, 50)[0] > 200, "frame sides erased");
        assertTrue(flat.get(60, 30)[0] > 200, "frame bottom erased");
        assertTrue(flat.get(35, 22)[0] < 60 && flat.get(35, 38)[0] < 60, "digit kept");
        assertTrue(flat.get(35, 70)[0] < 60 && flat.get(18, 82)[0] < 60, "the O kept");
    }

    @Test
    void cleaningDividesOutTheRibsAndErasesTheCheckDigitFrame() {
        // Light door with dark ribs through the whole height, a dark "character" and a frame around another one.
        Mat bgr = new Mat(60, 200, CvType.CV_8UC3, new Scalar(200, 200, 200));
        for (int x = 5; x < 200; x += 16) {
            Imgproc.rectangle(bgr, new Point(x, 0), new Point(x + 4, 59), new Scalar(120, 120, 120), -1);
        }
        for (int x : new int[] {20, 50, 80, 110}) {
            Imgproc.rectangle(bgr, new Point(x, 18), new Point(x + 14, 42), new Scalar(20, 20, 20), -1);
        }
        Imgproc.rectangle(bgr, new Point(150, 18), new Point(162, 42), new Scalar(20, 20, 20), -1);
        Imgproc.rectangle(bgr, new Point(143, 8), new Point(169, 52), new Scalar(20, 20, 20), 2);
        Mat grey = new Mat();
        Imgproc.cvtColor(bgr, grey, Imgproc.COLOR_BGR2GRAY);
        // The engine decodes frames grey: both kinds of image must come out the same.
        for (Mat line : new Mat[] {bgr, grey}) {
            Mat clean = ContainerFinder.cleanLine(line, true);
            // Where a rib crossed bare door the result is white again; the characters stay dark.
            assertTrue(clean.get(4, 6)[0] > 230, "rib divided out: " + clean.get(4, 6)[0]);
            assertTrue(clean.get(30, 27)[0] < 60, "character kept");
            assertTrue(clean.get(30, 156)[0] < 60, "boxed digit kept");
            assertTrue(clean.get(30, 144)[0] > 230, "frame side erased: " + clean.get(30, 144)[0]);
            assertTrue(clean.get(9, 156)[0] > 230, "frame top erased: " + clean.get(9, 156)[0]);
        }
    }
}
