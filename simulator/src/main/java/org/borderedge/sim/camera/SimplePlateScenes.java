package org.borderedge.sim.camera;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * A plain scene drawn with java.awt: a lane, a truck front and a Vietnamese commercial plate
 * (black on yellow), placed and shaded from the seed. The plate text is also written into a JPEG
 * comment segment ({@code borderedge-sim plate=51F67890 seed=42}) as ground truth: a test's
 * recogniser double can check that the very bytes the emulator drew reached it; a real recogniser
 * ignores comments.
 */
public final class SimplePlateScenes implements SceneSource {

    public static final String COMMENT_PREFIX = "borderedge-sim plate=";
    private static final String SERIES = "ABCDEFGHKLMNPSTUVXYZ";
    private static final int[] PROVINCES = {12, 14, 15, 16, 29, 30, 51, 59, 20, 98};

    private final int width;
    private final int height;

    public SimplePlateScenes() {
        this(640, 360);
    }

    public SimplePlateScenes(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** A Vietnamese truck plate in display form (e.g. {@code 15C-123.45}), the same for the same seed. */
    public static String randomPlate(long seed) {
        Random r = new Random(seed);
        int province = PROVINCES[r.nextInt(PROVINCES.length)];
        char series = SERIES.charAt(r.nextInt(SERIES.length()));
        int number = r.nextInt(100_000);
        return String.format("%02d%c-%03d.%02d", province, series, number / 100, number % 100);
    }

    @Override
    public byte[] render(String plate, long seed) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int sky = 90 + r.nextInt(60);
            g.setColor(new Color(sky, sky + 10, sky + 25));
            g.fillRect(0, 0, width, height);
            g.setColor(new Color(70, 70, 75));
            g.fillRect(0, height * 2 / 3, width, height / 3);
            for (int i = 0; i < 400; i++) {
                int v = 60 + r.nextInt(120);
                g.setColor(new Color(v, v, v));
                g.fillRect(r.nextInt(width), r.nextInt(height), 2, 2);
            }
            if (plate != null) {
                drawTruckAndPlate(g, plate, r);
            }
        } finally {
            g.dispose();
        }
        return withComment(encodeJpeg(img), COMMENT_PREFIX + (plate == null ? "" : plate.replaceAll("[^0-9A-Za-z]", ""))
                + " seed=" + seed);
    }

    private void drawTruckAndPlate(Graphics2D g, String plate, Random r) {
        int truckW = width / 2 + r.nextInt(width / 8);
        int truckH = height * 3 / 4;
        int truckX = (width - truckW) / 2 + r.nextInt(41) - 20;
        int truckY = height - truckH - 10;
        g.setColor(new Color(30 + r.nextInt(150), 40 + r.nextInt(120), 60 + r.nextInt(150)));
        g.fillRoundRect(truckX, truckY, truckW, truckH, 30, 30);
        g.setColor(new Color(160, 200, 230));
        g.fillRect(truckX + 20, truckY + 20, truckW - 40, truckH / 3);
        g.setColor(new Color(25, 25, 25));
        g.fillRect(truckX + 10, truckY + truckH / 2, truckW - 20, truckH / 6);

        int plateW = width / 3;
        int plateH = plateW * 110 / 520;
        int plateX = truckX + (truckW - plateW) / 2;
        int plateY = truckY + truckH - plateH - 25;
        g.setColor(new Color(245, 200 + r.nextInt(30), 20));
        g.fillRect(plateX, plateY, plateW, plateH);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(3));
        g.drawRect(plateX + 3, plateY + 3, plateW - 6, plateH - 6);
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, plateH * 3 / 4);
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        double squeeze = Math.min(1.0, (plateW - 16) / (double) fm.stringWidth(plate));
        Graphics2D text = (Graphics2D) g.create();
        text.translate(plateX + (plateW - fm.stringWidth(plate) * squeeze) / 2, plateY + (plateH + fm.getAscent() - fm.getDescent()) / 2.0);
        text.scale(squeeze, 1.0);
        text.drawString(plate, 0, 0);
        text.dispose();
    }

    private static byte[] encodeJpeg(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "jpg", out)) {
                throw new IllegalStateException("no JPEG writer in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Inserts a COM (0xFFFE) segment right after the SOI marker. */
    static byte[] withComment(byte[] jpeg, String comment) {
        byte[] text = comment.getBytes(StandardCharsets.UTF_8);
        int length = text.length + 2;
        byte[] out = new byte[jpeg.length + 2 + length];
        out[0] = jpeg[0];
        out[1] = jpeg[1];
        out[2] = (byte) 0xFF;
        out[3] = (byte) 0xFE;
        out[4] = (byte) (length >> 8);
        out[5] = (byte) length;
        System.arraycopy(text, 0, out, 6, text.length);
        System.arraycopy(jpeg, 2, out, 6 + text.length, jpeg.length - 2);
        return out;
    }

    /** The ground-truth comment of a JPEG drawn here, or null if there is none. */
    public static String commentOf(byte[] jpeg) {
        int i = 2;
        while (jpeg != null && i + 4 <= jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
            int marker = jpeg[i + 1] & 0xFF;
            int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
            if (marker == 0xFE && i + 2 + length <= jpeg.length) {
                return new String(jpeg, i + 4, length - 2, StandardCharsets.UTF_8);
            }
            if (marker == 0xDA) {
                return null;
            }
            i += 2 + length;
        }
        return null;
    }

    /** The plate (normalised characters) named in the ground-truth comment, "" for an empty lane, null if none. */
    public static String groundTruthPlate(byte[] jpeg) {
        String comment = commentOf(jpeg);
        if (comment == null || !comment.startsWith(COMMENT_PREFIX)) {
            return null;
        }
        String rest = comment.substring(COMMENT_PREFIX.length());
        int space = rest.indexOf(' ');
        return space < 0 ? rest : rest.substring(0, space);
    }
}
