package org.dadiff4j.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.dadiff4j.pipeline.Defaults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in headless Chromium (Debian's chromium and chromium-driver, which {@code .ci/run}
 * installs; Selenium is given both paths, so it never looks for a driver of its own): upload,
 * progress, download, cancel. {@code -Ddadiff.screenshot=FILE} saves the page with its finished job.
 */
class BrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration JOB = Duration.ofMinutes(4);

    @TempDir static Path work;
    @TempDir static Path downloads;
    @TempDir static Path uploads;
    private static WebServer server;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "browser test skipped: install Debian's chromium and chromium-driver (.ci/run does) for " + CHROMIUM + " and " + DRIVER);
        int steps = Integer.getInteger("dadiff.web.steps", 2);
        server = TestServers.start(TestServers.config(work).optSteps(steps).build());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--no-first-run", "--disable-extensions");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void uploadWatchDownloadAndCancel() throws Exception {
        browser.get(TestServers.base(server) + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(d -> d.findElement(By.id("health")).getText().equals("ready"));
        wait.until(d -> !d.findElements(By.cssSelector("#method option")).isEmpty());
        assertTrue(browser.findElement(By.id("method-help")).getText().contains("degradation"),
                "the method has its one-line explanation");
        assertEquals("×4", browser.findElement(By.cssSelector("#scale option")).getText());
        // A range input snaps its value to its step: a step that does not divide the default would move it.
        assertEquals(Defaults.STRENGTH, Double.parseDouble(browser.findElement(By.id("strength")).getAttribute("value")),
                1e-9, "the strength slider starts at the library's default");

        Path image = uploads.resolve("small photo.png");
        String other = System.getProperty("dadiff.web.image");   // for the README's screenshot
        Files.write(image, other != null ? Files.readAllBytes(Path.of(other)) : TestServers.png(20, 16));
        BufferedImage lr = ImageIO.read(image.toFile());
        browser.findElement(By.id("files")).sendKeys(image.toString());
        wait.until(d -> d.findElement(By.cssSelector("#chosen li span")).getText()
                .contains(lr.getWidth() + "×" + lr.getHeight()));
        browser.findElement(By.id("start")).click();

        WebElement job = new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(d -> d.findElement(By.cssSelector(".job")));
        String id = job.getAttribute("data-id");
        new WebDriverWait(browser, JOB).withMessage(() -> state(id))
                .until(d -> progress(d, id).startsWith("done"));
        WebElement result = browser.findElement(By.cssSelector(".job[data-id='" + id + "'] .download-result"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> result.isDisplayed());
        String screenshot = System.getProperty("dadiff.screenshot");
        if (screenshot != null) {
            Thread.sleep(1000);
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, Path.of(screenshot), StandardCopyOption.REPLACE_EXISTING);
        }
        result.click();
        File downloaded = new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> finishedDownload());
        BufferedImage hr = ImageIO.read(downloaded);
        assertEquals(4 * lr.getWidth(), hr.getWidth());
        assertEquals(4 * lr.getHeight(), hr.getHeight());
        assertTrue(downloaded.getName().startsWith("small_photo_x4"), downloaded.getName());

        // A second job with many steps, cancelled from the page while it runs.
        WebElement steps = browser.findElement(By.id("steps"));
        steps.clear();
        steps.sendKeys("500");
        browser.findElement(By.id("files")).sendKeys(image.toString());
        browser.findElement(By.id("start")).click();
        String second = new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> {
            List<WebElement> jobs = d.findElements(By.cssSelector(".job"));
            return jobs.size() == 2 ? jobs.get(0).getAttribute("data-id") : null;
        });
        new WebDriverWait(browser, JOB).until(d -> progress(d, second).startsWith("step "));
        browser.findElement(By.cssSelector(".job[data-id='" + second + "'] .cancel")).click();
        new WebDriverWait(browser, JOB).until(d -> "cancelled".equals(
                d.findElement(By.cssSelector(".job[data-id='" + second + "']")).getAttribute("data-state")));
        JsonObject cancelled = TestServers.json(TestServers.get(server, "/api/v1/jobs/" + second));
        assertEquals("cancelled", cancelled.get("state").getAsString());
        int at = cancelled.get("step").getAsInt();
        assertTrue(at < 500, "stopped at step " + at);
        Thread.sleep(1500);
        assertEquals(at, TestServers.json(TestServers.get(server, "/api/v1/jobs/" + second)).get("step").getAsInt(),
                "no step after the cancel");

        // Reloading reattaches to both jobs.
        browser.navigate().refresh();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> d.findElements(By.cssSelector(".job")).size() == 2);
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> progress(d, id).startsWith("done"));
    }

    /** What the page and the API say about a job, for a failure message. */
    private static String state(String id) {
        try {
            return "page: " + browser.findElement(By.cssSelector(".job[data-id='" + id + "']")).getText()
                    + "; message: " + browser.findElement(By.id("message")).getText()
                    + "; API: " + TestServers.get(server, "/api/v1/jobs/" + id).body();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static String progress(WebDriver d, String id) {
        return d.findElement(By.cssSelector(".job[data-id='" + id + "'] .progress-text")).getText();
    }

    private static File finishedDownload() {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.filter(p -> p.toString().endsWith(".png")).map(Path::toFile).findFirst().orElse(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
