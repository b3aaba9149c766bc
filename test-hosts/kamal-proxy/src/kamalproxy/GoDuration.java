package kamalproxy;

import java.time.Duration;

/**
 * Go's {@code time.Duration} text form, as kamal-proxy's flags take it ({@code 30s}, {@code 1m30s}, {@code 500ms},
 * {@code 1.5h}) and as its messages print it ({@code 30s}, {@code 1m0s}, {@code 1.5s}).
 */
final class GoDuration {
  private GoDuration() {
  }

  /** Parses Go's duration syntax; throws IllegalArgumentException with Go's message when it is not one. */
  static Duration parse(String text) {
    String s = text;
    boolean negative = false;
    if (s.startsWith("-") || s.startsWith("+")) {
      negative = s.startsWith("-");
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw invalid(text);
    }
    long nanos = 0;
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      String number = s.substring(start, i);
      if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
        throw invalid(text);
      }
      int unitStart = i;
      while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      long unit = unitNanos(s.substring(unitStart, i), text);
      nanos += Math.round(Double.parseDouble(number) * unit);
    }
    return Duration.ofNanos(negative ? -nanos : nanos);
  }

  private static long unitNanos(String unit, String text) {
    switch (unit) {
      case "ns": return 1L;
      case "us": case "µs": case "μs": return 1_000L;
      case "ms": return 1_000_000L;
      case "s": return 1_000_000_000L;
      case "m": return 60_000_000_000L;
      case "h": return 3_600_000_000_000L;
      case "":
        throw new IllegalArgumentException("time: missing unit in duration \"" + text + "\"");
      default:
        throw new IllegalArgumentException("time: unknown unit \"" + unit + "\" in duration \"" + text + "\"");
    }
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("time: invalid duration \"" + text + "\"");
  }

  /** Formats like Go's {@code Duration.String()}. */
  static String format(Duration duration) {
    long nanos = duration.toNanos();
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    long n = Math.abs(nanos);
    if (n < 1_000L) {
      return sign + n + "ns";
    }
    if (n < 1_000_000L) {
      return sign + fraction(n, 1_000L) + "µs";
    }
    if (n < 1_000_000_000L) {
      return sign + fraction(n, 1_000_000L) + "ms";
    }
    long hours = n / 3_600_000_000_000L;
    long rest = n % 3_600_000_000_000L;
    long minutes = rest / 60_000_000_000L;
    String seconds = fraction(rest % 60_000_000_000L, 1_000_000_000L) + "s";
    if (hours > 0) {
      return sign + hours + "h" + minutes + "m" + seconds;
    }
    if (minutes > 0) {
      return sign + minutes + "m" + seconds;
    }
    return sign + seconds;
  }

  /** {@code value / unit} with the fraction's trailing zeros dropped, as Go prints it. */
  private static String fraction(long value, long unit) {
    long whole = value / unit;
    long remainder = value % unit;
    if (remainder == 0) {
      return Long.toString(whole);
    }
    String digits = Long.toString(unit + remainder).substring(1).replaceAll("0+$", "");
    return whole + "." + digits;
  }
}
