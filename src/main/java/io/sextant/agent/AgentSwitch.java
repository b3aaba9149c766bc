package io.sextant.agent;

import io.sextant.SextantException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a command uses the warm agent: the {@code --agent}/{@code --no-agent} flag wins, then
 * {@code SEXTANT_AGENT}, then the project's {@code x-agent:} key, else on. The configuration is read only by commands
 * that load it, and only they connect, so the full decision ({@link #enabled}) is always made after it loads;
 * {@link #beforeConfig} is what can be known earlier (to skip the in-process SSH warm-up, or to hand a whole command
 * to the agent). {@code agent start|stop|status} do not ask: they work whatever the switch.
 *
 * @param flag {@code true} for {@code --agent}, {@code false} for {@code --no-agent}, {@code null} when not given
 * @param environment {@code SEXTANT_AGENT} read as on/off, {@code null} when unset or empty
 */
public record AgentSwitch(Boolean flag, Boolean environment) {
  /** {@code 0} turns the agent off, {@code 1} on (over the configuration); unset leaves it to the configuration. */
  public static final String ENV = "SEXTANT_AGENT";
  /**
   * The {@link #ENV} value that runs whole commands in the agent, the CLI a thin client (opt-in for now). It says
   * how the agent is used, not whether: {@code --no-agent} and {@code x-agent: false} still keep it off.
   */
  public static final String THIN = "thin";
  /** The global flag and its negation. */
  public static final String FLAG_ON = "--agent";
  public static final String FLAG_OFF = "--no-agent";

  private static final List<String> OFF = List.of("0", "false", "no", "off");
  private static final List<String> ON = List.of("1", "true", "yes", "on");

  /**
   * The switch of a command from its flag and environment.
   *
   * @throws SextantException (exit 2) when {@code SEXTANT_AGENT} is neither on nor off
   */
  public static AgentSwitch of(Boolean flag, Map<String, String> environment) {
    String value = environment.get(ENV);
    if (value == null || value.isBlank()) {
      return new AgentSwitch(flag, null);
    }
    String word = value.strip().toLowerCase(java.util.Locale.ROOT);
    if (OFF.contains(word)) {
      return new AgentSwitch(flag, false);
    }
    if (ON.contains(word)) {
      return new AgentSwitch(flag, true);
    }
    if (word.equals(THIN)) {
      return new AgentSwitch(flag, null); // how the agent is used, not whether: the flag and x-agent still decide
    }
    throw new SextantException(ENV + "=" + value + ": expected 0 (no warm agent) or 1 (use it)",
        SextantException.USAGE_OR_CONFIG);
  }

  /**
   * The switch read straight from a command line (before it is parsed) and the environment; a malformed
   * {@code SEXTANT_AGENT} counts as unset here (the command reports it when its configuration loads).
   */
  public static AgentSwitch early(List<String> args, Map<String, String> environment) {
    Boolean flag = flagIn(args);
    try {
      return of(flag, environment);
    } catch (SextantException e) {
      return new AgentSwitch(flag, null);
    }
  }

  /**
   * Whether whole commands go to the agent ({@code SEXTANT_AGENT=thin}) as far as is known before the
   * configuration is read ({@code --no-agent} keeps a command out; {@code x-agent: false} is honoured by the agent).
   */
  public static boolean thin(List<String> args, Map<String, String> environment) {
    String value = environment.get(ENV);
    return value != null && value.strip().equalsIgnoreCase(THIN) && !Boolean.FALSE.equals(flagIn(args));
  }

  /** The last {@code --agent}/{@code --no-agent} before a {@code --} in {@code args}, or {@code null}. */
  static Boolean flagIn(List<String> args) {
    Boolean flag = null;
    for (String arg : args) {
      if (arg.equals("--")) {
        break;
      }
      if (arg.equals(FLAG_ON)) {
        flag = true;
      } else if (arg.equals(FLAG_OFF)) {
        flag = false;
      }
    }
    return flag;
  }

  /** The decision when the flag or the environment makes it, else empty (the configuration, then the default). */
  public Optional<Boolean> beforeConfig() {
    return Optional.ofNullable(flag != null ? flag : environment);
  }

  /** Whether the agent may be on, as far as is known before the configuration is read. */
  public boolean maybeEnabled() {
    return beforeConfig().orElse(true);
  }

  /**
   * The decision for a command whose configuration is loaded.
   *
   * @param configured the project's {@code x-agent:} value, empty when not set
   */
  public boolean enabled(Optional<Boolean> configured) {
    return beforeConfig().or(() -> configured).orElse(true);
  }
}
