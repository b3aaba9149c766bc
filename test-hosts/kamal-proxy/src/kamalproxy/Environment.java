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
    if (value == null) {
      return fallback;
    }
    switch (value) {
      case "1": case "t": case "T": case "true": case "TRUE": case "True": return true;
      case "0": case "f": case "F": case "false": case "FALSE": case "False": return false;
      default: return fallback;
    }
  }
}
