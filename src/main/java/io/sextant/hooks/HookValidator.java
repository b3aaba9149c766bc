package io.sextant.hooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code hooks validate} (B4): finds what would make a hook not run, or run differently than its author thinks: exec
 * bits, shebangs, names with extensions ({@code pre-deploy.sh} is ignored: Kamal runs the file named exactly like the
 * hook), Traefik-era names (Kamal 2 refuses them:
 * https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/configuration.rb#L383-L389), directories named like hooks,
 * unknown names.
 */
public final class HookValidator {
  /** One finding; {@code problem} findings make {@code hooks validate} exit 1, warnings do not. */
  public record Finding(boolean problem, String path, String message) {
    @Override
    public String toString() {
      return (problem ? "ERROR " : "WARN  ") + path + ": " + message;
    }
  }

  private final Path hooksPath;
  private final Path base;
  private final Map<String, String> environment;

  /**
   * @param base paths are shown relative to it (the working directory)
   * @param environment for {@code PATH}, to check {@code #!/usr/bin/env INTERPRETER}
   */
  public HookValidator(Path hooksPath, Path base, Map<String, String> environment) {
    this.hooksPath = hooksPath;
    this.base = base;
    this.environment = environment;
  }

  /** Every finding, problems and warnings, in file name order. */
  public List<Finding> validate() {
    List<Finding> findings = new ArrayList<>();
    if (!Files.isDirectory(hooksPath)) {
      return findings;
    }
    for (Path entry : list(hooksPath)) {
      String name = entry.getFileName().toString();
      if (HookPoint.fromName(name).isPresent()) {
        checkHookFile(entry, findings);
      } else if (name.endsWith(".d") && HookPoint.fromName(name.substring(0, name.length() - 2)).isPresent()
          && Files.isDirectory(entry)) {
        checkFolder(entry, findings);
      } else if (name.endsWith(".sample")) {
        continue;
      } else {
        findings.add(new Finding(true, shown(entry), unknown(name)));
      }
    }
    return findings;
  }

  /** How many runnable scripts the hooks directory holds (for the summary line). */
  public int runnableScripts() {
    return Arrays.stream(HookPoint.values())
        .mapToInt(hook -> (int) HookScript.find(hooksPath, hook).stream().filter(HookScript::runnable).count())
        .sum();
  }

  private void checkHookFile(Path file, List<Finding> findings) {
    if (Files.isDirectory(file)) {
      findings.add(new Finding(true, shown(file), "is a directory; a hook must be an executable file"
          + " (several scripts go in " + shown(file) + ".d/)"));
    } else if (!Files.isExecutable(file)) {
      findings.add(new Finding(true, shown(file), "is not executable: run chmod +x " + shown(file)));
    } else {
      checkShebang(file, findings);
    }
  }

  private void checkFolder(Path folder, List<Finding> findings) {
    for (Path entry : list(folder)) {
      String name = entry.getFileName().toString();
      if (name.endsWith(".sample") || name.startsWith(".") || Files.isDirectory(entry)) {
        continue;
      }
      if (!Files.isExecutable(entry)) {
        findings.add(new Finding(false, shown(entry), "is not executable, so it is skipped"
            + " (chmod +x " + shown(entry) + " to run it)"));
      } else {
        checkShebang(entry, findings);
      }
    }
  }

  private void checkShebang(Path file, List<Finding> findings) {
    String first = firstLine(file);
    if (!first.startsWith("#!")) {
      findings.add(new Finding(false, shown(file), "has no #! line, so it runs with /bin/sh"
          + " (add e.g. #!/bin/sh or #!/usr/bin/env bash)"));
      return;
    }
    if (first.endsWith("\r")) {
      findings.add(new Finding(true, shown(file), "has Windows line endings (CRLF): the interpreter would be"
          + " looked up with a trailing carriage return; convert it with dos2unix or sed -i 's/\\r$//'"));
      return;
    }
    List<String> words = Arrays.stream(first.substring(2).strip().split("\\s+")).filter(w -> !w.isEmpty())
        .collect(Collectors.toList());
    if (words.isEmpty()) {
      findings.add(new Finding(true, shown(file), "has an empty #! line"));
      return;
    }
    Path interpreter = Path.of(words.get(0));
    if (!Files.isExecutable(interpreter)) {
      findings.add(new Finding(true, shown(file), "its interpreter " + interpreter + " does not exist here"));
      return;
    }
    if (interpreter.getFileName().toString().equals("env")) {
      List<String> args = words.subList(1, words.size()).stream().filter(w -> !w.startsWith("-")).toList();
      if (!args.isEmpty() && !args.get(0).contains("=") && !onPath(args.get(0))) {
        findings.add(new Finding(true, shown(file), "its interpreter " + args.get(0) + " is not on the PATH"));
      }
    }
  }

  private boolean onPath(String command) {
    if (command.contains("/")) {
      return Files.isExecutable(Path.of(command));
    }
    String path = environment.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    return Arrays.stream(path.split(":")).filter(dir -> !dir.isEmpty())
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }

  private static String unknown(String name) {
    for (String old : HookPoint.TRAEFIK_ERA_NAMES) {
      if (name.equals(old) || name.equals(old + ".d")) {
        return "Kamal 1 name: rename it to " + old.replace("traefik", "proxy")
            + " (Kamal 2 refuses to load a configuration while it exists)";
      }
    }
    int dot = name.indexOf('.');
    if (dot > 0 && HookPoint.fromName(name.substring(0, dot)).isPresent()) {
      String hook = name.substring(0, dot);
      return "is ignored: a hook file has no extension; rename it to " + hook + " (mv " + name + " " + hook + ")";
    }
    return "is not a hook name, so it never runs (hooks: " + Arrays.stream(HookPoint.values())
        .map(HookPoint::hookName).collect(Collectors.joining(", ")) + ")";
  }

  private String shown(Path path) {
    return HookScript.shown(path, base);
  }

  private static List<Path> list(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + directory + ": " + e.getMessage(), e);
    }
  }

  private static String firstLine(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(256);
      String text = new String(head, StandardCharsets.UTF_8);
      int newline = text.indexOf('\n');
      return newline >= 0 ? text.substring(0, newline) : text;
    } catch (IOException e) {
      return "";
    }
  }
}
