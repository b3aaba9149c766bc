package io.sextant.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the secrets files Kamal reads (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/secrets.rb): {@code
 * <secrets_path>-common}, then {@code <secrets_path>} without a destination or {@code <secrets_path>.<dest>} with one.
 * Each file is parsed on its own (a variable sees only its own file's earlier keys, then the environment); later files
 * win. Missing files are skipped. {@code $(command)} runs through {@code /bin/sh -c} in the working directory, with the
 * given environment.
 */
final class SecretsLoader {
  private SecretsLoader() {}

  static Secrets load(Path workingDir, String secretsPath, String destination, Map<String, String> environment) {
    return load(workingDir, secretsPath, destination, environment,
        (command, file, line) -> runShell(command, file, line, workingDir, environment));
  }

  /**
   * The secrets as far as they can be known without running anything: every {@code $(command)} is left unrun and
   * its key (and what uses it) counts as failed. For redacting output of commands that need no secret.
   */
  static Secrets loadWithoutCommands(Path workingDir, String secretsPath, String destination,
      Map<String, String> environment) {
    return load(workingDir, secretsPath, destination, environment, (command, file, line) -> {
      throw new DotenvParser.CommandFailed("not run: this command needs no secret");
    });
  }

  static Secrets load(Path workingDir, String secretsPath, String destination, Map<String, String> environment,
      DotenvParser.CommandRunner commands) {
    List<String> names = new ArrayList<>();
    names.add(secretsPath + "-common");
    names.add(destination == null ? secretsPath : secretsPath + "." + destination);
    List<String> existing = new ArrayList<>();
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> failures = new LinkedHashMap<>();
    for (String name : names) {
      Path file = workingDir.resolve(name);
      if (!Files.isRegularFile(file)) {
        continue;
      }
      existing.add(name);
      String content;
      try {
        content = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException | java.io.UncheckedIOException e) {
        throw new ConfigurationException(name + ": cannot read: " + e.getMessage(), e);
      }
      DotenvParser.Parsed parsed = DotenvParser.read(content, name, environment::get, commands);
      // A later file's key replaces an earlier one, whether it was read or failed.
      parsed.values().forEach((key, value) -> {
        failures.remove(key);
        values.put(key, value);
      });
      parsed.failures().forEach((key, failure) -> {
        values.remove(key);
        failures.put(key, failure);
      });
    }
    return new Secrets(values, failures, names, existing);
  }

  static String runShell(String command, String file, int line, Path workingDir, Map<String, String> environment) {
    ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command)
        .directory(workingDir.toFile())
        .redirectInput(ProcessBuilder.Redirect.INHERIT)
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().clear();
    builder.environment().putAll(environment);
    try {
      CapturedProcess result = CapturedProcess.run(builder);
      int status = result.status();
      if (status != 0) {
        throw new DotenvParser.CommandFailed("command substitution $(" + firstWord(command)
            + " ...) failed with exit code " + status);
      }
      return result.output();
    } catch (IOException e) {
      throw new DotenvParser.CommandFailed("cannot run command substitution: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigurationException(file + ":" + line + ": interrupted while running a command substitution", e);
    }
  }

  /** Only the command's first word goes in messages: its arguments may carry secrets. */
  private static String firstWord(String command) {
    String trimmed = command.strip();
    int space = trimmed.indexOf(' ');
    return space < 0 ? trimmed : trimmed.substring(0, space);
  }
}
