package dev.mfa4j.examples.springboot;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium and chromium-driver, headless. Selenium Manager cannot download a browser
 * here, so both binaries come from the PATH (.ci/chromium.sh installs them). Without them the
 * browser tests are skipped, unless the CI variable is set: then they fail.
 */
final class Chromium {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Chromium() {
    }

    static WebDriver start() {
        Optional<Path> browser = onPath("chromium");
        Optional<Path> driver = onPath("chromedriver");
        switch (whenMissing(browser.isPresent(), driver.isPresent(), System.getenv("CI"))) {
            case RUN -> { }
            case FAIL -> fail("CI is set, so the browser tests must run, but " + missing(browser, driver));
            case SKIP -> Assumptions.abort("browser tests skipped: " + missing(browser, driver));
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.get().toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=560,760",
                "--hide-scrollbars", "--no-first-run", "--disable-extensions");
        return new ChromeDriver(service, options);
    }

    /** What the browser tests do, given what is installed. */
    enum Decision {
        /** Both binaries are there. */
        RUN,
        /** One is missing and CI is set: the tests must run, so they fail. */
        FAIL,
        /** One is missing on a developer's machine: skipped, with the reason. */
        SKIP
    }

    static Decision whenMissing(boolean browserFound, boolean driverFound, String ciVariable) {
        if (browserFound && driverFound) {
            return Decision.RUN;
        }
        return ciVariable != null && !ciVariable.isBlank() ? Decision.FAIL : Decision.SKIP;
    }

    private static String missing(Optional<Path> browser, Optional<Path> driver) {
        return "chromium " + (browser.isPresent() ? "found" : "missing") + ", chromedriver " + (driver.isPresent() ? "found" : "missing")
                + " on the PATH; bash .ci/chromium.sh installs Debian's packages";
    }

    /** Saves what the browser shows as target/screenshots/NAME.png. */
    static Path screenshot(WebDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, command);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
