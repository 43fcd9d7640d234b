package org.borderedge.anpr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.borderedge.core.ContainerNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The anpr bundle with the OpenCV and ONNX Runtime wrapper bundles in a real Felix with SCR: the service
 * comes up, reads a plate and a container door (the text detector model ships inside the bundle), and
 * neither native library is unpacked into /tmp.
 */
class AnprBundleIT {

    @Test
    void recognizerServiceReadsAPlateAndAContainerDoorInsideFelixWithoutLeavingNativesInTmp(@TempDir Path storage) throws Exception {
        Set<String> tmpBefore = nativeLeftovers();
        List<File> jars = new ArrayList<>(List.of(new File("target/it-bundles").listFiles((d, n) -> n.endsWith(".jar"))));
        File[] own = new File("target").listFiles((d, n) -> n.startsWith("org.borderedge.anpr-") && n.endsWith(".jar")
                && !n.contains("sources") && !n.contains("tests"));
        assertNotNull(own);
        assertEquals(1, own.length, "the packaged anpr bundle");
        jars.add(own[0]);

        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put("ds.loglevel", "warn");
        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
        try {
            List<Bundle> bundles = new ArrayList<>();
            for (File jar : jars) {
                bundles.add(framework.getBundleContext().installBundle(jar.toURI().toString()));
            }
            for (Bundle b : bundles) {
                b.start();
            }
            for (Bundle b : bundles) {
                assertEquals(Bundle.ACTIVE, b.getState(), b.getSymbolicName() + " not active");
            }
            ServiceTracker<Object, Object> tracker = new ServiceTracker<>(framework.getBundleContext(),
                    "org.borderedge.anpr.PlateRecognizer", null);
            // All services: the test's own class path also holds the API classes, which are not the bundle's.
            tracker.open(true);
            Object recognizer = tracker.waitForService(30_000);
            if (recognizer == null) {
                StringBuilder why = new StringBuilder("PlateRecognizer service not available; bundles:");
                for (Bundle b : framework.getBundleContext().getBundles()) {
                    why.append(' ').append(b.getSymbolicName()).append('=').append(b.getState());
                }
                why.append("; services:");
                for (var ref : framework.getBundleContext().getAllServiceReferences(null, null)) {
                    why.append(' ').append(java.util.Arrays.toString((String[]) ref.getProperty(Constants.OBJECTCLASS)));
                }
                var ref = framework.getBundleContext().getServiceReference("org.borderedge.anpr.PlateRecognizer");
                if (ref != null) {
                    why.append("; getService gives ").append(framework.getBundleContext().getService(ref));
                }
                throw new AssertionError(why.toString());
            }

            Method recognize = recognizer.getClass().getMethod("recognize", byte[].class);
            Object recognition = recognize.invoke(recognizer, (Object) plateCrop("51F-678.90"));
            List<?> plates = (List<?>) recognition.getClass().getMethod("plates").invoke(recognition);
            assertEquals(1, plates.size(), "one plate in " + recognition);
            Object plate = plates.get(0).getClass().getMethod("plate").invoke(plates.get(0));
            assertEquals("51F67890", plate.getClass().getMethod("text").invoke(plate));

            // A container door: the number painted over the ribs, stacked, check digit boxed; read by the
            // door gate, the text detector and the stacked-layout assembly.
            String number = "MSKU604521" + ContainerNumber.checkDigit("MSKU604521");
            Object door = recognize.invoke(recognizer, (Object) containerDoor(number));
            List<?> containers = (List<?>) door.getClass().getMethod("containers").invoke(door);
            assertEquals(1, containers.size(), "one container number in " + door);
            Object read = containers.get(0).getClass().getMethod("number").invoke(containers.get(0));
            assertEquals(number, read.getClass().getMethod("value").invoke(read));
            assertEquals(List.of(), door.getClass().getMethod("plates").invoke(door), "the serial is not a plate");

            Object bad = recognize.invoke(recognizer, (Object) new byte[] {1, 2, 3});
            assertTrue(((String) bad.getClass().getMethod("problem").invoke(bad)).contains("not a decodable"));
            tracker.close();
        } finally {
            framework.stop();
            framework.waitForStop(30_000);
        }
        Set<String> created = nativeLeftovers();
        created.removeAll(tmpBefore);
        // ONNX Runtime always creates an empty "onnxruntime-java*" folder (deleted at JVM exit); what must not
        // appear is a native library copied out of a bundle.
        List<Path> unpacked = new ArrayList<>();
        for (String name : created) {
            try (Stream<Path> files = Files.walk(Path.of(System.getProperty("java.io.tmpdir"), name))) {
                files.filter(Files::isRegularFile).forEach(unpacked::add);
            }
        }
        assertTrue(unpacked.isEmpty(), "native libraries unpacked into the temp folder: " + unpacked);
    }

    /** Top-level entries of the temp folder that look like unpacked OpenCV or ONNX Runtime natives. */
    private static Set<String> nativeLeftovers() throws Exception {
        try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return tmp.map(p -> p.getFileName().toString())
                    .filter(n -> n.contains("opencv") || n.contains("onnxruntime"))
                    .collect(Collectors.toCollection(java.util.HashSet::new));
        }
    }

    /**
     * The rear doors of a container, 1280x720: corrugation with lit and shaded faces over the paint, the
     * owner code over the serial with the check digit boxed, the size-type code under them.
     */
    private static byte[] containerDoor(String number) throws Exception {
        BufferedImage img = new BufferedImage(1280, 720, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, new Color(110, 115, 120));
        g.setColor(new Color(170, 40, 35));
        g.fillRect(260, 60, 760, 600);
        g.setColor(new Color(240, 240, 240));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 46));
        g.drawString(number.substring(0, 4), 700, 170);
        g.drawString(number.substring(4, 10), 700, 226);
        int x = 700 + g.getFontMetrics().stringWidth(number.substring(4, 10) + " ");
        g.drawString(number.substring(10), x, 226);
        g.setStroke(new BasicStroke(4));
        g.drawRect(x - 8, 182, g.getFontMetrics().charWidth('0') + 16, 54);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 34));
        g.drawString("45G1", 700, 280);
        for (int rx = 266; rx < 1020; rx += 22) {
            g.setColor(new Color(255, 255, 255, 50));
            g.fillRect(rx, 60, 6, 600);
            g.setColor(new Color(0, 0, 0, 90));
            g.fillRect(rx + 11, 60, 6, 600);
        }
        g.setColor(new Color(40, 40, 40));
        g.fillRect(637, 60, 6, 600);
        return encode(img, g, "jpg");
    }

    private static Graphics2D canvas(BufferedImage img, Color background) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(background);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        return g;
    }

    private static byte[] encode(BufferedImage img, Graphics2D g, String format) throws Exception {
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    private static byte[] plateCrop(String text) throws Exception {
        BufferedImage img = new BufferedImage(300, 70, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, new Color(235, 235, 230));
        g.setColor(Color.BLACK);
        g.drawRect(3, 3, 293, 63);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 44));
        int w = g.getFontMetrics().stringWidth(text);
        g.drawString(text, (300 - w) / 2, 52);
        return encode(img, g, "png");
    }
}
