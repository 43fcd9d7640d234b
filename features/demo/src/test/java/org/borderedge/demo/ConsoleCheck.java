package org.borderedge.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.borderedge.testing.ConsoleBrowser;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/**
 * The running demo's console in headless Chromium, as the administrator: the lanes dashboard shows
 * the resident-trade lane beside the truck lanes, and the e-seal page lists seals in several states,
 * one of them FAULTY. Screenshots go to target/screenshots/demo-lanes.png and demo-seals.png.
 */
final class ConsoleCheck {

    private ConsoleCheck() {
    }

    static void lanesAndSeals(URI base, String user, String password, Path browserDir) throws Exception {
        try (ConsoleBrowser browser = ConsoleBrowser.open(browserDir, Duration.ofSeconds(20))) {
            // Tall enough for four lane cards in one screenshot.
            browser.driver.manage().window().setSize(new Dimension(1280, 1150));
            browser.logIn(base.resolve("/console/").toString(), user, password);
            // Lane cards are redrawn on every live update: read them inside the wait, which retries a card
            // replaced between finding it and reading it.
            browser.wait.ignoring(StaleElementReferenceException.class);
            browser.wait.until(d -> d.findElement(By.id("nav")).isDisplayed());
            browser.wait.until(d -> d.findElement(By.id("lane-RES-1")).getText().toLowerCase().contains("resident-trade"));
            browser.wait.until(d -> d.findElements(By.cssSelector("article.lane")).size() == DemoTrafficIT.LANES.size());
            browser.screenshot(Path.of("target", "screenshots", "demo-lanes.png"));

            browser.driver.findElement(By.cssSelector("a[href='/console/seals/']")).click();
            List<String> rows = browser.wait.until(d -> {
                List<String> texts = d.findElements(By.cssSelector("#seals tbody tr")).stream().map(WebElement::getText).toList();
                return texts.size() >= 2 ? texts : null;
            });
            assertTrue(rows.stream().anyMatch(r -> r.contains("FAULTY")), "seal page rows: " + rows);
            assertTrue(rows.stream().anyMatch(r -> r.contains("APPLIED") || r.contains("RETURNED")), "seal page rows: " + rows);
            browser.screenshot(Path.of("target", "screenshots", "demo-seals.png"));
        }
    }
}
