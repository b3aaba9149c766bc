package io.sextant.hooks;

import io.sextant.commands.JsonText;
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

  /**
   * One audit entry. {@code exitCode}/{@code signal} are null for skips; {@code skipped} is null for runs;
   * {@code passed} are the names the script wrote to {@code KAMAL_OUTPUT} (never their values), {@code message} its
   * {@code KAMAL_MESSAGE} or null.
   */
  public record Entry(String hook, String script, String command, Instant start, long durationMs,
      Integer exitCode, String signal, boolean timedOut, String skipped, String version, String performer,
      List<String> passed, String message) {

    public Entry {
      passed = List.copyOf(passed == null ? List.of() : passed);
    }

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
      if (!passed.isEmpty()) {
        line.put("passed", String.join(",", passed));
      }
      if (message != null) {
        line.put("message", message);
      }
      return JsonText.write(line);
    }

    /** {@code pre-deploy ok 1.2s}, {@code pre-deploy.d/10-x failed (exit code 3) 0.4s}, {@code pre-build skipped}. */
    public String summary() {
      if (skipped != null) {
        return script + " skipped (" + skipped + ")";
      }
      return outcome() + (passed.isEmpty() ? "" : " passed " + String.join(",", passed))
          + (message == null ? "" : " message \"" + message + "\"");
    }

    private String outcome() {
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

  private static final java.util.regex.Pattern FIELD = java.util.regex.Pattern.compile(
      "\"([a-z_]+)\":(\"((?:[^\"\\\\]|\\\\.)*)\"|[^,}]+)");

  /** A flat audit line as a map (strings unescaped, numbers/booleans/null as their text). */
  static Map<String, String> parse(String line) {
    Map<String, String> fields = new LinkedHashMap<>();
    java.util.regex.Matcher matcher = FIELD.matcher(line);
    while (matcher.find()) {
      String value = matcher.group(3) != null ? unescape(matcher.group(3)) : matcher.group(2);
      fields.put(matcher.group(1), "null".equals(value) && matcher.group(3) == null ? null : value);
    }
    return fields;
  }

  private static String unescape(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        char next = text.charAt(++i);
        switch (next) {
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            out.append((char) Integer.parseInt(text.substring(i + 1, Math.min(i + 5, text.length())), 16));
            i += 4;
          }
          default -> out.append(next);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** One human line for {@code hooks history}: when, command, script, outcome, version, performer. */
  public static String describe(String line) {
    Map<String, String> f = parse(line);
    String start = f.getOrDefault("start", "?");
    int dot = start.indexOf('.');
    String when = dot > 0 ? start.substring(0, dot) + "Z" : start;
    String outcome;
    if (f.get("skipped") != null) {
      outcome = "skipped (" + f.get("skipped") + ")";
    } else {
      String seconds = String.format(java.util.Locale.ROOT, "%.1fs",
          Long.parseLong(f.getOrDefault("duration_ms", "0")) / 1000.0);
      if ("true".equals(f.get("timed_out"))) {
        outcome = "timed out after " + seconds;
      } else if ("0".equals(f.get("exit_code"))) {
        outcome = "ok in " + seconds;
      } else if (f.get("exit_code") != null) {
        outcome = "failed with exit code " + f.get("exit_code") + " after " + seconds;
      } else {
        outcome = "killed by " + f.get("signal") + " after " + seconds;
      }
    }
    return when + "  " + f.get("command") + "  " + f.get("script") + "  " + outcome + "  version "
        + f.get("version") + "  by " + f.get("performer")
        + (f.get("passed") == null ? "" : "  passed " + f.get("passed"))
        + (f.get("message") == null ? "" : "  message \"" + f.get("message") + "\"");
  }
}
