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

  /** Kamal's {@code registry.local?}: {@code server} is {@code localhost:PORT}. */
  public boolean isLocal() {
    return server != null && server.matches("^localhost(:.*)?$");
  }

  public Optional<String> serverName() {
    return Optional.ofNullable(server);
  }
}
