package io.sextant.deploy;

import io.sextant.build.BuildSupport;
import io.sextant.build.LocalRegistry;
import io.sextant.config.ConfigurationException;
import io.sextant.config.DeployConfig;
import io.sextant.config.HostSelection;
import io.sextant.config.Secrets;
import io.sextant.process.ProcessRunner;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The one check of what Sextant cannot do with a configuration, run by every command right after the
 * configuration loads and before any hook, build, connection or lock: a command names what it will do
 * ({@link Need}), and every problem for those needs is reported at once, one line each naming its key, as a
 * configuration error (exit 2): what Sextant does not support yet, and the secrets the command will need but the
 * secrets files lack. Nothing has run, so nothing needs undoing.
 */
public final class Preflight {
  /** What a command is about to do. */
  public enum Need {
    /** Builds the app image on this machine ({@code build push/deliver}, {@code deploy} without {@code -P}). */
    BUILD,
    /** Pulls the app image on the hosts, logging in to the registry ({@code build pull}, {@code deploy}). */
    PULL,
    /** Boots app containers of the selected roles ({@code deploy}, {@code redeploy}, {@code rollback}, …). */
    BOOT,
    /** Logs in to the registry here and on the hosts, or sets up the local registry ({@code registry setup/login}). */
    REGISTRY,
    /** Kamal's {@code setup}: boots the accessories too. */
    SETUP,
    /** Boots accessories, whose env secrets and registry login it needs ({@code accessory boot/reboot/upload}). */
    ACCESSORIES,
    /** Kamal's {@code remove}: removes the accessories too. */
    REMOVE
  }

  private final BuildSupport buildSupport;

  public Preflight(BuildSupport buildSupport) {
    this.buildSupport = buildSupport;
  }

  /** The check with this machine's {@code docker}. */
  public static Preflight local() {
    return new Preflight(new BuildSupport(new ProcessRunner()));
  }

  /**
   * @param secrets read only when a need uses secrets (the registry login, build secrets, the roles' env)
   * @param selection the hosts and roles the command works on (after {@code -h}/{@code -r})
   * @throws ConfigurationException listing every problem, when there is one
   */
  public void check(DeployConfig config, Supplier<Secrets> secrets, HostSelection selection, Set<Need> needs) {
    List<String> problems = problems(config, secrets, selection, needs);
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
  }

  /** One line per problem, each naming its key; empty when Sextant can do all of {@code needs}. */
  public List<String> problems(DeployConfig config, Supplier<Secrets> secrets, HostSelection selection,
      Set<Need> needs) {
    Set<Need> wanted = needs.isEmpty() ? EnumSet.noneOf(Need.class) : EnumSet.copyOf(needs);
    List<String> problems = new ArrayList<>();
    if (wanted.contains(Need.BUILD)) {
      problems.addAll(buildSupport.problems(config.builder()));
    }
    if (wanted.contains(Need.BUILD) || wanted.contains(Need.PULL) || wanted.contains(Need.REGISTRY)) {
      LocalRegistry.problem(config.registry()).ifPresent(problems::add);
    }
    problems.addAll(new SecretsNeeded(config, selection).missing(secrets, wanted));
    return problems;
  }
}
