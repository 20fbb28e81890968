package dev.baton.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.baton.run.Phase;
import dev.baton.run.RunRegistry;
import dev.baton.workers.Team.Member;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live page in a real browser (Debian's Chromium driven by chromedriver) on a served Baton with
 * a simulated team and an API token: the diagram renders, the token moves through the phases, an
 * agent stuck in a dialog shows as a "needs you" banner, and Cancel works with the token.
 * Screenshots go to {@code target/live-page/}, and to {@code docs/} with {@code
 * -Dbaton.update-screenshots=true}.
 */
@Tag("end-to-end")
class LivePageBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String TOKEN = "page-token-42";

  /** Phases as the model names them, in the order a run passes them. */
  private static final List<String> PHASES = List.of("distribut", "poll", "test", "report");

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void thePageFollowsARunShowsANeedsYouBannerAndCancelsWithTheToken(@TempDir Path dir)
      throws Exception {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver; .ci/run does it):"
            + " the live page's browser test is skipped");
    Path profile = Files.createTempDirectory("baton-chromium-");
    try (Team t =
            new Team(
                    dir,
                    List.of(
                        Member.lead("A1", "--work", "2500ms"),
                        Member.of("A2", "--work", "2500ms"),
                        Member.of("Asker", "--trust-dialog")))
                .with(
                    "--baton.api.token=" + TOKEN,
                    "--baton.tmux.submit-delay=150ms",
                    "--baton.live.alert-interval=300ms")
                .serve();
        Browser browser = new Browser(profile)) {
      WebDriver page = browser.driver;
      String base = "http://127.0.0.1:" + t.port();
      page.manage().window().setSize(new Dimension(1366, 768));
      page.get(base + "/");

      // the page asks for the token (the API refuses without it) and keeps it for the session
      wait(page, 15).until(d -> d.findElement(By.id("token")).isDisplayed());
      page.findElement(By.id("token")).sendKeys(TOKEN);
      page.findElement(By.cssSelector("#tokenForm button[type=submit]")).click();

      String runId = start(base, "- Write the parser\\n- Write the printer\\n- Write the docs");
      wait(page, 30).until(d -> d.findElement(By.id("run")).getAttribute("value").equals(runId));

      // the deployed model is drawn (from the engine, not from a file the page knows)
      wait(page, 30)
          .until(d -> d.findElements(By.cssSelector("#canvas svg g.djs-element")).size() > 10);

      // the token moves: Distribute → Poll → Test → Report, in that order of first appearance
      List<String> seen = new ArrayList<>();
      boolean banner = false;
      boolean midShot = false;
      Instant limit = Instant.now().plus(Duration.ofMinutes(4));
      while (!finished(t, runId)) {
        assertThat(Instant.now())
            .as("run %s did not end in time; phases seen %s", runId, seen)
            .isBefore(limit);
        String where = text(page, "where").toLowerCase(Locale.ROOT);
        for (String phase : PHASES) {
          if (!seen.contains(phase)
              && Pattern.compile("(^|\\n)[^\\n]*" + phase + "[^\\n]*: \\d+ active")
                  .matcher(where)
                  .find()) {
            seen.add(phase);
          }
        }
        banner |=
            text(page, "alerts").contains("Needs you — Asker")
                && text(page, "alerts").contains("dialog");
        if (!midShot && seen.contains("test")) {
          midShot = screenshot(page, "live-page-running.png");
        }
        Thread.sleep(100);
      }
      // the last push after the end: the report, every phase finished
      wait(page, 10).until(d -> d.findElement(By.id("reportBox")).isDisplayed());
      wait(page, 10)
          .until(
              d ->
                  d.findElements(By.cssSelector("g.djs-element.b-done")).stream()
                      .anyMatch(e -> e.getText().toLowerCase(Locale.ROOT).contains("report")));
      if (!seen.contains("report")) {
        seen.add(
            "report"); // too short to be caught active between two looks: it is finished (checked
        // above)
      }
      assertThat(seen)
          .as("phases in the order their tokens were first seen")
          .containsExactlyElementsOf(PHASES);
      assertThat(banner).as("a 'needs you' banner naming the agent stuck in a dialog").isTrue();
      assertThat(page.findElements(By.cssSelector("g.djs-connection.b-taken"))).isNotEmpty();
      assertThat(text(page, "report")).contains("T-001");
      assertThat(text(page, "events")).contains("needs you: Asker");
      screenshot(page, "live-page-done.png");

      // an agent's last screen lines, on demand, from the keyboard
      // the table is redrawn when an agent's state changes: press Enter on the button as it is now
      wait(page, 10)
          .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
          .ignoring(org.openqa.selenium.ElementNotInteractableException.class)
          .until(
              d -> {
                d.findElement(By.cssSelector("#agents button[data-agent=A1]"))
                    .sendKeys(org.openqa.selenium.Keys.ENTER);
                return true;
              });
      wait(page, 10)
          .until(
              d -> d.findElement(By.id("screenBox")).isDisplayed() && !text(d, "screen").isBlank());
      assertThat(text(page, "screenTitle")).isEqualTo("A1: last screen lines");
      assertThat(text(page, "screen")).contains("T-00");

      // a phone's width: nothing wider than the screen
      page.manage().window().setSize(new Dimension(390, 844));
      Thread.sleep(500);
      screenshot(page, "live-page-phone.png");
      Long overflow =
          (Long)
              ((JavascriptExecutor) page)
                  .executeScript(
                      "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
      assertThat(overflow).as("horizontal overflow at phone width").isLessThanOrEqualTo(0L);
      page.manage().window().setSize(new Dimension(1366, 768));

      // Cancel, with the token the page was given, from the keyboard
      String second = start(base, "- A long task");
      wait(page, 30).until(d -> d.findElement(By.id("run")).getAttribute("value").equals(second));
      wait(page, 30).until(d -> d.findElement(By.id("cancel")).isEnabled());
      page.findElement(By.id("cancel")).sendKeys(org.openqa.selenium.Keys.ENTER);
      WebElement yes = wait(page, 5).until(d -> d.findElement(By.id("cancelYes")));
      wait(page, 5).until(d -> yes.isDisplayed());
      yes.sendKeys(org.openqa.selenium.Keys.ENTER);
      wait(page, 60)
          .until(
              d -> t.bean(RunRegistry.class).get(second).orElseThrow().phase() == Phase.CANCELLED);
      wait(page, 10).until(d -> text(d, "phase").equals(Phase.CANCELLED.label()));
      assertThat(text(page, "err")).isEmpty();

      // a phase drawn as a collapsed sub-process with a diagram of its own opens on its own; an
      // incident is red
      // with its message (the page's drawing of statistics, fed here directly: Baton's model has no
      // such phase yet)
      String collapsed = Files.readString(Path.of("src/test/resources/live/collapsed.bpmn"));
      @SuppressWarnings("unchecked")
      Map<String, Object> drawn =
          (Map<String, Object>)
              ((JavascriptExecutor) page)
                  .executeAsyncScript(
                      """
          const done = arguments[arguments.length - 1];
          pinned = true; if (stream) stream.abort();
          model.xml = arguments[0]; model.subs = ['Phase_Work']; model.planes = { Phase_Work: true };
          model.names = { Phase_Work: '2. Distribute', Inner_Task: 'Wait inside' };
          view = [];
          draw().then(() => open('Phase_Work')).then(() => {
            stats = { processInstanceKey: 1, processDefinitionKey: model.key, ended: false, children: [],
              items: [{ elementId: 'Inner_Task', active: 2, canceled: 0, incidents: 1, completed: 0 },
                      { elementId: 'Inner_Start', active: 0, canceled: 0, incidents: 0, completed: 1 }],
              sequenceFlows: ['Inner_Flow_1'],
              incidents: [{ elementId: 'Inner_Task', errorType: 'JOB_NO_RETRIES', errorMessage: 'tmux did not answer' }] };
            mark(); listWhere();
            const q = s => document.querySelector(s);
            done({ inner: !!viewer.get('elementRegistry').get('Inner_Task'),
                   outer: !!viewer.get('elementRegistry').get('Start'),
                   crumbs: document.getElementById('crumbs').textContent,
                   tokens: q('.b-badge.tok') ? q('.b-badge.tok').textContent : '',
                   incident: q('.b-badge.inc') ? q('.b-badge.inc').textContent : '',
                   red: !!q('g.djs-element.b-incident[data-element-id=Inner_Task]'),
                   taken: !!q('g.djs-connection.b-taken[data-element-id=Inner_Flow_1]'),
                   shaded: !!q('g.djs-element.b-done[data-element-id=Inner_Start]') });
          }).catch(e => done({ error: String(e) }));
          """,
                      collapsed);
      assertThat(drawn).doesNotContainKey("error");
      assertThat(drawn).containsEntry("inner", true).containsEntry("outer", false);
      assertThat((String) drawn.get("crumbs")).contains("Whole process").contains("2. Distribute");
      assertThat(drawn)
          .containsEntry("tokens", "2")
          .containsEntry("red", true)
          .containsEntry("taken", true)
          .containsEntry("shaded", true);
      assertThat((String) drawn.get("incident")).contains("tmux did not answer");
      assertThat(text(page, "where"))
          .contains("Wait inside: 2 active")
          .contains("Wait inside: 1 incident — tmux did not answer");
      page.findElement(By.cssSelector("#crumbs button")).sendKeys(org.openqa.selenium.Keys.ENTER);
      wait(page, 10)
          .until(
              d ->
                  (Boolean)
                      ((JavascriptExecutor) d)
                          .executeScript(
                              "return !!viewer.get('elementRegistry').get('Phase_Work') && view.length === 0;"));
    }
  }

  private static boolean finished(Team t, String runId) {
    return t.bean(RunRegistry.class).get(runId).orElseThrow().phase().finished();
  }

  private String start(String base, String request) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/runs"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"request\":\"" + request + "\",\"pollInterval\":\"PT5S\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    Matcher m = Pattern.compile("\"runId\":\"([^\"]+)\"").matcher(r.body());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static String text(WebDriver page, String id) {
    return page.findElement(By.id(id)).getText();
  }

  private static WebDriverWait wait(WebDriver page, int seconds) {
    WebDriverWait w = new WebDriverWait(page, Duration.ofSeconds(seconds));
    w.pollingEvery(Duration.ofMillis(100));
    return w;
  }

  /** Saves a screenshot under target/live-page/ (and docs/ when asked); always true. */
  private static boolean screenshot(WebDriver page, String name) throws Exception {
    byte[] png = ((TakesScreenshot) page).getScreenshotAs(OutputType.BYTES);
    Path target = Files.createDirectories(Path.of("target/live-page")).resolve(name);
    Files.write(target, png);
    if (Boolean.getBoolean("baton.update-screenshots") && !name.contains("phone")) {
      assertThat(png.length).as("%s must stay under 300 KB", name).isLessThan(300 * 1024);
      Files.write(Path.of("docs").resolve(name), png);
    }
    return true;
  }

  /** Chromium under chromedriver, headless, with a fresh profile, ended with the test. */
  private static final class Browser implements AutoCloseable {
    final WebDriver driver;
    final Path profile;

    Browser(Path profile) {
      this.profile = profile;
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--user-data-dir=" + profile,
          "--window-size=1366,768");
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
              .usingAnyFreePort()
              .build();
      this.driver = new ChromeDriver(service, options);
    }

    @Override
    public void close() throws Exception {
      driver.quit();
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
