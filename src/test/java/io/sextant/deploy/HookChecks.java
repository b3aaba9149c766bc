package io.sextant.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.deploy.DeployProject.HookRun;
import io.sextant.testing.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every recorded hook run must have been told (Kamal's tags and run_hook,
 * https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/tags.rb#L7-L31 and
 * https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/base.rb#L224-L232, plus Sextant's own), checked field by
 * field.
 */
final class HookChecks {
  /** The keys of the context file (B5), in the order Sextant writes them; failure hooks add {@code error}. */
  static final List<String> CONTEXT_KEYS = List.of("hook", "command", "subcommand", "destination", "service",
      "version", "service_version", "previous_version", "roles", "selected_roles", "hosts", "all_hosts", "lock",
      "performer", "recorded_at", "runtime", "dry_run");
  static final Set<String> SECRET_HOOKS = Set.of("pre-connect", "pre-deploy", "post-deploy");
  static final String PERFORMER = "deployer@example.test";
  private static final Pattern FINISHED = Pattern.compile("  Finished all in (\\d+\\.\\d) seconds");

  private final DeployProject project;

  HookChecks(DeployProject project) {
    this.project = project;
  }

  /** What one hook run should have seen. */
  record Expected(String command, String version, boolean lock, List<String> hosts, String previousVersion) {}

  /**
   * Checks the variables, the secrets, the context file (its fields, its mode, and that it is gone now) of
   * {@code run}.
   */
  void check(HookRun run, Expected expected) {
    String hook = run.hook();
    String what = hook + " " + run.env();
    Map<String, String> env = run.env();
    List<String> allHosts = project.hosts.stream().map(h -> h.ip()).toList();

    Set<String> names = new TreeSet<>(List.of("KAMAL_RECORDED_AT", "KAMAL_PERFORMER", "KAMAL_VERSION",
        "KAMAL_SERVICE_VERSION", "KAMAL_SERVICE", "KAMAL_HOSTS", "KAMAL_COMMAND", "KAMAL_LOCK", "KAMAL_HOOK",
        "KAMAL_HOOK_CONTEXT", "KAMAL_OUTPUT"));
    if (expected.lock()) {
      names.add("KAMAL_LOCK_TOKEN");
    }
    if (hook.equals("post-deploy") || hook.equals("post-deploy-failure")) {
      names.add("KAMAL_RUNTIME");
    }
    if (expected.previousVersion() != null) {
      names.add("KAMAL_PREVIOUS_VERSION");
    }
    if (hook.equals("post-deploy-failure")) {
      names.addAll(List.of("KAMAL_ERROR", "KAMAL_FAILED_STEP", "KAMAL_FAILED_HOSTS"));
    }
    assertThat(new TreeSet<>(env.keySet())).as(what).isEqualTo(names);

    assertThat(env.get("KAMAL_RECORDED_AT")).as(what).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(env.get("KAMAL_PERFORMER")).as(what).isEqualTo(PERFORMER);
    assertThat(env.get("KAMAL_VERSION")).as(what).isEqualTo(expected.version());
    assertThat(env.get("KAMAL_SERVICE_VERSION")).as(what)
        .isEqualTo(project.service + "@" + expected.version().substring(0, Math.min(7, expected.version().length())));
    assertThat(env.get("KAMAL_SERVICE")).as(what).isEqualTo(project.service);
    assertThat(env.get("KAMAL_HOSTS")).as(what).isEqualTo(String.join(",", expected.hosts()));
    assertThat(env.get("KAMAL_COMMAND")).as(what).isEqualTo(expected.command());
    assertThat(env.get("KAMAL_LOCK")).as(what).isEqualTo(Boolean.toString(expected.lock()));
    assertThat(env.get("KAMAL_HOOK")).as(what).isEqualTo(hook);
    if (expected.previousVersion() != null) {
      assertThat(env.get("KAMAL_PREVIOUS_VERSION")).as(what).isEqualTo(expected.previousVersion());
    }
    if (env.containsKey("KAMAL_RUNTIME")) {
      assertThat(env.get("KAMAL_RUNTIME")).as(what).matches("\\d+");
    }
    assertThat(run.facts().get("SECRET_GIVEN")).as(what + ": secrets given")
        .isEqualTo(SECRET_HOOKS.contains(hook) ? "yes" : "");

    assertThat(Path.of(env.get("KAMAL_OUTPUT"))).as(what + ": KAMAL_OUTPUT removed after the hook").doesNotExist();
    Path contextFile = Path.of(env.get("KAMAL_HOOK_CONTEXT"));
    assertThat(run.facts().get("CONTEXT_MODE")).as(what + ": context file mode").isEqualTo("600");
    assertThat(contextFile).as(what + ": context file removed after the hook").doesNotExist();
    Map<String, Object> context = run.context();
    List<String> keys = new ArrayList<>(CONTEXT_KEYS);
    if (hook.equals("post-deploy-failure")) {
      keys.add(keys.indexOf("dry_run"), "error");
    }
    assertThat(new ArrayList<>(context.keySet())).as(what + ": context keys").isEqualTo(keys);
    assertThat(context).as(what)
        .containsEntry("hook", hook)
        .containsEntry("command", expected.command())
        .containsEntry("subcommand", null)
        .containsEntry("destination", null)
        .containsEntry("service", project.service)
        .containsEntry("version", expected.version())
        .containsEntry("service_version", env.get("KAMAL_SERVICE_VERSION"))
        .containsEntry("previous_version", expected.previousVersion())
        .containsEntry("selected_roles", null)
        .containsEntry("hosts", expected.hosts())
        .containsEntry("all_hosts", allHosts)
        .containsEntry("performer", PERFORMER)
        .containsEntry("recorded_at", env.get("KAMAL_RECORDED_AT"))
        .containsEntry("dry_run", false);
    Map<String, Object> roles = new LinkedHashMap<>();
    roles.put("web", allHosts);
    roles.put("workers", allHosts);
    assertThat(context.get("roles")).as(what).isEqualTo(roles);
    Map<String, Object> lock = new LinkedHashMap<>();
    lock.put("held", expected.lock());
    lock.put("token", expected.lock() ? env.get("KAMAL_LOCK_TOKEN") : null);
    assertThat(context.get("lock")).as(what).isEqualTo(lock);
    assertThat(context.get("runtime")).as(what)
        .isEqualTo(env.containsKey("KAMAL_RUNTIME") ? Long.valueOf(env.get("KAMAL_RUNTIME")) : null);
  }

  /** The seconds of the last {@code Finished all in N.N seconds} line of {@code output}. */
  static double finishedSeconds(String output) {
    Matcher matcher = FINISHED.matcher(output);
    Double last = null;
    while (matcher.find()) {
      last = Double.valueOf(matcher.group(1));
    }
    assertThat(last).as("a `  Finished all in N.N seconds` line in:\n" + output).isNotNull();
    return last;
  }

  /** The lines {@code .kamal/hooks.log} got since it had {@code before} lines, each parsed. */
  List<Map<String, Object>> auditLinesSince(int before) throws IOException {
    List<String> lines = auditLines();
    List<Map<String, Object>> parsed = new ArrayList<>();
    for (String line : lines.subList(before, lines.size())) {
      assertThat(line).doesNotContain(project.password());
      parsed.add(Json.object(line));
    }
    return parsed;
  }

  List<String> auditLines() throws IOException {
    Path log = project.dir.resolve(".kamal/hooks.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }
}
