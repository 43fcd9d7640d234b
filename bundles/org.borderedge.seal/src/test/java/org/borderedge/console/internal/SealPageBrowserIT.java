package org.borderedge.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.borderedge.console.LaneConsoleListener;
import org.borderedge.console.LaneConsoleSource;
import org.borderedge.console.LaneView;
import org.borderedge.console.OverrideAction;
import org.borderedge.console.OverrideResult;
import org.borderedge.core.CentralLink;
import org.borderedge.device.Device;
import org.borderedge.device.Observation;
import org.borderedge.device.ProfileRegistry;
import org.borderedge.outbox.Outbox;
import org.borderedge.outbox.internal.JournalSettings;
import org.borderedge.outbox.internal.SqliteJournal;
import org.borderedge.seal.SealAction;
import org.borderedge.seal.SealRequest;
import org.borderedge.seal.SealState;
import org.borderedge.seal.internal.SealServlet;
import org.borderedge.seal.internal.SqliteSealInventory;
import org.borderedge.testing.ConsoleBrowser;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The seals page with the real console login (ConsoleServlet, same package so its internals are
 * reachable from this bundle's tests) in headless Chromium: a technician lists seals, records a step
 * with the session's CSRF token, sees an illegal step refused, filters the faulty ones.
 * Screenshot in target/screenshots/seals-page.png.
 */
class SealPageBrowserIT {

    @TempDir
    Path dir;

    @Test
    void aTechnicianRecordsSealStepsInTheConsole() throws Exception {
        SqliteJournal journal = SqliteJournal.open(JournalSettings.of(dir.resolve("outbox.db"), "gw-1"), Clock.systemUTC());
        SqliteSealInventory inventory = new SqliteSealInventory(dir.resolve("seals.db"), journal, Clock.systemUTC(), 20);
        inventory.transition("ES-0001", new SealRequest(SealAction.ASSIGN, "chief", "transit to ICD", "TK-2026-0001", "29C-123.45"));
        inventory.sighted(new Observation.SealObserved("ES-0002", Observation.SealLock.TAMPERED, 41, null, null, Instant.now()),
                "IMP-1", "eseal-1");

        LaneConsoleSource noLanes = new LaneConsoleSource() {
            @Override public List<LaneView> lanes() { return List.of(); }
            @Override public OverrideResult override(String l, OverrideAction a, String r, String u) { return OverrideResult.refused("none"); }
            @Override public void addListener(LaneConsoleListener l) { }
            @Override public void removeListener(LaneConsoleListener l) { }
        };
        GatewayServices services = new GatewayServices() {
            @Override public LaneConsoleSource lanes() { return noLanes; }
            @Override public List<Device> devices() { return List.of(); }
            @Override public Optional<Outbox> outbox() { return Optional.of(journal); }
            @Override public Optional<CentralLink> centralLink() { return Optional.empty(); }
            @Override public Optional<ProfileRegistry> profiles() { return Optional.empty(); }
        };
        Console console = new Console(ConsoleSettings.defaults(dir.resolve("console"), ZoneId.of("Asia/Ho_Chi_Minh"))
                .withBootstrap("chief", "Chief-pass-2026"), Clock.systemUTC(), services);
        ConsoleRuntime runtime = () -> console;
        Server server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler ctx = new ServletContextHandler("/");
        ServletHolder consoleHolder = new ServletHolder("console", new ConsoleServlet(runtime));
        consoleHolder.setAsyncSupported(true);
        ctx.addServlet(consoleHolder, "/console/*");
        ServletHolder seals = new ServletHolder("seals", new SealServlet(inventory, new ConsoleAccessComponent(runtime)));
        ctx.addServlet(seals, "/api/v1/seals/*");
        ctx.addServlet(seals, "/console/seals/*");
        server.setHandler(ctx);
        server.start();
        String base = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();

        ConsoleBrowser browser = ConsoleBrowser.open(dir.resolve("browser"), Duration.ofSeconds(20));
        ChromeDriver driver = browser.driver;
        WebDriverWait wait = browser.wait;
        try {
            browser.logIn(base + "/console/", "chief", "Chief-pass-2026");
            wait.until(d -> d.findElement(By.id("nav")).isDisplayed());
            driver.findElement(By.cssSelector("a[href='/console/seals/']")).click();
            wait.until(d -> d.findElements(By.cssSelector("#seals tbody tr")).size() == 2);

            driver.findElement(By.id("sealId")).sendKeys("ES-0001");
            new Select(driver.findElement(By.id("action"))).selectByVisibleText("APPLY");
            driver.findElement(By.id("reason")).sendKeys("locked on container by officer");
            driver.findElement(By.cssSelector("#transition button")).click();
            wait.until(d -> d.findElement(By.id("message")).getText().equals("ES-0001 is now APPLIED"));
            assertEquals(SealState.APPLIED, inventory.find("ES-0001").orElseThrow().state());

            new Select(driver.findElement(By.id("action"))).selectByVisibleText("RETURN");
            driver.findElement(By.cssSelector("#transition button")).click();
            wait.until(d -> d.findElement(By.id("message")).getText().startsWith("RETURN refused"));

            new Select(driver.findElement(By.id("state"))).selectByVisibleText("FAULTY");
            wait.until(d -> d.findElements(By.cssSelector("#seals tbody tr")).size() == 1);
            String row = driver.findElement(By.cssSelector("#seals tbody tr")).getText();
            assertTrue(row.contains("ES-0002") && row.contains("tamper"), row);
            browser.screenshot(Path.of("target", "screenshots", "seals-page.png"));

            driver.findElement(By.cssSelector(".lang button[data-lang='vi']")).click();
            wait.until(d -> d.findElement(By.cssSelector("header strong")).getText().equals("Kho niêm phong điện tử"));
            wait.until(d -> d.findElement(By.cssSelector("#seals tbody tr")).getText().contains("Hỏng"));
        } finally {
            browser.close();
            server.stop();
            console.close();
            inventory.close();
            journal.close();
        }
    }
}
