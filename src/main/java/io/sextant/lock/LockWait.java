package io.sextant.lock;

import java.time.Duration;
import java.util.Objects;

/**
 * Kamal's {@code --lock-wait}, {@code --lock-wait-timeout} (default 900 s) and {@code --lock-wait-interval} (default 15
 * s) (Kamal's https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/base.rb#L150-L184): whether an automatic
 * acquisition waits for another automatic lock to go away.
 */
public record LockWait(boolean enabled, Duration timeout, Duration interval) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(900);
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);
  public static final LockWait NONE = new LockWait(false, DEFAULT_TIMEOUT, DEFAULT_INTERVAL);

  public LockWait {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(interval, "interval");
    if (timeout.isNegative() || interval.isNegative()) {
      throw new IllegalArgumentException("lock wait timeout and interval must not be negative");
    }
  }

  /** Text of a duration as Kamal prints its numeric option: {@code 900s}, {@code 0.5s}. */
  static String seconds(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
  }
}
