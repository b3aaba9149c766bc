package io.sextant.cli;

import io.sextant.hooks.HookContext;
import io.sextant.hooks.HookSettings;
import java.util.Map;

/**
 * What the hooks commands need from the project: how hooks run here (settings mapped from {@code deploy.yml} and
 * the flags) and what a command would tell them (the context). {@link HookProjects} builds it.
 */
interface HookProject {
  /** The engine settings: hooks path, hooks_output, x-hooks timeouts, skip flags, secrets, verbosity. */
  HookSettings settings();

  /** The environment hooks inherit (the process environment as seen after loading the configuration). */
  Map<String, String> environment();

  /**
   * The context a command gives hooks: service, version, destination, selected hosts and roles, performer.
   *
   * @throws io.sextant.SextantException when there is no configuration to take them from
   */
  HookContext context(String command, String subcommand);

  /** Where the settings come from, for {@code hooks list} (e.g. {@code config/deploy.yml}). */
  String source();
}
