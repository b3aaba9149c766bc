package io.sextant.bench;

import io.sextant.console.Console;
import io.sextant.console.Verbosity;
import io.sextant.hooks.HookContext;
import io.sextant.hooks.HookPoint;
import io.sextant.hooks.HookRunner;
import io.sextant.hooks.HookSettings;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Benchmark (run by {@code bench/hooks.sh}, not a test): the cost of running a hook that does no work through
 * {@link HookRunner} (find the script, context file, {@code KAMAL_*} environment, spawn, wait, audit log line)
 * against a bare {@link ProcessBuilder} spawn of the same {@code exit 0} script. Both run in this one warm JVM,
 * alternately, so drift in machine load hits both alike; the report is the median of each and of the paired
 * differences.
 *
 * <p>Usage: {@code HookSpawn [iterations] [warm-up iterations]} (defaults 300 and 50).
 */
public final class HookSpawn {
  private HookSpawn() {}

  public static void main(String[] args) throws Exception {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    Path project = Files.createTempDirectory("sextant-bench-hooks-");
    try {
      Path hooks = Files.createDirectories(project.resolve(".kamal/hooks"));
      Path script = hooks.resolve("pre-build");
      Files.writeString(script, "#!/bin/sh\nexit 0\n");
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
      HookRunner runner = new HookRunner(HookSettings.defaults(project),
          new Console(sink, sink, Verbosity.NORMAL));
      HookContext context = HookContext.of("bench", "v1", null, List.of("10.0.0.1", "10.0.0.2"), null,
          Map.of("web", List.of("10.0.0.1", "10.0.0.2")), "build", "push", "bench");

      List<Long> bare = new ArrayList<>();
      List<Long> setsid = new ArrayList<>();
      List<Long> hook = new ArrayList<>();
      List<Long> difference = new ArrayList<>();
      for (int i = 0; i < warmup + iterations; i++) {
        long bareNanos = bareSpawn(project, script.toString());
        long setsidNanos = bareSpawn(project, "setsid", "-w", "-f", script.toString());
        long started = System.nanoTime();
        runner.run(HookPoint.PRE_BUILD, context);
        long hookNanos = System.nanoTime() - started;
        if (i >= warmup) {
          bare.add(bareNanos);
          setsid.add(setsidNanos);
          hook.add(hookNanos);
          difference.add(hookNanos - bareNanos);
        }
      }
      System.out.printf("| case | median ms | p10–p90 ms | n |%n| --- | ---: | ---: | ---: |%n");
      row("bare ProcessBuilder spawn of the `exit 0` script", bare);
      row("bare spawn of `setsid -w -f script` (how HookRunner starts a hook)", setsid);
      row("HookRunner.run of the same script as pre-build", hook);
      row("overhead per hook (paired difference)", difference);
    } finally {
      try (var files = Files.walk(project)) {
        files.sorted(Collections.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  private static long bareSpawn(Path dir, String... argv) throws Exception {
    long started = System.nanoTime();
    Process process = new ProcessBuilder(argv).directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true).start();
    process.getInputStream().transferTo(OutputStream.nullOutputStream());
    process.waitFor();
    return System.nanoTime() - started;
  }

  private static void row(String name, List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    System.out.printf("| %s | %.2f | %.2f–%.2f | %d |%n", name, ms(sorted.get(sorted.size() / 2)),
        ms(sorted.get(sorted.size() / 10)), ms(sorted.get(sorted.size() * 9 / 10)), sorted.size());
  }

  private static double ms(long nanos) {
    return nanos / 1_000_000.0;
  }
}
