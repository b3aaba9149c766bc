package io.sextant.config;

import java.util.Map;
import java.util.Optional;

/**
 * {@code hooks_output} (Kamal 2.11+): one level for every hook, or a level per hook name. Unlisted hooks (and an absent
 * setting) follow the CLI verbosity; {@code -v}/{@code -q} always win
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/base.rb#L234-L242).
 */
public record HooksOutput(Level all, Map<String, Level> perHook) {
  public static final HooksOutput UNSET = new HooksOutput(null, Map.of());

  /** The two levels Kamal accepts. */
  public enum Level {
    QUIET,
    VERBOSE
  }

  public HooksOutput {
    perHook = Ordered.copy(perHook);
  }

  /** The configured level for {@code hook}, if any. */
  public Optional<Level> levelFor(String hook) {
    if (all != null) {
      return Optional.of(all);
    }
    return Optional.ofNullable(perHook.get(hook));
  }
}
