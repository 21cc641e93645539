package io.github.bgp.view;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium for the browser tests, driven through the system's chromedriver
 * (Debian's {@code chromium} and {@code chromium-driver}; {@code .ci/run} installs them), with a
 * fresh profile that is deleted on {@link #close()}. Missing either is a failure, never a skip:
 * the browser profile exists to run these tests.
 */
final class Chromium implements AutoCloseable {

  /** How long a step of a test may wait for the page: a generous bound for a loaded machine, not a goal. */
  static final Duration PATIENCE = Duration.ofSeconds(60);

  private static final String BROWSER = System.getProperty("bgp.chromium", "/usr/bin/chromium");
  private static final String DRIVER = System.getProperty("bgp.chromedriver", "/usr/bin/chromedriver");

  private final Path profile;
  private final ChromeDriverService service;
  final ChromeDriver driver;

  Chromium() throws IOException {
    for (String file : new String[] {BROWSER, DRIVER}) {
      if (!new File(file).canExecute()) {
        throw new IllegalStateException(file + " is missing: the browser tests need Debian's chromium and"
            + " chromium-driver (apt-get install -y chromium chromium-driver), or -Dbgp.chromium and"
            + " -Dbgp.chromedriver naming them");
      }
    }
    profile = Files.createTempDirectory("bgp-view-chromium");
    service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER);
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
        "--user-data-dir=" + profile, "--window-size=1360,1000", "--force-device-scale-factor=1");
    try {
      driver = new ChromeDriver(service, options);
    } catch (RuntimeException e) {
      service.stop();
      delete(profile);
      throw e;
    }
  }

  /** Waits, polling, until {@code condition} holds; fails the test after {@link #PATIENCE}. */
  <T> T until(ExpectedCondition<T> condition) {
    return new WebDriverWait(driver, PATIENCE).until(condition);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  int count(String css) {
    return driver.findElements(By.cssSelector(css)).size();
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /**
   * Keeps a screenshot of the whole page (the window grown to the page's height) as a test
   * artifact under {@code bgp.view.artifacts} (target/browser), and returns where.
   */
  Path screenshot(String name) throws IOException {
    Path dir = Path.of(System.getProperty("bgp.view.artifacts", "target/browser"));
    Files.createDirectories(dir);
    Dimension before = driver.manage().window().getSize();
    long height = ((Number) script("return Math.ceil(document.documentElement.scrollHeight)")).longValue();
    driver.manage().window().setSize(new Dimension(before.getWidth(), (int) Math.min(6000, height + 120)));
    Path file = dir.resolve(name + ".png");
    Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    driver.manage().window().setSize(before);
    return file;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      delete(profile);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
