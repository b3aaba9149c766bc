package io.sextant.hooks;

import io.sextant.config.ConfigurationException;
import io.sextant.config.Dotenv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A hook's {@code KAMAL_OUTPUT} file: empty before the hook, then read as dotenv. {@code KEY=value} lines become
 * variables of later hooks of the same command; {@code KAMAL_MESSAGE} is a line for the user; every other
 * {@code KAMAL_*} key is reserved and refused, as is a name that is not {@code [A-Z_][A-Z0-9_]*}.
 */
public final class HookOutputFile {
  /** The variable that names the file. */
  public static final String VARIABLE = "KAMAL_OUTPUT";
  /** The key whose value is printed to the user once. */
  public static final String MESSAGE = "KAMAL_MESSAGE";
  private static final Pattern NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");
  /** A hook that writes more than this has a bug; the rest is ignored with a warning. */
  static final int MAX_BYTES = 64 * 1024;

  /**
   * What one hook wrote.
   *
   * @param variables the accepted keys and values, in file order
   * @param message the {@code KAMAL_MESSAGE} value, or {@code null}
   * @param warnings one line per refused key or unreadable file
   */
  public record Result(Map<String, String> variables, String message, List<String> warnings) {
    static final Result EMPTY = new Result(Map.of(), null, List.of());
  }

  private HookOutputFile() {}

  /** A new empty file only the user can read (0600), in {@code directory}. */
  static Path create(Path directory) {
    try {
      return Files.createTempFile(directory, "sextant-hook-output-", ".env",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the KAMAL_OUTPUT file in " + directory, e);
    }
  }

  /** Reads what the hook {@code label} wrote to {@code file}; a missing file counts as empty. */
  static Result read(Path file, String label) {
    String text;
    try {
      if (!Files.isRegularFile(file)) {
        return Result.EMPTY;
      }
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length > MAX_BYTES) {
        return new Result(Map.of(), null, List.of("Hook `" + label + "` wrote " + bytes.length
            + " bytes to KAMAL_OUTPUT (at most " + MAX_BYTES + "): ignored"));
      }
      text = new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return new Result(Map.of(), null, List.of("Hook `" + label + "`: cannot read KAMAL_OUTPUT: " + e.getMessage()));
    }
    return parse(text, label);
  }

  /** The pure part of {@link #read}: dotenv text to accepted variables, message and warnings. */
  static Result parse(String text, String label) {
    if (text.isBlank()) {
      return Result.EMPTY;
    }
    Map<String, String> parsed;
    try {
      parsed = Dotenv.parseInert(text, "KAMAL_OUTPUT of hook `" + label + "`");
    } catch (ConfigurationException e) {
      return new Result(Map.of(), null, List.of(e.getMessage() + ": ignored"));
    }
    Map<String, String> variables = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    String message = null;
    for (Map.Entry<String, String> entry : parsed.entrySet()) {
      String key = entry.getKey();
      if (key.equals(MESSAGE)) {
        message = entry.getValue();
      } else if (!NAME.matcher(key).matches()) {
        warnings.add("Hook `" + label + "` wrote `" + key + "` to KAMAL_OUTPUT: not a variable name"
            + " ([A-Z_][A-Z0-9_]*), ignored");
      } else if (key.startsWith("KAMAL_")) {
        warnings.add("Hook `" + label + "` wrote `" + key + "` to KAMAL_OUTPUT: KAMAL_* names are reserved"
            + " (only KAMAL_MESSAGE is read), ignored");
      } else {
        variables.put(key, entry.getValue());
      }
    }
    return new Result(variables, message, warnings);
  }
}
