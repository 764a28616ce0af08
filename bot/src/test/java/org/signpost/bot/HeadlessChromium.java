package org.signpost.bot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium and ChromeDriver (installed by {@code .ci/run}), headless, for the browser tests of the
 * signed-in pages: its own profile and download folder, the browser's console kept (to find
 * Content-Security-Policy violations), screenshots for the docs.
 */
public final class HeadlessChromium implements AutoCloseable {

    private final WebDriver driver;
    private final Path downloads;
    private final Path screenshots;
    private final AtomicInteger failedWaits = new AtomicInteger();

    private HeadlessChromium(WebDriver driver, Path downloads, Path screenshots) {
        this.driver = driver;
        this.downloads = downloads;
        this.screenshots = screenshots;
    }

    public static HeadlessChromium start(String name, Path screenshots) throws IOException {
        Files.createDirectories(screenshots);
        Path downloads = TestRedis.tempFolder("signpost-" + name + "-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // without the background-networking flags Chromium keeps reaching for Google's hosts, which a closed
        // network refuses
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000",
                "--user-data-dir=" + TestRedis.tempFolder("signpost-" + name + "-chromium-profile"));
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        return new HeadlessChromium(new ChromeDriver(service, options), downloads, screenshots);
    }

    public WebDriver driver() {
        return driver;
    }

    /**
     * Waits up to 20 s; an element that goes stale while the page it was found on is replaced (a form's redirect
     * landing between finding and reading it) only means "not yet", as a missing one does.
     */
    public WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20)) {
            @Override
            protected RuntimeException timeoutException(String message, Throwable lastException) {
                return super.timeoutException(message + "; " + evidence(), lastException);
            }
        };
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /**
     * What the browser showed when a wait ran out, so that a failure seen once (in CI, under load) can be
     * understood afterwards: the address and title in the message, the screen and the page's HTML saved beside
     * the screenshots.
     */
    String evidence() {
        String name = "failed-wait-" + failedWaits.incrementAndGet();
        try {
            Files.write(screenshots.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            Files.writeString(screenshots.resolve(name + ".html"), driver.getPageSource());
            return "the browser was at " + driver.getCurrentUrl() + " (\"" + driver.getTitle() + "\"), saved as "
                    + screenshots.resolve(name + ".png") + " and .html";
        } catch (IOException | RuntimeException e) {
            return "the browser's page could not be saved (" + e + ")";
        }
    }

    /** Fills in the sign-in form the browser was sent to, without sending it. */
    public void fillSignIn(String username, String password) {
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
    }

    public void signIn(String username, String password) {
        fillSignIn(username, password);
        driver.findElement(By.id("password")).sendKeys(Keys.ENTER);
    }

    /** A file the page downloaded, once it is there (up to ten seconds). */
    public Path downloaded(String name) throws InterruptedException {
        Path file = downloads.resolve(name);
        for (int i = 0; i < 100 && !Files.exists(file); i++) {
            Thread.sleep(100);
        }
        if (!Files.exists(file)) {
            throw new AssertionError(name + " was not downloaded");
        }
        return file;
    }

    /** What a person sees at the top of the page. */
    public void screenshot(String name) throws IOException {
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0);");
        Files.write(screenshots.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    /** One part of the page, whole: the window is made tall enough for it first. */
    public void screenshot(String name, WebElement part) throws IOException {
        Dimension size = driver.manage().window().getSize();
        long height = (Long) ((JavascriptExecutor) driver).executeScript(
                "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);");
        driver.manage().window().setSize(new Dimension(1280, (int) Math.min(height + 100, 12000)));
        Files.write(screenshots.resolve(name + ".png"), part.getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(size);
    }

    /** What the browser's console said about refused content since the last call. */
    public List<String> securityPolicyViolations() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy") || message.contains("Refused"))
                .toList();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
