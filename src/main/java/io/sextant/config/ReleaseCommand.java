package io.sextant.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sextant's {@code x-release:} setting (Kamal ignores {@code x-} keys): a command run once per deploy, redeploy,
 * rollback and setup in a one-off container of the version being booted, on the first host of {@code role}, under
 * the lock, before any container of that version starts (Heroku's release phase, Fly's {@code release_command};
 * Kamal users put it into {@code pre-deploy} with {@code app exec}, rows 19 and 21 of the user asks).
 *
 * @param command a string is shell text, run by {@code sh -c} inside the container; a list is the exact words, run
 *     without a shell
 * @param role the role whose image options, env and secrets the container gets ({@code primary_role} when unset)
 * @param timeoutSeconds seconds the command may run before it is stopped and counts as failed, or {@code null}
 */
public record ReleaseCommand(Object command, String role, Integer timeoutSeconds) {
  /** The top-level key. */
  public static final String KEY = "x-release";

  public ReleaseCommand {
    command = command instanceof List<?> list ? List.copyOf(list.stream().map(Scalars::toS).toList())
        : Scalars.toS(command);
  }

  /** The setting of a validated configuration tree, if it has one. */
  static Optional<ReleaseCommand> of(Map<String, Object> raw, String primaryRole) {
    if (!(raw.get(KEY) instanceof Map<?, ?> release)) {
      return Optional.empty();
    }
    Object role = release.get("role");
    return Optional.of(new ReleaseCommand(release.get("command"),
        role == null ? primaryRole : Scalars.toS(role), ConfigMapper.integer(release.get("timeout"))));
  }

  /** The words given to {@code docker run} after the image. */
  public List<String> words() {
    if (command instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return List.of("sh", "-c", (String) command);
  }

  /** The command as written, for messages and hooks. */
  public String text() {
    return command instanceof List<?> list ? String.join(" ", list.stream().map(String::valueOf).toList())
        : (String) command;
  }
}
