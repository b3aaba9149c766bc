package io.sextant.config;

/** Compares version strings like RubyGems' {@code Gem::Version} (numeric segments; letters mean prerelease). */
public final class GemVersion {
  private GemVersion() {}

  /** Negative, zero or positive as {@code a} is older than, equal to or newer than {@code b}. */
  public static int compare(String a, String b) {
    String[] left = a.split("\\.");
    String[] right = b.split("\\.");
    int n = Math.max(left.length, right.length);
    for (int i = 0; i < n; i++) {
      String l = i < left.length ? left[i] : "0";
      String r = i < right.length ? right[i] : "0";
      boolean ln = l.matches("[0-9]+");
      boolean rn = r.matches("[0-9]+");
      int cmp;
      if (ln && rn) {
        cmp = new java.math.BigInteger(l).compareTo(new java.math.BigInteger(r));
      } else if (ln) {
        cmp = 1;
      } else if (rn) {
        cmp = -1;
      } else {
        cmp = l.compareTo(r);
      }
      if (cmp != 0) {
        return Integer.signum(cmp);
      }
    }
    return 0;
  }
}
