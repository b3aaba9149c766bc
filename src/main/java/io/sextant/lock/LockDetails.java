package io.sextant.lock;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the lock's {@code details} file says
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/commands/lock.rb#L57-L69): who locked, when, which version,
 * why; plus Sextant's token line (D7) so that a process started from a hook can prove it runs under this very lock.
 * Kamal prints the decoded text as is and only looks for {@code Automatic deploy lock} in it, so the extra line is
 * harmless.
 *
 * @param lockedBy the locker's git {@code user.name} ({@code Unknown} without git)
 * @param at when the lock was taken (printed in UTC, whole seconds)
 * @param version the version being deployed
 * @param message why ({@link #AUTOMATIC} for automatic locks)
 * @param token random secret of the holding process; empty for locks taken by Kamal
 */
public record LockDetails(String lockedBy, Instant at, String version, String message, Optional<String> token) {
  /** Message of the lock taken around modifying commands; Kamal waits only for locks with this text. */
  public static final String AUTOMATIC = "Automatic deploy lock";

  private static final Pattern TOKEN = Pattern.compile("(?m)^Token: (\\S+)$");

  public LockDetails {
    Objects.requireNonNull(lockedBy, "lockedBy");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(token, "token");
  }

  /** The text of the details file (no trailing newline, as Kamal writes it). */
  public String text() {
    String text = "Locked by: " + lockedBy + " at "
        + DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS)) + "\n"
        + "Version: " + version + "\n"
        + "Message: " + message;
    return token.map(t -> text + "\nToken: " + t).orElse(text);
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

  /** The token recorded in decoded details, if Sextant took the lock. */
  public static Optional<String> tokenOf(String decodedDetails) {
    Matcher matcher = TOKEN.matcher(decodedDetails);
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }
}
