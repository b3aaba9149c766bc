package io.sextant.lock;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;

/**
 * What the lock's {@code details} file says
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/commands/lock.rb#L57-L69), byte for byte as Kamal
 * writes it: who locked, when, which version, why. Sextant's token (D7) lives in a file of its own beside it
 * ({@link LockCommands}), so that {@code kamal lock status} shows exactly what it shows for a Kamal lock.
 *
 * @param lockedBy the locker's git {@code user.name} ({@code Unknown} without git)
 * @param at when the lock was taken (printed in UTC, whole seconds)
 * @param version the version being deployed
 * @param message why ({@link #AUTOMATIC} for automatic locks)
 */
public record LockDetails(String lockedBy, Instant at, String version, String message) {
  /** Message of the lock taken around modifying commands; Kamal waits only for locks with this text. */
  public static final String AUTOMATIC = "Automatic deploy lock";

  public LockDetails {
    Objects.requireNonNull(lockedBy, "lockedBy");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(message, "message");
  }

  /** The text of the details file (no trailing newline, as Kamal writes it). */
  public String text() {
    return "Locked by: " + lockedBy + " at "
        + DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS)) + "\n"
        + "Version: " + version + "\n"
        + "Message: " + message;
  }

  /** Ruby's {@code Base64.encode64}: standard alphabet, a newline after every 60 characters and at the end. */
  public String encoded() {
    String lines = Base64.getMimeEncoder(60, new byte[] {'\n'})
        .encodeToString(text().getBytes(StandardCharsets.UTF_8));
    return lines + "\n";
  }

  /** Whether decoded details (from {@code lock status}) describe an automatic lock, Kamal's test. */
  public static boolean isAutomatic(String decodedDetails) {
    return decodedDetails.contains(AUTOMATIC);
  }
}
