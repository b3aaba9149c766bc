package io.sextant.cli;

import io.sextant.SextantException;
import io.sextant.console.Console;
import io.sextant.hooks.HookScript;
import io.sextant.hooks.HookSettings;
import io.sextant.hooks.HookValidator;
import java.nio.file.Files;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code hooks validate}: exit 1 when a hook would not run as its author expects. */
@Command(name = "validate",
    description = "Check hook files: exec bits, #! lines, names with extensions, Traefik-era and unknown names.")
final class HooksValidateCommand extends HooksCommand.Sub {
  @Override
  protected int execute() {
    Console console = console();
    HookProject project = projectOrDefaults(console);
    HookSettings settings = project.settings();
    String shown = HookScript.shown(settings.hooksPath(), settings.workingDirectory());
    if (!Files.isDirectory(settings.hooksPath())) {
      console.result("No hooks directory at " + shown + ": nothing to check");
      return 0;
    }
    HookValidator validator = new HookValidator(settings.hooksPath(), settings.workingDirectory(),
        project.environment());
    List<HookValidator.Finding> findings = validator.validate();
    findings.forEach(finding -> console.result(finding.toString()));
    long problems = findings.stream().filter(HookValidator.Finding::problem).count();
    long warnings = findings.size() - problems;
    if (problems > 0) {
      console.result(problems + " problem" + (problems == 1 ? "" : "s") + ", " + warnings + " warning"
          + (warnings == 1 ? "" : "s") + " in " + shown);
      return SextantException.COMMAND_FAILED;
    }
    console.result("Hooks in " + shown + " are valid: " + validator.runnableScripts() + " script"
        + (validator.runnableScripts() == 1 ? "" : "s") + " will run"
        + (warnings > 0 ? " (" + warnings + " warning" + (warnings == 1 ? "" : "s") + ")" : ""));
    return 0;
  }
}
