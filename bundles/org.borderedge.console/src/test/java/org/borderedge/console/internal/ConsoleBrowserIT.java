package org.borderedge.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.borderedge.access.internal.TokenStore;
import org.borderedge.core.CentralLink;
import org.borderedge.core.EventDraft;
import org.borderedge.core.EventType;
import org.borderedge.device.DeviceStatus;
import org.borderedge.testing.ConsoleBrowser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in headless Chromium against the servlets in embedded Jetty: log in, watch a lane
 * cycle arrive live over SSE, override with a reason and a confirmation, find it in the audit log,
 * verify the chain, switch to Vietnamese. Screenshots go to target/screenshots.
 */
class ConsoleBrowserIT {

    @TempDir
    Path dataDir;
    @TempDir
    Path browserProfile;
    ConsoleHarness harness;
    ConsoleBrowser browser;
    WebDriver driver;
    WebDriverWait wait;
    final Path shots = Path.of("target", "screenshots");

    @BeforeEach
    void start() throws Exception {
        harness = new ConsoleHarness(dataDir, true);
        Instant now = Instant.now();
        harness.devices.add(new TestDevice("L1-barrier", "barrier", "L1", "barrier/generic-modbus-relay", "tcp://10.0.1.21:502",
                DeviceStatus.online(now), now, Map.of("polls", 1520L, "timeouts", 0L)));
        harness.devices.add(new TestDevice("L1-scale", "scale", "L1", "scale/generic-ascii", "/dev/ttyS1",
                DeviceStatus.degraded("3 bad checksums in the last minute", now), now, Map.of("frames", 9811L, "badChecksum", 3L)));
        harness.devices.add(new TestDevice("L2-camera", "camera", "L2", "camera/isapi-anpr", "http://10.0.2.30",
                DeviceStatus.offline("no reply to ISAPI heartbeat for 30 s", now), now.minusSeconds(31), Map.of("frames", 0L)));
        harness.link = new CentralLink() {
            @Override
            public boolean connected() {
                return true;
            }

            @Override
            public Instant lastContact() {
                return Instant.now().minusSeconds(2);
            }
        };
        harness.outbox.append(EventDraft.of(EventType.PLATE_READ, "L1", Instant.now(),
                Map.of("plate", CyclingLaneSource.PLATE, "confidence", 0.97)));
        harness.outbox.append(EventDraft.of(EventType.DECISION, "L1", Instant.now(), Map.of("plate", CyclingLaneSource.PLATE,
                "declaration", CyclingLaneSource.DECLARATION, "outcome", "RELEASE")));
        harness.outbox.append(EventDraft.of(EventType.PLATE_READ, "L2", Instant.now(), Map.of("plate", "29H99999")));
        harness.lanes.autoAdvance(Duration.ofMillis(450));

        Files.createDirectories(shots);
        browser = ConsoleBrowser.open(browserProfile, Duration.ofSeconds(15));
        driver = browser.driver;
        wait = browser.wait;
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        harness.close();
    }

    private void shot(String name) throws Exception {
        browser.screenshot(shots.resolve(name + ".png"));
    }

    private String laneState(String lane) {
        // Cards are replaced on every live update, so read the state in the page rather than hold an element.
        Object s = ((JavascriptExecutor) driver).executeScript(
                "const c = document.getElementById('lane-' + arguments[0]); return c ? c.dataset.state : '';", lane);
        return s == null ? "" : s.toString();
    }

    @SuppressWarnings("unchecked")
    private List<String> seenL1() {
        Object o = ((JavascriptExecutor) driver).executeScript("return window.__l1 || null;");
        if (o == null) {
            throw new AssertionError("the page was reloaded: the live state recorder is gone");
        }
        return (List<String>) o;
    }

    private void waitForLaneState(String lane, String state) {
        wait.until(d -> state.equals(laneState(lane)));
    }

