package org.borderedge.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.borderedge.console.LaneConsoleListener;
import org.borderedge.console.LaneConsoleSource;
import org.borderedge.console.LaneView;
import org.borderedge.console.OverrideAction;
import org.borderedge.console.OverrideResult;
import org.borderedge.core.CentralLink;
import org.borderedge.device.Device;
import org.borderedge.device.ProfileRegistry;
import org.borderedge.evidence.EvidenceKinds;
import org.borderedge.evidence.internal.EvidenceConsoleServlet;
import org.borderedge.evidence.internal.SqliteEvidenceStore;
import org.borderedge.outbox.Outbox;
import org.borderedge.testing.ConsoleBrowser;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The real console page (ConsoleServlet, same package so its internals are reachable from this
 * bundle's tests) with the evidence servlet beside it, in headless Chromium: a held lane's decision
 * card shows the plate crop fetched from the authenticated evidence route. Screenshot in
 * target/screenshots/evidence-decision.png.
 */
class EvidenceInConsoleBrowserIT {

    @TempDir
    Path dir;

    /** One held lane; nothing changes. */
    static final class HeldLane implements LaneConsoleSource {
        final LaneView view = new LaneView("L1", "road-import", "HELD",
                new LaneView.Vehicle("29C12345", List.of(), "TK-2026-0001", 24500.0, false),
                new LaneView.Decision("HOLD", List.of("weight: measured 24500 kg, declared 18000 kg"), Instant.now()), Instant.now());

        @Override
        public List<LaneView> lanes() {
            return List.of(view);
        }

        @Override
        public OverrideResult override(String laneId, OverrideAction action, String reason, String user) {
            return OverrideResult.refused("not in this test");
        }

        @Override
        public void addListener(LaneConsoleListener listener) {
        }

        @Override
        public void removeListener(LaneConsoleListener listener) {
        }
    }

    private static byte[] plateCrop() throws Exception {
        BufferedImage img = new BufferedImage(240, 60, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 240, 60);
        g.setColor(Color.BLACK);
        g.drawRect(2, 2, 235, 55);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 34));
        g.drawString("29C-123.45", 16, 44);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    @Test
    void theDecisionCardShowsItsEvidence() throws Exception {
        System.setProperty("java.awt.headless", "true");
        SqliteEvidenceStore store = new SqliteEvidenceStore(dir.resolve("evidence"), 1 << 20, Clock.systemUTC());
        store.put(plateCrop(), "image/png", "L1", "c-1", EvidenceKinds.PLATE_CROP);
        store.mark("c-1", "HOLD", false);

        HeldLane lane = new HeldLane();
        GatewayServices services = new GatewayServices() {
            @Override
            public LaneConsoleSource lanes() {
                return lane;
            }

            @Override
            public List<Device> devices() {
                return List.of();
            }

            @Override
            public Optional<Outbox> outbox() {
                return Optional.empty();
            }

            @Override
            public Optional<CentralLink> centralLink() {
                return Optional.empty();
            }

            @Override
            public Optional<ProfileRegistry> profiles() {
                return Optional.empty();
            }
        };
        Console console = new Console(ConsoleSettings.defaults(dir.resolve("console"), ZoneId.of("Asia/Ho_Chi_Minh"))
                .withBootstrap("chief", "Chief-pass-2026"), Clock.systemUTC(), services);
        console.watch(lane);
        ConsoleRuntime runtime = () -> console;
        Server server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler ctx = new ServletContextHandler("/");
        ServletHolder consoleHolder = new ServletHolder("console", new ConsoleServlet(runtime));
        consoleHolder.setAsyncSupported(true);
        ctx.addServlet(consoleHolder, "/console/*");
        ctx.addServlet(new ServletHolder("evidence", new EvidenceConsoleServlet(store, new ConsoleAccessComponent(runtime))),
                "/console/evidence/*");
        server.setHandler(ctx);
        server.start();
        String base = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();

        ConsoleBrowser browser = ConsoleBrowser.open(dir.resolve("browser"), java.time.Duration.ofSeconds(20));
        ChromeDriver driver = browser.driver;
        WebDriverWait wait = browser.wait;
        try {
            browser.logIn(base + "/console/", "chief", "Chief-pass-2026");
            JavascriptExecutor js = driver;
            wait.until(d -> {
                Object w = js.executeScript("const i = document.querySelector('#lane-L1 .decision img.evidence-img');"
                        + " return i && i.complete ? i.naturalWidth : 0;");
                return w instanceof Number n && n.intValue() > 0;
            });
            Object width = js.executeScript("return document.querySelector('#lane-L1 .decision img.evidence-img').naturalWidth;");
            assertEquals(240L, ((Number) width).longValue(), "the plate crop from the evidence store is shown");
            String src = (String) js.executeScript("return document.querySelector('#lane-L1 .decision img.evidence-img').src;");
            assertTrue(src.contains("/console/evidence/lanes/L1/plate-crop"), src);
            browser.screenshot(Path.of("target", "screenshots", "evidence-decision.png"));
        } finally {
            browser.close();
            server.stop();
            console.close();
            store.close();
        }
    }
}
