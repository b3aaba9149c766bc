package kamalproxy;

/** kamal-proxy's environment defaults for {@code run}: {@code KAMAL_PROXY_<KEY>}, then {@code <KEY>}. */
final class Environment {
  private Environment() {
  }

  static String find(String key) {
    String value = System.getenv("KAMAL_PROXY_" + key);
    return value != null ? value : System.getenv(key);
  }

  static long number(String key, long fallback) {
    String value = find(key);
    try {
      return value == null ? fallback : Long.parseLong(value);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  static boolean bool(String key, boolean fallback) {
    String value = find(key);
    try {
      return value == null ? fallback : Cli.parseBool(value);
    } catch (IllegalArgumentException e) {
      return fallback;
    }
  }
}
