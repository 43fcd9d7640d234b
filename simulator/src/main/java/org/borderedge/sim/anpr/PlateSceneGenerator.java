package org.borderedge.sim.anpr;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.borderedge.core.ContainerNumber;

/**
 * Seeded generator of gate-camera scenes with plates (Vietnamese one-line and two-line car plates,
 * two-line motorbike plates, white, yellow and blue; Chinese truck plates) and of truck backs with
 * container codes. The same (seed, index) always gives the same image and label, on any machine with
 * the same fonts. Plates follow the real proportions (520x110 mm long, 330x165 mm square, Chinese
 * 440x140 / 440x220) and go through perspective, blur, noise, low light and JPEG compression.
 * Fonts: DejaVu Sans Condensed or Liberation Sans Narrow when installed (closest to plate fonts),
 * else the JDK's sans serif squeezed; Chinese plates need a CJK font (WenQuanYi, Noto CJK) and are
 * replaced by Vietnamese truck plates without one.
 */
public final class PlateSceneGenerator {

    public static final int WIDTH = 1280;
    public static final int HEIGHT = 720;

    /** Where the plate is in the image (pixels), for evaluation of localisation. */
    public record Box(int x, int y, int width, int height) {
    }

    /**
     * One generated image and what it shows.
     *
     * @param plate     normalised plate text as {@link org.borderedge.core.Plate#of} gives it
     * @param display   as printed on the plate (rows joined by " / ")
     * @param kind      vn-car, vn-car-2line, vn-moto, cn-truck, cn-truck-2line
     * @param colour    white, yellow, yellow-red, blue
     * @param container ISO 6346 number on the truck back, or null
     */
    public record Scene(byte[] jpeg, String plate, String display, String kind, String colour, String container, Box plateBox) {
    }

    private static final String[] VN_PROVINCES = {"12", "14", "15", "16", "29", "30", "51", "59", "34", "20", "98", "99",
        "43", "61", "72", "36", "17", "37", "88", "89"};
    private static final String VN_SERIES = "ABCDEFGHKLMNPRSTUVXYZ";
    private static final String CN_PROVINCES = "桂桂桂云云粤湘川黔贵渝鄂赣闽浙苏京沪";
    private static final String CN_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String[] OWNERS = {"CSQ", "MSK", "MSC", "CMA", "OOL", "EVG", "HLX", "COS", "TGH", "ONE", "YML", "ZIM"};
    private static final String[] DISTRACTORS = {"HINO", "ISUZU", "HYUNDAI", "0912 345 678", "VAN TAI", "DONGFENG", "SHACMAN",
        "HOTLINE 1900", "CAM KEO", "TAXI", "KM 12", "EXPRESS"};

    private final List<String> plateFonts;
    private final boolean condensedFontFound;
    private final String cjkFont;

