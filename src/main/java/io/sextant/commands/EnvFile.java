package io.sextant.commands;

import io.sextant.config.DeployConfig;
import io.sextant.config.EnvConfig;
import io.sextant.config.Host;
import io.sextant.config.Role;
import io.sextant.config.Secrets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contents of a Docker {@code --env-file}: one {@code KEY=value} line per variable. Docker reads each value
 * literally up to the end of the line, so a value cannot hold a line break; like Kamal, ASCII control
 * characters and backslashes are written as escapes ({@code \n}, {@code \t}, {@code \\}, {@code \xNN}) and
 * everything else (quotes, {@code #}, non-ASCII text) as is. The same value therefore reaches the container as
 * it does under Kamal.
 */
public final class EnvFile {
  private EnvFile() {}

  /**
   * The variables of {@code role} on {@code host}: the root env, then the role's, then those of the host's tags
   * (later wins, as Kamal merges them); clear values and secrets (looked up in {@code secrets}) together.
   */
  public static Map<String, String> variables(DeployConfig config, Role role, String host, Secrets secrets) {
    EnvConfig env = env(config, role, host);
    Map<String, String> variables = new LinkedHashMap<>(env.clear());
    variables.putAll(env.resolveSecrets(secrets));
    return variables;
  }

  /** The env of {@code role} on {@code host}: the root env, the role's, then that of each of the host's tags. */
  public static EnvConfig env(DeployConfig config, Role role, String host) {
    EnvConfig env = role.effectiveEnv(config.env());
    for (Host entry : role.hosts()) {
      if (entry.name().equals(host)) {
        for (String tag : entry.tags()) {
          EnvConfig tagged = config.env().tags().get(tag);
          if (tagged != null) {
            env = env.mergedWith(tagged);
          }
        }
      }
    }
    return env;
  }

  /** The file text for these variables, in their order; a single newline when there are none. */
  public static String render(Map<String, String> variables) {
    StringBuilder file = new StringBuilder();
    variables.forEach((key, value) -> file.append(key).append('=').append(escape(value)).append('\n'));
    return file.length() == 0 ? "\n" : file.toString();
  }

  static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\f' -> out.append("\\f");
        case 0x0B -> out.append("\\v");
        case 0x08 -> out.append("\\b");
        case 0x07 -> out.append("\\a");
        case 0x1B -> out.append("\\e");
        default -> {
          if (c < 0x20 || c == 0x7F) {
            out.append(String.format("\\x%02X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
