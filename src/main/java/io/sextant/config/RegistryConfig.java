package io.sextant.config;

import java.util.Optional;

/**
 * {@code registry:}. Username and password are either a literal value or, written as a one-item list
 * ({@code password: [KAMAL_REGISTRY_PASSWORD]}), the name of a secret. A server starting with
 * {@code localhost:} is Kamal's local registry (no credentials needed).
 */
public record RegistryConfig(String server, Credential username, Credential password) {
  public static final RegistryConfig NONE = new RegistryConfig(null, null, null);

  /** A literal value, or a secret's name (exactly one is set). */
  public record Credential(String literal, String secretName) {
    public static Credential literal(String value) {
      return new Credential(value, null);
    }

    public static Credential secret(String name) {
      return new Credential(null, name);
    }

    public boolean isSecret() {
      return secretName != null;
    }

    /** The value: the literal, or the secret looked up in {@code secrets} (missing ⇒ configuration error). */
    public String resolve(Secrets secrets) {
      return isSecret() ? secrets.require(secretName) : literal;
    }
  }

  /**
   * Kamal's {@code registry.local?} ({@code server.match?("^localhost[:$]")}): {@code server} starts with
   * {@code localhost:} (a bare {@code localhost} is a remote registry that needs credentials, as in Kamal).
   */
  public boolean isLocal() {
    return server != null && server.matches("(?s)localhost[:$].*");
  }

  /**
   * Kamal's {@code registry.local_port}: the number after the last {@code :} of a local registry's server (its
   * leading digits, as Ruby's {@code to_i}; 0 when there are none), or -1 for a registry that is not local.
   */
  public int localPort() {
    if (!isLocal()) {
      return -1;
    }
    String last = server.substring(server.lastIndexOf(':') + 1);
    java.util.regex.Matcher digits = java.util.regex.Pattern.compile("^\\s*[+]?(\\d+)").matcher(last);
    if (!digits.find()) {
      return 0;
    }
    String number = digits.group(1).replaceFirst("^0+(?=\\d)", "");
    return number.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(number);
  }

  public Optional<String> serverName() {
    return Optional.ofNullable(server);
  }
}
