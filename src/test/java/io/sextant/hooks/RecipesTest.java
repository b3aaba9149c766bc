package io.sextant.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hook recipes of {@code docs/hooks.md} ({@code docs/recipes/*.sh}): each is valid POSIX sh, and each runs as
 * documented with the environment Sextant gives that hook, against local stand-ins only (a git repository in a
 * temp folder, a fake {@code sextant}, an HTTP listener on 127.0.0.1).
 */
class RecipesTest {
  static final Path RECIPES = Path.of(System.getProperty("sextant.root", ".")).toAbsolutePath()
      .resolve("docs/recipes");

  @TempDir Path dir;

  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile String response = "{}";

  record Run(int exitCode, String output) {}

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void everyRecipeIsValidPosixShAndExecutable() throws Exception {
    List<Path> recipes;
    try (Stream<Path> files = Files.list(RECIPES)) {
      recipes = files.filter(file -> file.toString().endsWith(".sh")).sorted().toList();
    }
    assertThat(recipes).extracting(file -> file.getFileName().toString())
        .containsExactly("ci-green.sh", "failure-alert.sh", "migrate.sh", "notify.sh", "per-destination.sh");
    for (Path recipe : recipes) {
      assertThat(recipe).as("executable").isExecutable();
      Process check = new ProcessBuilder("sh", "-n", recipe.toString()).redirectErrorStream(true).start();
      String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(check.waitFor()).as(recipe + ": " + output).isZero();
      assertThat(Files.readAllLines(recipe).get(0)).isEqualTo("#!/bin/sh");
    }
  }

  @Test
  void theGuideShowsEachRecipeExactlyAsTested() throws Exception {
    String guide = Files.readString(RECIPES.resolveSibling("hooks.md"));
    for (String name : List.of("notify.sh", "ci-green.sh", "migrate.sh", "failure-alert.sh", "per-destination.sh")) {
      String script = Files.readString(RECIPES.resolve(name)).stripTrailing();
      assertThat(guide).as(name + " in docs/hooks.md").contains("```sh\n" + script + "\n```\n");
    }
  }

  @Test
  void perDestinationLetsOnlyCommittedVersionsOfMainIntoProductionAndHonoursTheFreeze() throws Exception {
    git("init", "-q", "-b", "main");
    git("commit", "-q", "--allow-empty", "-m", "one");
    String onMain = git("rev-parse", "HEAD");
    git("checkout", "-q", "-b", "feature");
    git("commit", "-q", "--allow-empty", "-m", "two");
    String onFeature = git("rev-parse", "HEAD");

    assertThat(recipe("per-destination.sh", deployEnv(onMain, "KAMAL_DESTINATION", "production")))
        .isEqualTo(new Run(0, "production: myapp@" + onMain.substring(0, 7) + " is on main, go\n"));
    Run feature = recipe("per-destination.sh", deployEnv(onFeature, "KAMAL_DESTINATION", "production"));
    assertThat(feature.exitCode()).isEqualTo(1);
    assertThat(feature.output()).contains("is not on main; merge it first");
    assertThat(recipe("per-destination.sh", deployEnv(onFeature, "KAMAL_DESTINATION", "production",
        "DEPLOY_BRANCH", "feature")).exitCode()).isZero();
    assertThat(recipe("per-destination.sh", deployEnv(onMain + "_uncommitted_0123456789abcdef",
        "KAMAL_DESTINATION", "production")).exitCode()).isEqualTo(1);
    assertThat(recipe("per-destination.sh", deployEnv(onFeature, "KAMAL_DESTINATION", "staging")))
        .isEqualTo(new Run(0, "staging: no extra checks\n"));
    assertThat(recipe("per-destination.sh", deployEnv(onFeature)))
        .isEqualTo(new Run(0, "default destination: no extra checks\n"));

    Files.createDirectories(dir.resolve(".kamal"));
    Files.writeString(dir.resolve(".kamal/freeze-production"), "Black Friday, ask Ana\n");
    Run frozen = recipe("per-destination.sh", deployEnv(onMain, "KAMAL_DESTINATION", "production"));
    assertThat(frozen).isEqualTo(new Run(1, "production is frozen (.kamal/freeze-production): Black Friday, ask Ana\n"));
    Run rollback = recipe("per-destination.sh",
        deployEnv(onFeature, "KAMAL_DESTINATION", "production", "KAMAL_COMMAND", "rollback"));
    assertThat(rollback.exitCode()).isZero();
    assertThat(rollback.output()).contains("rollback to myapp@" + onFeature.substring(0, 7) + " allowed");
  }

  @Test
  void migrateRunsSextantAppExecOnceInTheFirstBootGroupWithTheDeployedVersion() throws Exception {
    Path fake = dir.resolve("fake-sextant");
    Files.writeString(fake, "#!/bin/sh\nfor a in \"$@\"; do printf '[%s]' \"$a\"; done\necho\n"
        + "echo \"lock=$KAMAL_LOCK token=$KAMAL_LOCK_TOKEN\"\nexit ${FAKE_EXIT:-0}\n");
    assertThat(fake.toFile().setExecutable(true)).isTrue();
    Path context = dir.resolve("context.json");
    Files.writeString(context, "{\"hook\":\"pre-app-boot\",\"hosts\":[\"10.0.0.1\",\"10.0.0.2\"],"
        + "\"all_hosts\":[\"10.0.0.1\",\"10.0.0.2\",\"10.0.0.3\"],\"lock\":{\"held\":true,\"token\":\"t0k\"}}\n");

    Map<String, String> first = deployEnv("abcdef1234567", "KAMAL_HOOK_CONTEXT", context.toString(),
        "KAMAL_HOSTS", "10.0.0.1,10.0.0.2", "SEXTANT", fake.toString(), "KAMAL_LOCK", "true",
        "KAMAL_LOCK_TOKEN", "t0k", "KAMAL_DESTINATION", "production", "MIGRATE_ROLE", "web");
    Run run = recipe("migrate.sh", first);
    assertThat(run.exitCode()).isZero();
    assertThat(run.output()).contains("[app][exec][--primary][--version][abcdef1234567][--skip-hook][pre-connect]"
        + "[--destination][production][--roles][web][bin/rails db:migrate]\n", "lock=true token=t0k\n");

    Map<String, String> second = new HashMap<>(first);
    second.put("KAMAL_HOSTS", "10.0.0.3");
    assertThat(recipe("migrate.sh", second))
        .isEqualTo(new Run(0, "Boot group 10.0.0.3: migrations already ran before the first group\n"));

    Map<String, String> failing = new HashMap<>(first);
    failing.put("FAKE_EXIT", "5");
    failing.put("MIGRATE_COMMAND", "bin/migrate --all");
    Run failed = recipe("migrate.sh", failing);
    assertThat(failed.exitCode()).isEqualTo(5);
    assertThat(failed.output()).contains("[bin/migrate --all]");

    Map<String, String> rollback = new HashMap<>(first);
    rollback.put("KAMAL_COMMAND", "rollback");
    assertThat(recipe("migrate.sh", rollback).output()).doesNotContain("[app]").contains("migrations skipped");

    Map<String, String> dryRun = new HashMap<>(first);
    dryRun.put("KAMAL_HOOK_DRY_RUN", "1");
    assertThat(recipe("migrate.sh", dryRun).output()).startsWith("Dry run, would run: " + fake + " app exec")
        .doesNotContain("[app]");
  }

  @Test
  void notifyPostsToSlackAndBasecampAndNeverFailsTheDeploy() throws Exception {
    requireOnPath("curl");
    String url = startServer();
    Run run = recipe("notify.sh", deployEnv("abcdef1234567", "KAMAL_RUNTIME", "42", "KAMAL_DESTINATION", "production",
        "KAMAL_PREVIOUS_VERSION", "0123456789", "SLACK_WEBHOOK_URL", url + "/slack",
        "BASECAMP_CHATBOT_URL", url + "/basecamp", "KAMAL_PERFORMER", "dev \"the\" dev"));
    String message = "dev \"the\" dev deployed myapp@abcdef1 to production on 10.0.0.1,10.0.0.2 in 42s (was 0123456)";
    assertThat(run).isEqualTo(new Run(0, "Notified Slack Basecamp: " + message + "\n"));
    assertThat(requests).containsExactly(
        "POST /slack application/json {\"text\":\"" + message.replace("\"", "\\\"") + "\"}",
        "POST /basecamp application/x-www-form-urlencoded content="
            + java.net.URLEncoder.encode(message, StandardCharsets.UTF_8).replace("*", "%2A"));

    requests.clear();
    Run dry = recipe("notify.sh", deployEnv("abcdef1234567", "SLACK_WEBHOOK_URL", url + "/slack",
        "KAMAL_HOOK_DRY_RUN", "1", "KAMAL_COMMAND", "rollback"));
    assertThat(dry.output()).startsWith("Dry run, not sent: dev@example.com rolled back to myapp@abcdef1");
    assertThat(requests).isEmpty();

    Run unreachable = recipe("notify.sh", deployEnv("abcdef1234567", "SLACK_WEBHOOK_URL", "http://127.0.0.1:1/x"));
    assertThat(unreachable.exitCode()).isZero();
    assertThat(unreachable.output()).contains("Warning: could not notify Slack");
  }

  @Test
  void failureAlertPostsTheErrorStepAndHostsAsJson() throws Exception {
    requireOnPath("curl");
    String url = startServer();
    Path urlFile = dir.resolve("alert-url");
    Files.writeString(urlFile, url + "/alert\n");
    Run run = recipe("failure-alert.sh", deployEnv("abcdef1234567", "KAMAL_RUNTIME", "7",
        "KAMAL_ERROR", "Hook `pre-deploy` failed with exit code 3", "KAMAL_FAILED_STEP", "app-boot:web",
        "KAMAL_FAILED_HOSTS", "10.0.0.2", "ALERT_WEBHOOK_URL_FILE", urlFile.toString()));
    String message = "[myapp] deploy of myapp@abcdef1 by dev@example.com FAILED at app-boot:web on 10.0.0.2 after 7s:"
        + " Hook `pre-deploy` failed with exit code 3";
    assertThat(run).isEqualTo(new Run(0, message + "\n"));
    assertThat(requests).containsExactly(
        "POST /alert application/json {\"text\":\":rotating_light: " + message + "\"}");

    requests.clear();
    Run withoutUrl = recipe("failure-alert.sh", deployEnv("abcdef1234567", "KAMAL_ERROR", "interrupted",
        "KAMAL_FAILED_STEP", "pre-deploy", "KAMAL_FAILED_HOSTS", ""));
    assertThat(withoutUrl.exitCode()).isZero();
    assertThat(withoutUrl.output()).contains("FAILED at pre-deploy after ?s: interrupted");
    assertThat(requests).isEmpty();
  }

  @Test
  void ciGreenPassesOnSuccessOnlyAndWaitsWhilePending() throws Exception {
    requireOnPath("curl");
    String url = startServer();
    Map<String, String> env = deployEnv("abcdef1234567", "CI_STATUS_URL", url + "/status", "GITHUB_TOKEN", "tok123");

    response = "{\n  \"state\": \"success\",\n  \"statuses\": [{\"state\": \"failure\"}],\n  \"sha\": \"abc\"\n}";
    assertThat(recipe("ci-green.sh", env)).isEqualTo(new Run(0, "CI is green for myapp@abcdef1\n"));
    assertThat(requests).containsExactly("GET /status auth=Bearer tok123");

    response = "{\"state\":\"failure\",\"statuses\":[{\"state\":\"success\"}]}";
    Run failed = recipe("ci-green.sh", env);
    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.output()).contains("CI is not green for myapp@abcdef1: failure");
    if (onPath("jq")) {
      response = "{\"statuses\":[{\"state\":\"success\"}],\"state\":\"error\"}";
      assertThat(recipe("ci-green.sh", env).output()).contains("CI is not green for myapp@abcdef1: error");
    }

    requests.clear();
    response = "{\"state\":\"pending\",\"statuses\":[]}";
    Map<String, String> waiting = new HashMap<>(env);
    waiting.put("CI_WAIT_SECONDS", "2");
    waiting.put("CI_POLL_SECONDS", "1");
    Run pending = recipe("ci-green.sh", waiting);
    assertThat(pending.exitCode()).isEqualTo(1);
    assertThat(pending.output()).contains("CI is still running for myapp@abcdef1 (waited 2s)");
    assertThat(requests).hasSize(3);

    Run uncommitted = recipe("ci-green.sh", deployEnv("abc_uncommitted_0123", "CI_STATUS_URL", url + "/status"));
    assertThat(uncommitted.exitCode()).isEqualTo(1);
    assertThat(uncommitted.output()).contains("uncommitted changes");

    Map<String, String> rollback = new HashMap<>(env);
    rollback.put("KAMAL_COMMAND", "rollback");
    assertThat(recipe("ci-green.sh", rollback).exitCode()).isZero();
  }

  @Test
  void ciGreenReadsGithubActionsCheckRunsWithJq() throws Exception {
    requireOnPath("curl");
    requireOnPath("jq");
    String url = startServer();
    Map<String, String> env = deployEnv("abcdef1234567", "CI_CHECKS", "1", "GITHUB_REPOSITORY", "acme/shop",
        "GITHUB_API_URL", url);
    response = "{\"total_count\":2,\"check_runs\":[{\"status\":\"completed\",\"conclusion\":\"success\"},"
        + "{\"status\":\"completed\",\"conclusion\":\"skipped\"}]}";
    assertThat(recipe("ci-green.sh", env).exitCode()).isZero();
    assertThat(requests).containsExactly("GET /repos/acme/shop/commits/abcdef1234567/check-runs?per_page=100 auth=null");
    response = "{\"total_count\":2,\"check_runs\":[{\"status\":\"completed\",\"conclusion\":\"success\"},"
        + "{\"status\":\"in_progress\",\"conclusion\":null}]}";
    assertThat(recipe("ci-green.sh", env).output()).contains("CI is still running");
    response = "{\"total_count\":1,\"check_runs\":[{\"status\":\"completed\",\"conclusion\":\"failure\"}]}";
    assertThat(recipe("ci-green.sh", env).output()).contains("CI is not green for myapp@abcdef1: failure");
  }

  /** The variables Sextant gives a deploy hook, for {@code version}, plus {@code extra} name/value pairs. */
  private static Map<String, String> deployEnv(String version, String... extra) {
    Map<String, String> env = new HashMap<>();
    env.put("KAMAL_COMMAND", "deploy");
    env.put("KAMAL_SERVICE", "myapp");
    env.put("KAMAL_VERSION", version);
    env.put("KAMAL_SERVICE_VERSION", "myapp@" + (version.contains("_") ? version : version.substring(0, 7)));
    env.put("KAMAL_PERFORMER", "dev@example.com");
    env.put("KAMAL_HOSTS", "10.0.0.1,10.0.0.2");
    env.put("KAMAL_RECORDED_AT", "2026-11-26T02:00:00Z");
    for (int i = 0; i < extra.length; i += 2) {
      env.put(extra[i], extra[i + 1]);
    }
    return env;
  }

  /** Runs the recipe as Sextant runs hooks: in the project folder, stdin /dev/null, output merged. */
  private Run recipe(String name, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(RECIPES.resolve(name).toString())
        .directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().put("HOME", dir.toString());
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }

  private String git(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "-c", "user.email=dev@example.com", "-c", "user.name=Dev"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().put("HOME", dir.toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    return output;
  }

  /** A listener on 127.0.0.1 that records each request and answers GETs with {@link #response}. */
  private String startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String uri = exchange.getRequestURI().toString();
      if (exchange.getRequestMethod().equals("POST")) {
        requests.add("POST " + uri + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body);
      } else {
        requests.add("GET " + uri + " auth=" + exchange.getRequestHeaders().getFirst("Authorization"));
      }
      byte[] answer = (exchange.getRequestMethod().equals("POST") ? "ok" : response)
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** CI installs every tool the recipes use (test-hosts/install-packages.sh): a missing one fails, never skips. */
  private static void requireOnPath(String command) {
    assertThat(onPath(command)).as(command + " is needed on PATH (test-hosts/install-packages.sh installs it)")
        .isTrue();
  }

  private static boolean onPath(String command) {
    for (String path : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (!path.isEmpty() && Files.isExecutable(Path.of(path, command))) {
        return true;
      }
    }
    return false;
  }
}
