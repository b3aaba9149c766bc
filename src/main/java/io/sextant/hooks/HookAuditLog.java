package io.sextant.hooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The local hook audit (B7): one JSON line per hook script run or skipped, appended to {@code .kamal/hooks.log}.
 * Lines never contain secret values (everything passes the redactor).
 */
public final class HookAuditLog {
  private final Path file;
  private final UnaryOperator<String> redactor;

  public HookAuditLog(Path file, UnaryOperator<String> redactor) {
    this.file = file;
    this.redactor = redactor;
  }

  /** One audit entry. {@code exitCode}/{@code signal} are null for skips; {@code skipped} is null for runs. */
  public record Entry(String hook, String script, String command, Instant start, long durationMs,
      Integer exitCode, String signal, boolean timedOut, String skipped, String version, String performer) {

    String json() {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("hook", hook);
      line.put("script", script);
      line.put("command", command);
      line.put("start", start.toString());
      line.put("duration_ms", durationMs);
      line.put("exit_code", exitCode);
      line.put("signal", signal);
      line.put("timed_out", timedOut);
      line.put("skipped", skipped);
      line.put("version", version);
      line.put("performer", performer);
      return JsonText.write(line);
    }

    /** {@code pre-deploy ok 1.2s}, {@code pre-deploy.d/10-x failed (exit code 3) 0.4s}, {@code pre-build skipped}. */
    public String summary() {
      if (skipped != null) {
        return script + " skipped (" + skipped + ")";
      }
      String seconds = String.format(java.util.Locale.ROOT, "%.1fs", durationMs / 1000.0);
      if (timedOut) {
        return script + " timed out " + seconds;
      }
      if (exitCode != null && exitCode == 0) {
        return script + " ok " + seconds;
      }
      return script + " failed (" + (exitCode != null ? "exit code " + exitCode : signal) + ") " + seconds;
    }
  }

  /** Appends the entry; an audit write failure never fails the command (it is reported by the caller). */
  public void append(Entry entry) throws IOException {
    if (file == null) {
      return;
    }
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(file, redactor.apply(entry.json()) + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
  }

  /** The last {@code n} lines of the log (all when {@code n <= 0}); empty when there is no log. */
  public static List<String> tail(Path file, int n) throws IOException {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    lines.removeIf(String::isBlank);
    return n <= 0 || lines.size() <= n ? lines : lines.subList(lines.size() - n, lines.size());
  }
}