    public PlateSceneGenerator() {
        // -Dborderedge.sim.fonts=jdk shows what a machine without the Debian font packages generates.
        Set<String> installed = "jdk".equals(System.getProperty("borderedge.sim.fonts")) ? Set.of()
                : Set.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(Locale.ROOT));
        List<String> fonts = new ArrayList<>();
        for (String f : List.of("DejaVu Sans Condensed", "Liberation Sans Narrow", "Roboto Condensed", "FreeSans")) {
            if (installed.contains(f)) {
                fonts.add(f);
            }
        }
        condensedFontFound = !fonts.isEmpty();
        if (fonts.isEmpty()) {
            fonts.add(Font.SANS_SERIF);
        }
        plateFonts = List.copyOf(fonts);
        String cjk = null;
        for (String f : List.of("WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Noto Sans CJK SC", "Noto Sans SC", "AR PL UMing CN")) {
            if (installed.contains(f) && new Font(f, Font.BOLD, 20).canDisplay('桂')) {
                cjk = f;
                break;
            }
        }
        cjkFont = cjk;
    }

    /** Fonts in use, for the evaluation report (results depend on them). */
    public String fontsDescription() {
        return "plate fonts " + plateFonts + (condensedFontFound ? "" : " (JDK fallback, squeezed)")
                + ", CJK " + (cjkFont == null ? "none: Chinese plates replaced by Vietnamese ones" : cjkFont);
    }

    /** A 1280x720 gate scene. */
    public Scene generate(long seed, int index) {
        SplittableRandom rnd = random(seed, index);
        PlateSpec spec = plateSpec(rnd);
        boolean containerBack = rnd.nextDouble() < 0.15;
        BufferedImage scene = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scene.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        drawBackground(g, rnd);
        int vehicleW = 520 + rnd.nextInt(480);
        int vehicleX = (WIDTH - vehicleW) / 2 + rnd.nextInt(-180, 181);
        int vehicleY = 60 + rnd.nextInt(120);
        String container = null;
        if (containerBack) {
            container = drawContainerBack(g, rnd, vehicleX, vehicleY, vehicleW);
        } else {
            drawVehicleFront(g, rnd, vehicleX, vehicleY, vehicleW);
        }
        if (rnd.nextDouble() < 0.35) {
            drawDistractor(g, rnd, vehicleX, vehicleY, vehicleW);
        }
        g.dispose();
        BufferedImage plate = renderPlate(spec, rnd);
        double small = rnd.nextDouble();
        int plateW;
        if (spec.twoLine()) {
            plateW = small < 0.15 ? 70 + rnd.nextInt(25) : 95 + rnd.nextInt(90);
        } else {
            plateW = small < 0.15 ? 105 + rnd.nextInt(35) : 140 + rnd.nextInt(150);
        }
        int cx = vehicleX + vehicleW / 2 + rnd.nextInt(-vehicleW / 5, vehicleW / 5 + 1);
        int cy = containerBack ? 560 + rnd.nextInt(100) : 470 + rnd.nextInt(170);
        double[][] quad = perspectiveQuad(rnd, cx, cy, plateW, plateW * plate.getHeight() / (double) plate.getWidth(), 1.0);
        BufferedImage scaled = downscale(plate, (int) (plateW * 1.5));
        Box box = warpInto(scene, scaled, quad);
        degrade(scene, rnd, true);
        return new Scene(jpeg(scene, 45 + rnd.nextInt(46)), spec.label(), spec.display(), spec.kind(), spec.colour(), container, box);
    }

    /** A tight crop of one plate, as a camera's plate picture would be. */
    public Scene generateCrop(long seed, int index) {
        SplittableRandom rnd = random(seed ^ 0x5DEECE66DL, index);
        PlateSpec spec = plateSpec(rnd);
        BufferedImage plate = renderPlate(spec, rnd);
        int plateW = spec.twoLine() ? 90 + rnd.nextInt(130) : 130 + rnd.nextInt(200);
        double plateH = plateW * plate.getHeight() / (double) plate.getWidth();
        int marginX = (int) (plateW * (0.04 + 0.1 * rnd.nextDouble()));
        int marginY = (int) (plateH * (0.08 + 0.2 * rnd.nextDouble()));
        BufferedImage crop = new BufferedImage(plateW + 2 * marginX, (int) plateH + 2 * marginY, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = crop.createGraphics();
        g.setColor(bodyColour(rnd));
        g.fillRect(0, 0, crop.getWidth(), crop.getHeight());
        g.dispose();
        double[][] quad = perspectiveQuad(rnd, crop.getWidth() / 2.0, crop.getHeight() / 2.0, plateW, plateH, 0.4);
        Box box = warpInto(crop, downscale(plate, (int) (plateW * 1.5)), quad);
        degrade(crop, rnd, false);
        return new Scene(jpeg(crop, 55 + rnd.nextInt(36)), spec.label(), spec.display(), spec.kind(), spec.colour(), null, box);
    }

    private static SplittableRandom random(long seed, int index) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index * 0xC2B2AE3D27D4EB4FL + 17);
    }

    // ---------------------------------------------------------------- plate content

    private record PlateSpec(String kind, String colour, String label, String display, List<String> rows, boolean twoLine,
            double widthMm, double heightMm, Color background, Color ink) {
    }

    private PlateSpec plateSpec(SplittableRandom rnd) {
        double k = rnd.nextDouble();
        if (k < 0.15 && cjkFont != null) {
            return chinese(rnd);
        }
        String province = VN_PROVINCES[rnd.nextInt(VN_PROVINCES.length)];
        char series = pick(rnd, VN_SERIES);
        boolean fourDigits = rnd.nextDouble() < 0.12;
        String number = digits(rnd, fourDigits ? 4 : 5);
        String shownNumber = fourDigits ? number : number.substring(0, 3) + "." + number.substring(3);
        double c = rnd.nextDouble();
        String colour = c < 0.5 ? "white" : c < 0.85 ? "yellow" : c < 0.9 ? "yellow-red" : "blue";
        Color bg = switch (colour) {
            case "white" -> new Color(238, 238, 232);
            case "blue" -> new Color(28, 60, 150);
            default -> new Color(240, 196, 40);
        };
        Color ink = switch (colour) {
            case "blue" -> new Color(240, 240, 240);
            case "yellow-red" -> new Color(190, 30, 30);
            default -> new Color(20, 20, 20);
        };
        if (k < 0.32) {
            char moto = fourDigits || rnd.nextDouble() < 0.8 ? (char) ('1' + rnd.nextInt(9)) : pick(rnd, VN_SERIES);
            String top = province + "-" + series + moto;
            return new PlateSpec("vn-moto", colour, province + series + moto + number, top + " / " + shownNumber,
                    List.of(top, shownNumber), true, 190, 140, bg, ink);
        }
        String seriesText = !fourDigits && rnd.nextDouble() < 0.1 ? "" + series + pick(rnd, VN_SERIES) : "" + series;
        String label = province + seriesText + number;
        if (k < 0.55) {
            String top = province + seriesText;
            return new PlateSpec("vn-car-2line", colour, label, top + " / " + shownNumber, List.of(top, shownNumber), true,
                    330, 165, bg, ink);
        }
        String one = province + seriesText + "-" + shownNumber;
        return new PlateSpec("vn-car", colour, label, one, List.of(one), false, 520, 110, bg, ink);
    }

    private PlateSpec chinese(SplittableRandom rnd) {
        char province = pick(rnd, CN_PROVINCES);
        char letter = pick(rnd, CN_LETTERS);
        StringBuilder rest = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            rest.append(rnd.nextDouble() < 0.8 || i == 4 ? (char) ('0' + rnd.nextInt(10)) : pick(rnd, CN_LETTERS));
        }
        String label = "" + province + letter + rest;
        Color bg = new Color(245, 190, 20);
        Color ink = new Color(15, 15, 15);
        if (rnd.nextDouble() < 0.4) {
            String top = province + " " + letter;
            return new PlateSpec("cn-truck-2line", "yellow", label, top + " / " + rest, List.of(top, rest.toString()), true,
                    440, 220, bg, ink);
        }
        String one = province + "" + letter + "·" + rest;
        return new PlateSpec("cn-truck", "yellow", label, one, List.of(one), false, 440, 140, bg, ink);
    }

    private static String digits(SplittableRandom rnd, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + rnd.nextInt(10)));
        }
        return sb.toString();
    }

    private static char pick(SplittableRandom rnd, String from) {
        return from.charAt(rnd.nextInt(from.length()));
    }

    // ---------------------------------------------------------------- rendering

    private static final double PX_PER_MM = 2.0;

    private BufferedImage renderPlate(PlateSpec spec, SplittableRandom rnd) {
        int w = (int) (spec.widthMm() * PX_PER_MM);
        int h = (int) (spec.heightMm() * PX_PER_MM);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(spec.background());
        g.fillRect(0, 0, w, h);
        double mm = PX_PER_MM;
        g.setColor(spec.ink());
        g.setStroke(new BasicStroke((float) (2.5 * mm)));
        g.draw(new RoundRectangle2D.Double(3 * mm, 3 * mm, w - 6 * mm, h - 6 * mm, 10 * mm, 10 * mm));
        String family = plateFonts.get(rnd.nextInt(plateFonts.size()));
        boolean squeeze = !condensedFontFound;
        List<String> rows = spec.rows();
        double inset = 9 * mm;
        if (rows.size() == 1) {
            drawText(g, rows.get(0), family, squeeze, 14 * mm, h * 0.15, w - 28 * mm, h * 0.70);
        } else {
            double top = 12 * mm;
            double rowH = (h - top - 8 * mm) / 2.0;
            drawText(g, rows.get(0), family, squeeze, inset + (spec.kind().startsWith("cn") ? w * 0.18 : w * 0.04), top,
                    w - 2 * inset - (spec.kind().startsWith("cn") ? w * 0.36 : w * 0.08), rowH * 0.86);
            drawText(g, rows.get(1), family, squeeze, inset, top + rowH + rowH * 0.1, w - 2 * inset, rowH * 0.86);
        }
        // Screws and dirt: real plates have both, and both make blobs the localiser must live with.
        g.setColor(new Color(150, 150, 150));
        double screwY = rows.size() == 1 ? h / 2.0 : 9 * mm;
        for (double sx : new double[] {w * 0.035, w * 0.965 - 4 * mm}) {
            if (rows.size() == 1 && rnd.nextDouble() < 0.5) {
                continue;
            }
            g.fill(new Ellipse2D.Double(sx, screwY - 3 * mm, 6 * mm, 6 * mm));
        }
        int blotches = rnd.nextInt(0, 6);
        for (int i = 0; i < blotches; i++) {
            g.setColor(new Color(90 + rnd.nextInt(60), 70 + rnd.nextInt(40), 40 + rnd.nextInt(30), 30 + rnd.nextInt(70)));
            double r = (3 + rnd.nextDouble() * 14) * mm;
            g.fill(new Ellipse2D.Double(rnd.nextDouble() * w, rnd.nextDouble() * h, r * 1.5, r));
        }
        g.dispose();
        return img;
    }

    /** Fits {@code text} into the box: glyph heights to the box height, squeezed horizontally if too wide. */
    private void drawText(Graphics2D g, String text, String family, boolean squeeze, double x, double y, double w, double h) {
        Font base = new Font(family, Font.BOLD, 200);
        FontRenderContext frc = g.getFontRenderContext();
        List<Shape> parts = new ArrayList<>();
        double cursor = 0;
        double top = Double.MAX_VALUE, bottom = -Double.MAX_VALUE;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == ' ') {
                cursor += 60;
                continue;
            }
            Font f = Character.UnicodeScript.of(ch) == Character.UnicodeScript.HAN && cjkFont != null
                    ? new Font(cjkFont, Font.BOLD, 190) : base;
            Shape s = new TextLayout(String.valueOf(ch), f, frc).getOutline(AffineTransform.getTranslateInstance(cursor, 0));
            Rectangle2D b = s.getBounds2D();
            parts.add(s);
            cursor = b.getMaxX() + (Character.isLetterOrDigit(ch) ? 14 : 10);
            if (Character.isLetterOrDigit(ch)) {
                top = Math.min(top, b.getMinY());
                bottom = Math.max(bottom, b.getMaxY());
            }
        }
        double textW = cursor;
        double textH = bottom - top;
        double sy = h / textH;
        double sx = sy * (squeeze ? 0.72 : 1.0);
        if (textW * sx > w) {
            sx = w / textW;
        }
        double offsetX = x + (w - textW * sx) / 2;
        AffineTransform t = new AffineTransform();
        t.translate(offsetX, y - top * sy);
        t.scale(sx, sy);
        for (Shape s : parts) {
            g.fill(t.createTransformedShape(s));
        }
    }

    private static Color bodyColour(SplittableRandom rnd) {
        Color[] palette = {new Color(200, 200, 205), new Color(30, 30, 35), new Color(150, 20, 25), new Color(235, 235, 235),
            new Color(40, 70, 140), new Color(90, 95, 100), new Color(200, 170, 60), new Color(30, 90, 50)};
        Color c = palette[rnd.nextInt(palette.length)];
        int d = rnd.nextInt(-20, 21);
        return new Color(clamp(c.getRed() + d), clamp(c.getGreen() + d), clamp(c.getBlue() + d));
    }

    private static void drawBackground(Graphics2D g, SplittableRandom rnd) {
        int sky = 120 + rnd.nextInt(110);
        for (int y = 0; y < HEIGHT; y++) {
            int v = y < HEIGHT / 3 ? sky - y / 6 : 70 + rnd.nextInt(3) + (y - HEIGHT / 3) / 12;
            g.setColor(new Color(clamp(v), clamp(v + 2), clamp(v + 6)));
            g.drawLine(0, y, WIDTH, y);
        }
        for (int i = 0; i < 4; i++) {
            g.setColor(new Color(rnd.nextInt(60, 180), rnd.nextInt(60, 180), rnd.nextInt(60, 180)));
            g.fillRect(rnd.nextInt(WIDTH), rnd.nextInt(HEIGHT / 3), 60 + rnd.nextInt(200), 40 + rnd.nextInt(160));
        }
        g.setColor(new Color(220, 220, 210));
        g.setStroke(new BasicStroke(6));
        g.drawLine(rnd.nextInt(WIDTH), HEIGHT, rnd.nextInt(WIDTH), HEIGHT / 2);
    }

    private static void drawVehicleFront(Graphics2D g, SplittableRandom rnd, int x, int y, int w) {
        Color body = bodyColour(rnd);
        g.setColor(body);
        g.fillRoundRect(x, y, w, HEIGHT - y + 40, 60, 60);
        g.setColor(new Color(25, 30, 40));
        g.fillRoundRect(x + w / 10, y + 20, w * 8 / 10, 180 + rnd.nextInt(60), 30, 30);
        g.setColor(body.darker().darker());
        int grilleY = y + 280 + rnd.nextInt(60);
        for (int i = 0; i < 5; i++) {
            g.fillRect(x + w / 4, grilleY + i * 14, w / 2, 6);
        }
        g.setColor(new Color(250, 250, 235));
        g.fillOval(x + 20, grilleY, w / 7, 40);
        g.fillOval(x + w - 20 - w / 7, grilleY, w / 7, 40);
        g.setColor(new Color(35, 35, 35));
        g.fillRect(x - 10, 600 + rnd.nextInt(60), w + 20, 50);
    }

    /**
     * The rear doors of a container with its ISO 6346 marking near the top of the right-hand door, in one of
     * the layouts seen on real doors: one line {@code CSQU 305438 [3]}, or stacked {@code CSQU} /
     * {@code 305438 [3]}, or {@code CSQU} / {@code 305438} / {@code [3]}, with the size-type code (45G1)
     * below. The paint lies on the corrugation, so the ribs' light and shadow run through the characters.
     * Draws from {@code rnd} exactly what the first version did (plate scenes after it stay the same);
     * layout, font and shading come from a generator seeded by those draws.
     */
    private String drawContainerBack(Graphics2D g, SplittableRandom rnd, int x, int y, int w) {
        Color body = bodyColour(rnd);
        String owner = OWNERS[rnd.nextInt(OWNERS.length)];
        String serial = digits(rnd, 6);
        String first = owner + "U" + serial;
        int check = ContainerNumber.checkDigit(first);
        int size = 30 + rnd.nextInt(24);
        int dx = 20 + rnd.nextInt(40);
        int dy = 10 + rnd.nextInt(40);
        String sizeType = rnd.nextBoolean() ? "22G1" : "45G1";
        SplittableRandom more = new SplittableRandom((first + sizeType).hashCode() * 0x9E3779B97F4A7C15L + size * 131L + dx * 7919L + dy);
        int top = y - 40;
        int doorH = 560;
        g.setColor(body);
        g.fillRect(x, top, w, doorH);
        boolean lightBody = (body.getRed() + body.getGreen() + body.getBlue()) > 420;
        Color ink = lightBody ? new Color(20, 20, 20) : new Color(240, 240, 240);
        g.setColor(ink);
        String family = more.nextDouble() < 0.5 ? Font.SANS_SERIF : plateFonts.get(more.nextInt(plateFonts.size()));
        double layout = more.nextDouble();
        List<String> rows;
        int boxedRow;
        if (layout < 0.4) {
            rows = List.of(owner + "U " + serial, sizeType);
            boxedRow = 0;
        } else if (layout < 0.8) {
            rows = List.of(owner + "U", serial, sizeType);
            boxedRow = 1;
        } else {
            rows = List.of(owner + "U", serial, "", sizeType);
            boxedRow = 2;
        }
        // Right-hand door: from the middle bar to the edge, with margins; the marking is shrunk to fit.
        int doorLeft = x + w / 2 + 12;
        int doorRight = x + w - 16;
        Font font = new Font(family, Font.BOLD, size);
        g.setFont(font);
        int widest = 0;
        for (int i = 0; i < rows.size(); i++) {
            String shown = i == boxedRow ? rows.get(i) + (rows.get(i).isEmpty() ? "" : " ") + check : rows.get(i);
            widest = Math.max(widest, g.getFontMetrics().stringWidth(shown) + 16);
        }
        int room = doorRight - doorLeft - Math.min(dx, 40);
        if (widest > room) {
            size = Math.max(14, size * room / widest);
            font = new Font(family, Font.BOLD, size);
            g.setFont(font);
        }
        int tx = doorLeft + Math.min(dx, Math.max(0, room - widest));
        int ty = top + 40 + dy + size;
        int lineStep = (int) (size * (1.15 + 0.2 * more.nextDouble()));
        g.setStroke(new BasicStroke(Math.max(2, size / 12f)));
        for (int i = 0; i < rows.size(); i++) {
            String row = rows.get(i);
            boolean small = row.equals(sizeType);
            g.setFont(small ? font.deriveFont(size * 0.75f) : font);
            int rowY = ty + i * lineStep - (small && i > 0 ? (int) (size * 0.15) : 0);
            g.drawString(row, tx, rowY);
            if (i == boxedRow) {
                int at = tx + (row.isEmpty() ? 0 : g.getFontMetrics().stringWidth(row + " "));
                g.drawString(String.valueOf(check), at, rowY);
                // The box goes around the digit's real outline with a margin, as painted on doors.
                Rectangle2D digit = new TextLayout(String.valueOf(check), g.getFont(), g.getFontRenderContext())
                        .getBounds();
                int margin = size / 8;
                g.drawRect(at + (int) digit.getX() - margin, rowY + (int) digit.getY() - margin,
                        (int) digit.getWidth() + 2 * margin, (int) digit.getHeight() + 2 * margin);
            }
        }
        corrugate(g, more, x, top, w, doorH);
        g.setColor(new Color(35, 35, 35));
        g.fillRect(x - 20, 520, w + 40, 200);
        return first + check;
    }

    /**
     * Trapezoidal corrugation as the camera sees it: every rib has a lit face and a shaded face, whatever
     * the paint colour, and the locking bars and the gap between the doors are dark. Applied over the
     * painted marking, as light falls on a painted door.
     */
    private static void corrugate(Graphics2D g, SplittableRandom more, int x, int top, int w, int h) {
        int pitch = 16 + more.nextInt(12);
        int face = Math.max(3, pitch / 4);
        int lit = 40 + more.nextInt(50);
        int shade = 60 + more.nextInt(60);
        for (int rx = x + more.nextInt(pitch); rx < x + w; rx += pitch) {
            g.setColor(new Color(255, 255, 255, lit));
            g.fillRect(rx, top, face, h);
            g.setColor(new Color(0, 0, 0, shade));
            g.fillRect(rx + pitch / 2, top, face, h);
        }
        g.setColor(new Color(40, 40, 40));
        g.fillRect(x + w / 2 - 3, top, 6, h);
        g.setColor(new Color(70, 70, 75));
        for (double bar : new double[] {0.2, 0.35, 0.65, 0.8}) {
            g.fillRect(x + (int) (w * bar), top, 5, h);
        }
    }

    private static void drawDistractor(Graphics2D g, SplittableRandom rnd, int x, int y, int w) {
        String text = DISTRACTORS[rnd.nextInt(DISTRACTORS.length)];
        g.setColor(rnd.nextBoolean() ? new Color(230, 230, 230) : new Color(20, 20, 20));
        g.setFont(new Font(rnd.nextBoolean() ? Font.SANS_SERIF : Font.SERIF, Font.BOLD, 18 + rnd.nextInt(30)));
        g.drawString(text, x + rnd.nextInt(Math.max(1, w - 200)), y + 230 + rnd.nextInt(60));
    }

    // ---------------------------------------------------------------- geometry and degradation

    /** Corners of a plate of size w x h centred at (cx, cy) seen under random yaw, pitch and roll. */
    private static double[][] perspectiveQuad(SplittableRandom rnd, double cx, double cy, double w, double h, double strength) {
        double yaw = Math.toRadians(rnd.nextDouble(-25, 25) * strength);
        double pitch = Math.toRadians(rnd.nextDouble(-20, 20) * strength);
        double roll = Math.toRadians(rnd.nextDouble(-7, 7) * strength);
        double f = 2.5 * w;
        double[][] corners = {{-w / 2, -h / 2}, {w / 2, -h / 2}, {w / 2, h / 2}, {-w / 2, h / 2}};
        double[][] out = new double[4][2];
        for (int i = 0; i < 4; i++) {
            double px = corners[i][0], py = corners[i][1], pz = 0;
            double x1 = px * Math.cos(yaw) + pz * Math.sin(yaw);
            double z1 = -px * Math.sin(yaw) + pz * Math.cos(yaw);
            double y2 = py * Math.cos(pitch) - z1 * Math.sin(pitch);
            double z2 = py * Math.sin(pitch) + z1 * Math.cos(pitch);
            double x3 = x1 * Math.cos(roll) - y2 * Math.sin(roll);
            double y3 = x1 * Math.sin(roll) + y2 * Math.cos(roll);
            double s = f / (f + z2);
            out[i][0] = cx + x3 * s;
            out[i][1] = cy + y3 * s;
        }
        return out;
    }

    /** Draws {@code src} into {@code dst} so that its corners land on {@code quad}; returns the bounding box. */
    private static Box warpInto(BufferedImage dst, BufferedImage src, double[][] quad) {
        double[][] srcCorners = {{0, 0}, {src.getWidth() - 1, 0}, {src.getWidth() - 1, src.getHeight() - 1}, {0, src.getHeight() - 1}};
        double[] hInv = homography(quad, srcCorners);
        int x0 = (int) Math.floor(Arrays.stream(quad).mapToDouble(p -> p[0]).min().orElse(0));
        int x1 = (int) Math.ceil(Arrays.stream(quad).mapToDouble(p -> p[0]).max().orElse(0));
        int y0 = (int) Math.floor(Arrays.stream(quad).mapToDouble(p -> p[1]).min().orElse(0));
        int y1 = (int) Math.ceil(Arrays.stream(quad).mapToDouble(p -> p[1]).max().orElse(0));
        x0 = Math.max(0, x0);
        y0 = Math.max(0, y0);
        x1 = Math.min(dst.getWidth() - 1, x1);
        y1 = Math.min(dst.getHeight() - 1, y1);
        int sw = src.getWidth(), sh = src.getHeight();
        int[] spx = src.getRGB(0, 0, sw, sh, null, 0, sw);
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double d = hInv[6] * x + hInv[7] * y + 1;
                double u = (hInv[0] * x + hInv[1] * y + hInv[2]) / d;
                double v = (hInv[3] * x + hInv[4] * y + hInv[5]) / d;
                if (u < 0 || v < 0 || u > sw - 1 || v > sh - 1) {
                    continue;
                }
                dst.setRGB(x, y, bilinear(spx, sw, sh, u, v));
            }
        }
        return new Box(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }

    private static int bilinear(int[] px, int w, int h, double u, double v) {
        int x = (int) u, y = (int) v;
        int x2 = Math.min(w - 1, x + 1), y2 = Math.min(h - 1, y + 1);
        double fx = u - x, fy = v - y;
        int a = px[y * w + x], b = px[y * w + x2], c = px[y2 * w + x], d = px[y2 * w + x2];
        int out = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            double top = ((a >> shift) & 255) * (1 - fx) + ((b >> shift) & 255) * fx;
            double bottom = ((c >> shift) & 255) * (1 - fx) + ((d >> shift) & 255) * fx;
            out |= clamp((int) Math.round(top * (1 - fy) + bottom * fy)) << shift;
        }
        return out;
    }

    /** Homography mapping {@code from} points onto {@code to} points (8 parameters, h33 = 1). */
    private static double[] homography(double[][] from, double[][] to) {
        double[][] a = new double[8][9];
        for (int i = 0; i < 4; i++) {
            double x = from[i][0], y = from[i][1], u = to[i][0], v = to[i][1];
            a[2 * i] = new double[] {x, y, 1, 0, 0, 0, -u * x, -u * y, u};
            a[2 * i + 1] = new double[] {0, 0, 0, x, y, 1, -v * x, -v * y, v};
        }
        for (int col = 0; col < 8; col++) {
            int pivot = col;
            for (int r = col + 1; r < 8; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            for (int r = 0; r < 8; r++) {
                if (r != col) {
                    double factor = a[r][col] / a[col][col];
                    for (int k = col; k < 9; k++) {
                        a[r][k] -= factor * a[col][k];
                    }
                }
            }
        }
        double[] h = new double[8];
        for (int i = 0; i < 8; i++) {
            h[i] = a[i][8] / a[i][i];
        }
        return h;
    }

    /** Halves repeatedly, then one bilinear step: avoids the aliasing of one big bilinear reduction. */
    private static BufferedImage downscale(BufferedImage img, int targetW) {
        BufferedImage cur = img;
        while (cur.getWidth() / 2 >= targetW) {
            cur = resize(cur, cur.getWidth() / 2, cur.getHeight() / 2);
        }
        if (cur.getWidth() != targetW && targetW < cur.getWidth()) {
            cur = resize(cur, targetW, (int) Math.round(cur.getHeight() * (double) targetW / cur.getWidth()));
        }
        return cur;
    }

    private static BufferedImage resize(BufferedImage img, int w, int h) {
        BufferedImage out = new BufferedImage(Math.max(1, w), Math.max(1, h), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(img, 0, 0, out.getWidth(), out.getHeight(), null);
        g.dispose();
        return out;
    }

    private static void degrade(BufferedImage img, SplittableRandom rnd, boolean scene) {
        double sigma = rnd.nextDouble() < 0.6 ? rnd.nextDouble(0.3, 1.4) : 0;
        BufferedImage blurred = sigma > 0 ? gaussian(img, sigma) : img;
        double light = rnd.nextDouble() < 0.2 ? rnd.nextDouble(0.3, 0.6) : rnd.nextDouble(0.75, 1.1);
        double noise = rnd.nextDouble(0, scene ? 10 : 8);
        int w = img.getWidth(), h = img.getHeight();
        int[] px = blurred.getRGB(0, 0, w, h, null, 0, w);
        java.util.Random gauss = new java.util.Random(rnd.nextLong());
        for (int i = 0; i < px.length; i++) {
            int p = px[i];
            double n = gauss.nextGaussian() * noise;
            int r = clamp((int) (((p >> 16) & 255) * light + n));
            int gg = clamp((int) (((p >> 8) & 255) * light + n));
            int b = clamp((int) ((p & 255) * light + n));
            px[i] = (r << 16) | (gg << 8) | b;
        }
        img.setRGB(0, 0, w, h, px, 0, w);
    }

    private static BufferedImage gaussian(BufferedImage img, double sigma) {
        int radius = (int) Math.ceil(sigma * 2.5);
        float[] k = new float[2 * radius + 1];
        float sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = (float) Math.exp(-i * i / (2 * sigma * sigma));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        ConvolveOp horizontal = new ConvolveOp(new Kernel(k.length, 1, k), ConvolveOp.EDGE_NO_OP, null);
        ConvolveOp vertical = new ConvolveOp(new Kernel(1, k.length, k), ConvolveOp.EDGE_NO_OP, null);
        return vertical.filter(horizontal.filter(img, null), null);
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }

    private static byte[] jpeg(BufferedImage img, int quality) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.setOutput(out);
            writer.write(null, new IIOImage(img, null, null), param);
            writer.dispose();
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
