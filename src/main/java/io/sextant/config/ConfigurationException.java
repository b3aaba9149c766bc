package io.sextant.config;

import io.sextant.SextantException;
import java.util.List;

/**
 * A problem with the configuration (deploy.yml, a destination file, the secrets files, the hooks directory):
 * exit code 2. Carries every problem found at once, one line each; the message joins them with newlines.
 */
public class ConfigurationException extends SextantException {
  private final List<String> problems;

  public ConfigurationException(String problem) {
    this(List.of(problem));
  }

  public ConfigurationException(List<String> problems) {
    super(String.join("\n", problems), USAGE_OR_CONFIG);
    this.problems = List.copyOf(problems);
  }

  public ConfigurationException(String problem, Throwable cause) {
    super(problem, USAGE_OR_CONFIG, cause);
    this.problems = List.of(problem);
  }

  /** Every problem found, one line each, in the order they were found. */
  public List<String> problems() {
    return problems;
  }
}
