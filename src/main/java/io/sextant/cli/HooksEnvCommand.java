package io.sextant.cli;

import io.sextant.console.Console;
import io.sextant.hooks.HookContext;
import io.sextant.hooks.HookContextFile;
import io.sextant.hooks.HookEnvironment;
import io.sextant.hooks.HookPoint;
import io.sextant.hooks.HookRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hooks env NAME}: the exact environment and context file a hook would get in a command, secrets redacted. */
@Command(name = "env", description = "Show the environment and context a hook would get (secrets redacted).")
final class HooksEnvCommand extends HooksCommand.Sub {
  @Parameters(paramLabel = "HOOK", description = "The hook, e.g. pre-deploy.")
  String hookName;

  @Option(names = "--command", paramLabel = "COMMAND",
      description = "The firing command, e.g. deploy or \"app boot\" (default: the first that fires it).")
  String command;

  @Option(names = "--all", description = "Also print the inherited environment.")
  boolean all;

  @Override
  protected int execute() {
    Console console = console();
    HookPoint hook = HookInvocation.hook(hookName);
    HookProject project = project(console);
    String firing = command != null ? command : HookInvocation.defaultCommand(hook);
    HookContext context = HookInvocation.forEnv(project, hook, firing);
    Clock clock = Clock.systemUTC();
    HookRunner runner = new HookRunner(project.settings(), console, clock, project.environment());
    Path placeholder = Path.of("<0600 JSON file, deleted after the hook>");
    Path outputPlaceholder = Path.of("<empty 0600 file: KEY=value lines for later hooks, read after the hook>");
    Map<String, String> env = runner.environment(hook, context, placeholder, outputPlaceholder);
    Map<String, String> kamal = HookEnvironment.variables(hook, context, clock.instant(), placeholder);
    Map<String, String> secrets = hook.receivesSecrets() ? project.settings().secrets().get() : Map.of();
    int inherited = 0;
    console.result("# Environment of " + hook.hookName() + " in `sextant " + firing + "`");
    for (Map.Entry<String, String> entry : new TreeMap<>(env).entrySet()) {
      String name = entry.getKey();
      if (secrets.containsKey(name)) {
        continue;
      }
      if (kamal.containsKey(name) || name.equals("KAMAL_OUTPUT")
          || name.equals("PATH") && runner.projectBin().isPresent()) {
        console.result(name + "=" + entry.getValue());
      } else if (all) {
        console.result(name + "=" + entry.getValue());
      } else {
        inherited++;
      }
    }
    for (String name : new TreeMap<>(secrets).keySet()) {
      console.result(name + "=" + Console.REDACTED + "  # secret");
    }
    if (!all && inherited > 0) {
      console.result("# plus " + inherited + " inherited variables (--all shows them)");
    }
    if (!hook.receivesSecrets()) {
      console.result("# no secrets: only pre-connect, pre-deploy and post-deploy receive them");
    }
    console.result("# KAMAL_HOOK_CONTEXT holds:");
    console.result(HookContextFile.json(hook, context, clock.instant(), console::redacted));
    return 0;
  }
}
