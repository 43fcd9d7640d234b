package org.borderedge.demo;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The running demo's console in headless Chromium, as the administrator: the lanes dashboard shows
 * the resident-trade lane beside the truck lanes, and the e-seal page lists seals in several states,
 * one of them FAULTY. Screenshots go to target/screenshots/demo-lanes.png and demo-seals.png.
 */
final class ConsoleCheck {

    private ConsoleCheck() {
    }

    static void lanesAndSeals(URI base, String user, String password, Path browserDir) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--window-size=1280,1150", "--user-data-dir=" + browserDir);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            Path shots = Files.createDirectories(Path.of("target", "screenshots"));
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(100));
            driver.get(base.resolve("/console/").toString());
            wait.until(d -> d.findElement(By.id("login-user")).isDisplayed());
            driver.findElement(By.id("login-user")).sendKeys(user);
            driver.findElement(By.id("login-password")).sendKeys(password);
            driver.findElement(By.id("login-submit")).click();
            wait.until(d -> d.findElement(By.id("nav")).isDisplayed());
            WebElement resident = wait.until(d -> d.findElement(By.id("lane-RES-1")));
            assertTrue(resident.getText().toLowerCase().contains("resident-trade"), resident.getText());
            wait.until(d -> d.findElements(By.cssSelector("article.lane")).size() == DemoTrafficIT.LANES.size());
            screenshot(driver, shots.resolve("demo-lanes.png"));

            driver.findElement(By.cssSelector("a[href='/console/seals/']")).click();
            wait.until(d -> d.findElements(By.cssSelector("#seals tbody tr")).size() >= 2);
            List<String> rows = driver.findElements(By.cssSelector("#seals tbody tr")).stream().map(WebElement::getText).toList();
            assertTrue(rows.stream().anyMatch(r -> r.contains("FAULTY")), "seal page rows: " + rows);
            assertTrue(rows.stream().anyMatch(r -> r.contains("APPLIED") || r.contains("RETURNED")), "seal page rows: " + rows);
            screenshot(driver, shots.resolve("demo-seals.png"));
        } finally {
            driver.quit();
        }
    }

    private static void screenshot(ChromeDriver driver, Path to) throws Exception {
        File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
    }
}
