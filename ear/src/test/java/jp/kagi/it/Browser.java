package jp.kagi.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven headless like a person: fields found by their visible label, buttons and links by
 * their text, downloads saved into a folder of the test's own.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final WebDriver driver;
    private final Path downloads;
    private final Path profile;
    private final WebDriverWait wait;

    Browser(String acceptLanguage) {
        this(acceptLanguage, Map.of());
    }

    /**
     * A browser whose chromedriver, and so Chromium, runs with {@code environment} added to this process's, e.g. a
     * HOME of the test's own, whose {@code .pki/nssdb} holds the client certificates Chromium may present.
     */
    Browser(String acceptLanguage, Map<String, String> environment) {
        try {
            downloads = Files.createTempDirectory("kagi-downloads");
            profile = Files.createTempDirectory("kagi-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1200,900", "--user-data-dir=" + profile, "--lang=" + acceptLanguage);
        options.setAcceptInsecureCerts(true); // WildFly's self-signed certificate in tests
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("intl.accept_languages", acceptLanguage);
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        prefs.put("safebrowsing.enabled", false);
        options.setExperimentalOption("prefs", prefs);
        // Chromium's console, read at close: a Content-Security-Policy violation fails the test (12/transport).
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withEnvironment(environment).build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    void open(String path) {
        driver.get(Api.BASE + path);
        settle();
    }

    /** Opens an absolute address, e.g. the ASP service on 8444. */
    void visit(String url) {
        driver.get(url);
        settle();
    }

    /** Types into the field whose {@code <label for>} reads {@code label}. */
    void fill(String label, String value) {
        retrying(() -> {
            WebElement field = field(label);
            field.clear();
            field.sendKeys(value);
            return field;
        });
    }

    WebElement field(String label) {
        WebElement l = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//label[normalize-space(.)='" + label + "']")));
        return driver.findElement(By.id(l.getDomAttribute("for")));
    }

    /** Chooses {@code file} in the file field whose label reads {@code label}, as a person picks it in the dialog. */
    void upload(String label, Path file) {
        retrying(() -> {
            WebElement field = field(label);
            field.sendKeys(file.toAbsolutePath().toString());
            return field;
        });
    }

    /** The value a PrimeFaces progress bar on the page shows, in percent (what its label reads). */
    int progress() {
        return retrying(() -> { // the page's poll replaces the bar every second
            String label = driver.findElement(By.cssSelector(".ui-progressbar .ui-progressbar-label")).getText().strip();
            return label.isEmpty() ? 0 : Integer.parseInt(label.replace("%", "").strip());
        });
    }

    /** As {@link #waitForText(String)}, for something that takes long (a job running on the server). */
    void waitForText(String text, Duration patience) {
        new WebDriverWait(driver, patience).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .until(d -> d.findElement(By.tagName("body")).getText().contains(text));
    }

    /** Picks {@code option} in the drop-down whose label reads {@code label}. */
    void select(String label, String option) {
        retrying(() -> {
            new org.openqa.selenium.support.ui.Select(field(label)).selectByVisibleText(option);
            return option;
        });
    }

    List<String> infos() {
        return driver.findElements(By.cssSelector(".ui-messages-info-summary")).stream().map(WebElement::getText).toList();
    }

    /** Clicks the button or link showing {@code text} and waits for the next page (a download keeps the page). */
    void click(String text) {
        click(By.xpath("//button[normalize-space(.)='" + text + "'] | //a[normalize-space(.)='" + text + "']"), false);
    }

    /** Clicks the button showing {@code text} in the table row that has a cell reading {@code row}. */
    void clickInRow(String row, String text) {
        click(inRow(row, text), false);
    }

    /** Like {@link #clickInRow}, for a button that asks "are you sure?" first: answers OK. */
    void clickInRowAndConfirm(String row, String text) {
        click(inRow(row, text), true);
    }

    /** Like {@link #click(String)}, for a button that asks "are you sure?" first: answers OK. */
    void clickAndConfirm(String text) {
        click(By.xpath("//button[normalize-space(.)='" + text + "']"), true);
    }

    /** Ticks or clears the check box whose label reads {@code label}. */
    void check(String label, boolean on) {
        retrying(() -> {
            WebElement box = field(label);
            if (box.isSelected() != on) {
                box.click();
            }
            return box;
        });
    }

    /** The texts of the buttons on the page, as a person sees them. */
    List<String> buttons() {
        return driver.findElements(By.tagName("button")).stream().map(WebElement::getText).map(String::strip)
                .filter(t -> !t.isEmpty()).toList();
    }

    /**
     * Runs JavaScript in the page, as anyone can with the browser's developer tools: how the tests forge a request
     * the screens never offer.
     */
    Object script(String js, Object... args) {
        return ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(js, args);
    }

    private static By inRow(String row, String text) {
        return By.xpath("//tr[td[normalize-space(.)='" + row + "']]//button[normalize-space(.)='" + text + "']");
    }

    private void click(By button, boolean confirm) {
        WebElement target = retrying(() -> {
            WebElement found = wait.until(ExpectedConditions.elementToBeClickable(button));
            found.click();
            return found;
        });
        if (confirm) {
            wait.until(ExpectedConditions.alertIsPresent()).accept();
        }
        try {
            new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> gone(target));
        } catch (org.openqa.selenium.TimeoutException e) {
            // The page stayed: a download, or a page that answered with itself unchanged.
        }
        settle();
    }

    /** True once the element left the page; Chromium reports that either as stale or as a foreign node. */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.WebDriverException e) {
            return true;
        }
    }

    /** Waits for the page to finish loading, so that scripts decorating its widgets are done with them. */
    private void settle() {
        wait.until(d -> "complete".equals(((org.openqa.selenium.JavascriptExecutor) d)
                .executeScript("return document.readyState")));
    }

    /**
     * Runs a step again when it touched a node the page had just replaced (PrimeFaces decorates widgets after
     * load); a person would simply look again.
     */
    private <T> T retrying(java.util.function.Supplier<T> step) {
        for (int attempt = 1; ; attempt++) {
            try {
                return step.get();
            } catch (org.openqa.selenium.WebDriverException e) {
                if (attempt == 10 || e instanceof org.openqa.selenium.TimeoutException) {
                    throw e;
                }
                try {
                    Thread.sleep(300);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Waits until the page shows {@code text} to a reader (visible text, not markup). */
    void waitForText(String text) {
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .until(d -> d.findElement(By.tagName("body")).getText().contains(text));
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    String url() {
        return driver.getCurrentUrl();
    }

    void back() {
        driver.navigate().back();
    }

    List<String> errors() {
        return driver.findElements(By.cssSelector(".ui-messages-error-summary")).stream().map(WebElement::getText).toList();
    }

    /** Waits for a finished download called {@code name}. */
    Path downloaded(String name) {
        Path file = downloads.resolve(name);
        wait.until(d -> Files.exists(file) && !Files.exists(downloads.resolve(name + ".crdownload")));
        return file;
    }

    void screenshot(String name) {
        String dir = System.getProperty("kagi.it.screenshots");
        if (dir == null) {
            return;
        }
        try {
            Files.createDirectories(Path.of(dir));
            byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(Path.of(dir, name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What Chromium's console reported about the Content-Security-Policy since the last call. */
    List<String> cspViolations() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(org.openqa.selenium.logging.LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
                .toList();
    }

    /** Ends the browser; fails if any page it showed broke the Content-Security-Policy (a blocked script or style). */
    @Override
    public void close() {
        List<String> violations;
        try {
            violations = cspViolations();
        } finally {
            driver.quit();
        }
        for (Path dir : List.of(downloads, profile)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // A temp folder left behind is harmless.
            }
        }
        if (!violations.isEmpty()) {
            throw new AssertionError("Content-Security-Policy violations in Chromium's console: " + violations);
        }
    }
}
