package io.sextant.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Makes {@code $(kamal secrets ...)} in a secrets file run Sextant: Kamal runs such a substitution in-process with
 * {@code --inline} (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/secrets/dotenv/inline_command_substitution.rb);
 * Sextant runs it through the shell with {@code --inline} appended and, first on {@code PATH}, a temporary
 * directory holding a {@code kamal} script that execs Sextant's launcher. Ruby Kamal need not be installed.
 */
final class KamalShim {
  /** Kamal's test for a command it inlines. */
  private static final Pattern KAMAL_SECRETS = Pattern.compile("\\A\\s*kamal\\s*secrets\\s+");

  private KamalShim() {}

  static boolean matches(String command) {
    return KAMAL_SECRETS.matcher(command).find();
  }

  /** {@code command} with {@code --inline}, so {@code fetch} prints its JSON shell-escaped as Kamal's does. */
  static String inline(String command) {
    return command + " --inline";
  }

  /** {@code environment} with the shim's directory first on {@code PATH}. */
  static Map<String, String> withShimFirst(Map<String, String> environment) {
    Map<String, String> copy = new java.util.HashMap<>(environment);
    String path = environment.get("PATH");
    copy.put("PATH", Directory.PATH + (path == null || path.isEmpty() ? "" : ":" + path));
    return copy;
  }

  /** Created once per process, on first use, and removed when the process exits. */
  private static final class Directory {
    static final String PATH = create().toString();

    private static Path create() {
      try {
        Path dir = Files.createTempDirectory("sextant-kamal-shim");
        Path script = dir.resolve("kamal");
        Files.writeString(script, "#!/bin/sh\n# Sextant stands in for Kamal while a secrets file is read.\nexec "
            + launcher() + " \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        dir.toFile().deleteOnExit();
        script.toFile().deleteOnExit();
        return dir;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the kamal shim: " + e.getMessage(), e);
      }
    }

    /** bin/sextant passes its own path; without it (tests in the IDE) the same JVM and class path. */
    private static String launcher() {
      String launcher = System.getProperty("sextant.launcher");
      if (launcher != null && !launcher.isEmpty()) {
        return quote(launcher);
      }
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      return quote(java) + " -cp " + quote(System.getProperty("java.class.path")) + " io.sextant.cli.Main";
    }

    private static String quote(String word) {
      return "'" + word.replace("'", "'\\''") + "'";
    }
  }
}
