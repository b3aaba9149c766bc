package io.sextant.config;

import java.util.List;

/**
 * {@code ssh:}. {@code config} is Kamal's {@code ssh/config}: {@code true} (default: read ~/.ssh/config),
 * {@code false}, or file paths ({@link #configFiles()}).
 *
 * @param proxy jump host, {@code host} or {@code user@host} (may be null)
 * @param proxyCommand custom proxy command with {@code %h %p} (may be null)
 * @param logLevel Kamal's net-ssh log level (may be null)
 */
public record SshConfig(
    String user,
    int port,
    List<String> keys,
    boolean keysOnly,
    List<String> keyData,
    String proxy,
    String proxyCommand,
    boolean useConfig,
    List<String> configFiles,
    String logLevel,
    boolean forwardAgent) {

  public static final SshConfig DEFAULT =
      new SshConfig("root", 22, List.of(), false, List.of(), null, null, true, List.of(), null, false);

  public SshConfig {
    keys = List.copyOf(keys);
    keyData = List.copyOf(keyData);
    configFiles = List.copyOf(configFiles);
  }
}
