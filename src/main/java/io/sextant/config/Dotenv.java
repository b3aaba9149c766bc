package io.sextant.config;

import java.util.Map;

/**
 * Dotenv text read with the secrets files' rules (quotes, {@code export}, comments, {@code $VAR} of earlier lines),
 * but inert: a {@code $(command)} is kept as written, never run, and unknown variables are empty. For files other
 * programs write (a hook's {@code KAMAL_OUTPUT}).
 */
public final class Dotenv {
  private Dotenv() {}

  /**
   * The keys and values of {@code content}, in order.
   *
   * @param file the name used in error messages
   * @throws ConfigurationException on a malformed line, naming {@code file} and the line
   */
  public static Map<String, String> parseInert(String content, String file) {
    return DotenvParser.parse(content, file, name -> null, (command, name, line) -> "$(" + command + ")");
  }
}
