package io.sextant.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How Sextant connects to hosts: Kamal's {@code ssh:} block plus connection tuning. Independent of the
 * configuration package (the CLI maps {@code config.SshConfig} onto it).
 *
 * @param user login user (Kamal default {@code root})
 * @param port port used for hosts given without {@code :port}
 * @param keys private key files; when empty the OpenSSH defaults ({@code ~/.ssh/id_ed25519}, {@code id_ecdsa},
 *     {@code id_rsa}) that exist are tried
 * @param keysOnly use only {@code keys}/{@code keyData}, never the ssh-agent
 * @param keyData private keys held in memory (PEM or OpenSSH text, e.g. from secrets)
 * @param proxyJump jump host ({@code [user@]host[:port]}, Kamal {@code ssh.proxy}), empty for none
 * @param proxyCommand command whose stdin/stdout is the connection (Kamal {@code ssh.proxy_command}; {@code %h}
 *     and {@code %p} are replaced by host and port), empty for none
 * @param sshConfigs the ssh_config files to honour ({@code Host} blocks: HostName, Port, User, IdentityFile,
 *     ProxyJump), read in order with the first value found for an option winning, as OpenSSH and net-ssh read
 *     them; a file that does not exist is skipped; empty means read none. Kamal {@code config: true} maps to
 *     {@link #DEFAULT_SSH_CONFIG}
 * @param agentSocket the ssh-agent's socket (default: {@code SSH_AUTH_SOCK}); not used when {@code keysOnly}
 * @param connectTimeout limit for TCP connect plus key exchange plus authentication per host
 * @param knownHostsFile where host keys are checked and new ones recorded
 * @param maxConcurrentStarts how many connections may be in progress at once (Kamal sshkit default 30)
 * @param parallelism how many hosts run a command at the same time
 */
public record SshSettings(
    String user,
    int port,
    List<Path> keys,
    boolean keysOnly,
    List<String> keyData,
    Optional<String> proxyJump,
    Optional<String> proxyCommand,
    List<Path> sshConfigs,
    Optional<Path> agentSocket,
    Duration connectTimeout,
    Path knownHostsFile,
    int maxConcurrentStarts,
    int parallelism) {

  public static final String DEFAULT_USER = "root";
  public static final int DEFAULT_PORT = 22;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_CONCURRENT_STARTS = 30;
  public static final int DEFAULT_PARALLELISM = 30;
  public static final Path DEFAULT_SSH_CONFIG = home().resolve(".ssh").resolve("config");
  public static final Path DEFAULT_KNOWN_HOSTS = home().resolve(".ssh").resolve("known_hosts");

  public SshSettings {
    Objects.requireNonNull(user, "user");
    keys = List.copyOf(keys);
    keyData = List.copyOf(keyData);
    Objects.requireNonNull(proxyJump, "proxyJump");
    Objects.requireNonNull(proxyCommand, "proxyCommand");
    sshConfigs = List.copyOf(sshConfigs);
    Objects.requireNonNull(agentSocket, "agentSocket");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(knownHostsFile, "knownHostsFile");
    if (port <= 0 || port > 65535) {
      throw new IllegalArgumentException("ssh port out of range: " + port);
    }
    if (maxConcurrentStarts < 1 || parallelism < 1) {
      throw new IllegalArgumentException("maxConcurrentStarts and parallelism must be at least 1");
    }
  }

  /** Kamal's defaults: root on port 22, default keys plus agent, no proxy, no ssh_config. */
  public static SshSettings defaults() {
    return new SshSettings(DEFAULT_USER, DEFAULT_PORT, List.of(), false, List.of(), Optional.empty(),
        Optional.empty(), List.of(), agentFromEnvironment(), DEFAULT_CONNECT_TIMEOUT, DEFAULT_KNOWN_HOSTS,
        DEFAULT_MAX_CONCURRENT_STARTS, DEFAULT_PARALLELISM);
  }

  public SshSettings withUser(String value) {
    return new SshSettings(value, port, keys, keysOnly, keyData, proxyJump, proxyCommand, sshConfigs,
        agentSocket, connectTimeout, knownHostsFile, maxConcurrentStarts, parallelism);
  }

  public SshSettings withPort(int value) {
    return new SshSettings(user, value, keys, keysOnly, keyData, proxyJump, proxyCommand, sshConfigs,
        agentSocket, connectTimeout, knownHostsFile, maxConcurrentStarts, parallelism);
  }

  public SshSettings withKeys(List<Path> value, boolean only) {
    return new SshSettings(user, port, value, only, keyData, proxyJump, proxyCommand, sshConfigs,
        agentSocket, connectTimeout, knownHostsFile, maxConcurrentStarts, parallelism);
  }

  public SshSettings withKeyData(List<String> value) {
    return new SshSettings(user, port, keys, keysOnly, value, proxyJump, proxyCommand, sshConfigs,
        agentSocket, connectTimeout, knownHostsFile, maxConcurrentStarts, parallelism);
  }

  public SshSettings withProxyJump(String value) {
    return new SshSettings(user, port, keys, keysOnly, keyData, Optional.ofNullable(value), proxyCommand,
        sshConfigs, agentSocket, connectTimeout, knownHostsFile, maxConcurrentStarts, parallelism);
  }

  public SshSettings withProxyCommand(String value) {
    return new SshSettings(user, port, keys, keysOnly, keyData, proxyJump, Optional.ofNullable(value),
        sshConfigs, agentSocket, connectTimeout, knownHostsFile, maxConcurrentStarts, parallelism);
  }

  public SshSettings withSshConfig(Path value) {
    return withSshConfigs(value == null ? List.of() : List.of(value));
  }

  /** The ssh_config files, first value found wins (see {@link #sshConfigs()}). */
  public SshSettings withSshConfigs(List<Path> values) {
    return new SshSettings(user, port, keys, keysOnly, keyData, proxyJump, proxyCommand, values, agentSocket,
        connectTimeout, knownHostsFile, maxConcurrentStarts, parallelism);
  }

  public SshSettings withAgentSocket(Path value) {
    return new SshSettings(user, port, keys, keysOnly, keyData, proxyJump, proxyCommand, sshConfigs,
        Optional.ofNullable(value), connectTimeout, knownHostsFile, maxConcurrentStarts, parallelism);
  }

  public SshSettings withConnectTimeout(Duration value) {
    return new SshSettings(user, port, keys, keysOnly, keyData, proxyJump, proxyCommand, sshConfigs, agentSocket, value,
        knownHostsFile, maxConcurrentStarts, parallelism);
  }

  public SshSettings withKnownHostsFile(Path value) {
    return new SshSettings(user, port, keys, keysOnly, keyData, proxyJump, proxyCommand, sshConfigs,
        agentSocket, connectTimeout, value, maxConcurrentStarts, parallelism);
  }

  public SshSettings withConcurrency(int starts, int hostsInParallel) {
    return new SshSettings(user, port, keys, keysOnly, keyData, proxyJump, proxyCommand, sshConfigs,
        agentSocket, connectTimeout, knownHostsFile, starts, hostsInParallel);
  }

  private static Optional<Path> agentFromEnvironment() {
    String socket = io.sextant.invocation.Invocation.current().environment().get("SSH_AUTH_SOCK");
    return socket == null || socket.isBlank() ? Optional.empty() : Optional.of(Path.of(socket));
  }

  private static Path home() {
    return Path.of(System.getProperty("user.home"));
  }
}