    @Test
    void technicianDayInTheConsole() throws Exception {
        driver.get(harness.base + "/console/");
        wait.until(d -> d.findElement(By.id("login-user")).isDisplayed());
        shot("01-login");
        driver.findElement(By.id("login-user")).sendKeys(ConsoleHarness.SUPERVISOR);
        driver.findElement(By.id("login-password")).sendKeys("wrong-password");
        driver.findElement(By.id("login-submit")).click();
        wait.until(d -> d.findElement(By.id("login-error")).isDisplayed());
        assertTrue(driver.findElement(By.id("login-error")).getText().contains("Wrong"));
        driver.findElement(By.id("login-password")).sendKeys(ConsoleHarness.SUPERVISOR_PASSWORD);
        driver.findElement(By.id("login-submit")).click();

        // A lane cycle arrives live: the page records every state L1 shows, and is never reloaded.
        wait.until(d -> !laneState("L1").isEmpty());
        ((JavascriptExecutor) driver).executeScript("window.__l1 = []; new MutationObserver(() => {"
                + " const c = document.getElementById('lane-L1'); if (!c) return;"
                + " if (window.__l1[window.__l1.length - 1] !== c.dataset.state) window.__l1.push(c.dataset.state); })"
                + ".observe(document.getElementById('lanes'), {childList: true, subtree: true, attributes: true});");
        int cyclesBefore = harness.lanes.cycles();
        wait.until(d -> seenL1().contains("WEIGHING"));
        harness.lanes.pauseAt("RELEASED");
        waitForLaneState("L1", "RELEASED");
        assertTrue(seenL1().containsAll(List.of("WEIGHING", "DECIDING", "RELEASED")), seenL1().toString());
        WebElement l1 = driver.findElement(By.id("lane-L1"));
        assertTrue(l1.getText().contains("32,450 kg"), l1.getText());
        assertTrue(l1.getText().contains("green channel"), l1.getText());
        assertTrue(l1.findElement(By.cssSelector(".plate")).getText().contains(CyclingLaneSource.PLATE));
        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "const i = document.querySelector('#lane-L1 .crop img'); return !!i && i.complete && i.naturalWidth > 0;"));
        shot("02-lanes-live");
        harness.lanes.pauseAt(null);
        wait.until(d -> harness.lanes.cycles() > cyclesBefore && "IDLE".equals(laneState("L1")));
        assertTrue(seenL1().lastIndexOf("IDLE") > seenL1().indexOf("RELEASED"), seenL1().toString());

        // Manual override: a reason is mandatory and the action needs a confirmation.
        driver.findElement(By.cssSelector("button[data-lane='L2'][data-action='OPEN']")).click();
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return document.getElementById('override-dialog').open;")));
        driver.findElement(By.id("override-confirm")).click();
        assertTrue(driver.findElement(By.id("override-error")).isDisplayed());
        assertEquals("IDLE", harness.lanes.lanes().get(1).state(), "nothing may happen without a reason");
        String reason = "Barrier test after motor maintenance";
        driver.findElement(By.id("override-reason")).sendKeys(reason);
        shot("03-override-dialog");
        driver.findElement(By.id("override-confirm")).click();
        waitForLaneState("L2", "MANUAL_OPEN");
        wait.until(d -> d.findElement(By.cssSelector("#lane-L2 .manual-note")).getText().contains(reason));
        assertTrue(driver.findElement(By.id("toast")).getText().contains("accepted"));
        shot("04-override-on-lane");

        driver.findElement(By.cssSelector("button[data-lane='L2'][data-action='HOLD']")).click();
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return document.getElementById('override-dialog').open;")));
        driver.findElement(By.id("override-reason")).sendKeys("Seal number does not match the declaration");
        driver.findElement(By.id("override-confirm")).click();
        waitForLaneState("L2", "MANUAL_HOLD");
        wait.until(d -> d.findElement(By.cssSelector("#lane-L2 .alarm")).getText().contains("Seal number does not match"));
        shot("04b-hold-alarm");

        // The override is in the audit log and the chain verifies.
        driver.findElement(By.cssSelector("#nav a[data-view='audit']")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#audit tr[data-action='OVERRIDE']")).isEmpty());
        WebElement row = driver.findElements(By.cssSelector("#audit tr[data-action='OVERRIDE']")).stream()
                .filter(r -> r.getText().contains(reason)).findFirst().orElseThrow(() -> new AssertionError("no audit row for " + reason));
        assertTrue(row.getText().contains("L2") && row.getText().contains("OPEN"), row.getText());
        driver.findElement(By.id("audit-verify")).click();
        wait.until(d -> d.findElement(By.id("audit-result")).getText().contains("intact"));
        shot("05-audit");

        // A supervisor adds a user and an API token; the token is shown once.
        driver.findElement(By.cssSelector("#nav a[data-view='users']")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#users tr[data-user='tech']")).isEmpty());
        driver.findElement(By.id("user-name")).sendKeys("night-shift");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("user-role"))).selectByValue("technician");
        driver.findElement(By.id("user-password")).sendKeys("Night-shift-2026");
        driver.findElement(By.cssSelector("#user-form button[type='submit']")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#users tr[data-user='night-shift']")).isEmpty());
        assertEquals(Role.TECHNICIAN, harness.console.users.user("night-shift").orElseThrow().role());
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("token-user"))).selectByValue("night-shift");
        driver.findElement(By.id("token-label")).sendKeys("lane PLC");
        driver.findElement(By.cssSelector("#token-form button[type='submit']")).click();
        wait.until(d -> d.findElement(By.id("token-shown")).getText().contains("bet_"));
        shot("06a-users");

        // Other pages render with data.
        driver.findElement(By.cssSelector("#nav a[data-view='devices']")).click();
        wait.until(d -> d.findElements(By.cssSelector("#devices tr[data-device]")).size() == 3);
        assertTrue(driver.findElement(By.id("devices")).getText().contains("no reply to ISAPI heartbeat"));
        shot("06-devices");
        driver.findElement(By.cssSelector("#nav a[data-view='sync']")).click();
        wait.until(d -> d.findElement(By.id("sync")).getText().contains("Connected"));
        shot("07-sync");
        driver.findElement(By.cssSelector("#nav a[data-view='events']")).click();
        driver.findElement(By.id("ev-plate")).sendKeys("51c-123");
        driver.findElement(By.id("ev-search")).click();
        wait.until(d -> d.findElements(By.cssSelector("#events tr[data-seq]")).size() == 2);
        shot("08-events");
        wait.until(d -> harness.lanes.cycles() >= 2);
        driver.findElement(By.cssSelector("#nav a[data-view='stages']")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#stages svg.chart rect")).isEmpty());
        assertTrue(driver.findElement(By.id("stages")).getText().contains("weighing"));
        shot("09-stages");

        // Vietnamese, UTF-8 intact.
        driver.findElement(By.id("lang-vi")).click();
        wait.until(d -> d.findElement(By.cssSelector("#nav a[data-view='lanes']")).getText().equals("Làn xe"));
        driver.findElement(By.cssSelector("#nav a[data-view='lanes']")).click();
        wait.until(d -> d.findElement(By.id("lane-L2")).getText().toLowerCase(java.util.Locale.ROOT).contains("thủ công: tạm giữ"));
        String l2 = driver.findElement(By.id("lane-L2")).getText();
        assertTrue(l2.contains("Thao tác thủ công: Tạm giữ") && l2.contains("Cảnh báo:"), l2);
        assertEquals("vi", driver.findElement(By.tagName("html")).getAttribute("lang"));
        assertFalse(driver.getPageSource().contains("Ã"), "mojibake: translations not read as UTF-8");
        shot("10-lanes-vi");

        // The agency-token page follows the language chosen in the console.
        harness.agencyTokens = new TokenStore(dataDir.resolve("agency-tokens.json"), Clock.systemUTC());
        driver.get(harness.base + "/console/static/agency-tokens.html");
        wait.until(d -> d.findElement(By.cssSelector("#issue h3")).getText().equals("Cấp token"));
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("agency"))).selectByValue("quarantine");
        driver.findElement(By.id("label")).sendKeys("Trạm kiểm dịch");
        driver.findElement(By.cssSelector("#issue button[type='submit']")).click();
        wait.until(d -> d.findElement(By.id("secret-value")).getText().length() > 20);
        wait.until(d -> d.findElement(By.id("tokens")).getText().contains("Kiểm dịch"));
        assertTrue(driver.findElement(By.id("tokens")).getText().contains("đang hiệu lực"));
        assertEquals("quarantine", harness.agencyTokens.list().get(0).agency().wireName());
        shot("11-agency-tokens-vi");
    }
}
