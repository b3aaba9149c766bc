package io.sextant.app;

/**
 * A role booted on a host.
 *
 * @param host the host
 * @param role the role name
 * @param container the new container's name
 * @param previousVersion the version that was running before (now stopped), or {@code null} if none
 */
public record BootResult(String host, String role, String container, String previousVersion) {}
