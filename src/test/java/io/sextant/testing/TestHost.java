package io.sextant.testing;

/** One local test host: its hostname (also its network namespace), address and SSH port. */
public record TestHost(String name, String ip, int sshPort) {}
