package org.borderedge.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless chromium through its own chromedriver (so Selenium Manager never downloads a
 * driver), with a throw-away profile, for the technician console's browser tests. Needs
 * selenium-chrome-driver and selenium-support on the test class path. {@link #close()} quits the
 * browser and its driver.
 */
public final class ConsoleBrowser implements AutoCloseable {

    public final ChromeDriver driver;
    public final WebDriverWait wait;

    private ConsoleBrowser(ChromeDriver driver, Duration timeout) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, timeout, Duration.ofMillis(100));
    }

    /** Starts chromium with its profile in {@code profileDir}; {@link #wait} gives up after {@code timeout}. */
    public static ConsoleBrowser open(Path profileDir, Duration timeout) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--window-size=1280,800", "--user-data-dir=" + profileDir);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ConsoleBrowser(new ChromeDriver(service, options), timeout);
    }

    /** Opens the console at {@code consoleUrl} and signs in through its login form. */
    public void logIn(String consoleUrl, String user, String password) {
        driver.get(consoleUrl);
        wait.until(d -> d.findElement(By.id("login-user")).isDisplayed());
        driver.findElement(By.id("login-user")).sendKeys(user);
        driver.findElement(By.id("login-password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
    }

    /** Saves what the browser shows as {@code file} (a PNG). */
    public void screenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
