package io.sextant.hooks;

import io.sextant.console.Console;
import io.sextant.console.Verbosity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A project directory with real hook scripts and a console whose output the test can read. */
final class HookFixture {
  final Path project;
  final Path hooks;
  final Path records;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  HookFixture(Path tempDir) {
    project = tempDir.resolve("project");
    hooks = project.resolve(".kamal/hooks");
    records = tempDir.resolve("records");
    try {
      Files.createDirectories(hooks);
      Files.createDirectories(records);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes an executable {@code #!/bin/sh} hook with this body. */
  Path hook(String name, String body) {
    return script(hooks.resolve(name), "#!/bin/sh\n" + body + "\n", "rwxr-xr-x");
  }

  /** A hook recording argv, env, cwd and stdin under {@code records/<name>.*}, then running {@code tail}. */
  Path recordingHook(String name, String tail) {
    String prefix = records.resolve(name).toString();
    return hook(name, "echo \"$#:$*\" > '" + prefix + ".argv'\n"
        + "env -0 > '" + prefix + ".env'\n"
        + "pwd > '" + prefix + ".cwd'\n"
        + "cat > '" + prefix + ".stdin'\n"
        + "echo done >> '" + prefix + ".runs'\n"
        + tail);
  }

  static Path script(Path path, String text, String mode) {
    try {
      Files.createDirectories(path.getParent());
      Files.writeString(path, text);
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
      return path;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Map<String, String> recordedEnv(String name) {
    String raw = read(name + ".env");
    Map<String, String> env = new LinkedHashMap<>();
    for (String entry : raw.split("\0")) {
      int eq = entry.indexOf('=');
      if (eq > 0) {
        env.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    return env;
  }

  String read(String record) {
    try {
      return Files.readString(records.resolve(record));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean recorded(String record) {
    return Files.exists(records.resolve(record));
  }

  int runs(String name) {
    return recorded(name + ".runs") ? read(name + ".runs").split("\n").length : 0;
  }

  HookSettings settings(Verbosity verbosity) {
    return HookSettings.defaults(project).withVerbosity(verbosity);
  }

  Console console(Verbosity verbosity) {
    return new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), verbosity);
  }

  HookRunner runner(HookSettings settings) {
    return new HookRunner(settings, console(settings.verbosity()));
  }

  String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  static HookContext context() {
    return HookContext.of("app", "0123456789abcdef", null, List.of("web1", "web2"), null,
        Map.of("web", List.of("web1", "web2")), "deploy", null, "dev@example.com");
  }
}
