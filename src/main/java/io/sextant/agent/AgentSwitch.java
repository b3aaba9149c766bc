package io.sextant.agent;

import io.sextant.SextantException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a command uses the warm agent, and how: the {@code --agent}/{@code --no-agent} flag wins, then
 * {@code SEXTANT_AGENT}, then the project's {@code x-agent:} key, else on. On means the thin client: the whole
 * command runs in the agent; {@code SEXTANT_AGENT=channels} keeps the command in the {@code sextant} process and
 * hands only its SSH channels to the agent. The configuration is read only by commands that load it, and only they
 * connect, so the full decision ({@link #enabled}) is always made after it loads; {@link #beforeConfig} is what can
 * be known earlier (to skip the in-process SSH warm-up, or to hand a whole command to the agent).
 * {@code agent start|stop|status} do not ask: they work whatever the switch.
 *
 * @param flag {@code true} for {@code --agent}, {@code false} for {@code --no-agent}, {@code null} when not given
 * @param environment {@code SEXTANT_AGENT} read as on/off, {@code null} when unset or empty
 * @param channelsOnly {@code SEXTANT_AGENT=channels}: the command runs in its own process, its SSH channels in the
 *     agent
 */
public record AgentSwitch(Boolean flag, Boolean environment, boolean channelsOnly) {
  /** {@code 0} turns the agent off, {@code 1} on (over the configuration); unset leaves it to the configuration. */
  public static final String ENV = "SEXTANT_AGENT";
  /** The {@link #ENV} value that turns the agent on for the SSH channels only (the command runs in-process). */
  public static final String CHANNELS = "channels";
  /** The global flag and its negation. */
  public static final String FLAG_ON = "--agent";
  public static final String FLAG_OFF = "--no-agent";

  private static final List<String> OFF = List.of("0", "false", "no", "off");
  /** {@code thin}: the name the thin client had while it was opt-in; it means on, as it did then. */
  private static final List<String> ON = List.of("1", "true", "yes", "on", "thin");

  /**
   * The switch of a command from its flag and environment.
   *
   * @throws SextantException (exit 2) when {@code SEXTANT_AGENT} is none of the accepted words
   */
  public static AgentSwitch of(Boolean flag, Map<String, String> environment) {
    String value = environment.get(ENV);
    if (value == null || value.isBlank()) {
      return new AgentSwitch(flag, null, false);
    }
    String word = value.strip().toLowerCase(Locale.ROOT);
    if (OFF.contains(word)) {
      return new AgentSwitch(flag, false, false);
    }
    if (ON.contains(word) || word.equals(CHANNELS)) {
      return new AgentSwitch(flag, true, word.equals(CHANNELS));
    }
    throw new SextantException(ENV + "=" + value + ": expected " + String.join(", ", OFF)
        + " (no warm agent), " + String.join(", ", ON) + " (commands run in the warm agent) or " + CHANNELS
        + " (only their SSH channels do)", SextantException.USAGE_OR_CONFIG);
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
      return new AgentSwitch(flag, null, false);
    }
  }

  /**
   * Whether the thin client hands this whole command to the agent, as far as is known before the configuration is
   * read: neither {@code --no-agent} nor an off or {@code channels} {@code SEXTANT_AGENT} (nor a malformed one, which
   * the command reports itself). {@code x-agent: false} is honoured by the agent, which hands the command back.
   */
  public static boolean thin(List<String> args, Map<String, String> environment) {
    AgentSwitch decided = early(args, environment);
    return !Boolean.FALSE.equals(decided.flag()) && !Boolean.FALSE.equals(decided.environment())
        && !decided.channelsOnly() && (decided.environment() != null || !malformed(environment));
  }

  private static boolean malformed(Map<String, String> environment) {
    String value = environment.get(ENV);
    return value != null && !value.isBlank();
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
