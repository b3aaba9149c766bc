package io.sextant.app;

/**
 * Why a role could not be booted on a host.
 *
 * @param host the host
 * @param role the role name
 * @param step what was being done: {@code env file}, {@code network}, {@code docker run}, {@code readiness}, …
 * @param detail the reason (may span lines: the container's last log lines follow a readiness failure)
 */
public record BootFailure(String host, String role, String step, String detail) {
  /** {@code <host>: role <role>: <step> failed: <detail>}. */
  public String describe() {
    return host + ": role " + role + ": " + step + " failed: " + detail;
  }
}
