package io.sextant.config;

import java.util.List;
import java.util.Map;

/**
 * An accessory ({@code accessories: {db: {...}}}), validated and read as Kamal 2.12 reads it
 * (<a href="https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/configuration/accessory.rb">configuration/accessory.rb</a>).
 * The command lines built from it live in {@code commands.AccessoryCommands}.
 *
 * @param name the key under {@code accessories}
 * @param service the container name: {@code service}, else {@code <root service>-<name>}
 * @param image the image as written (without its own registry's server)
 * @param registry its own {@code registry:}, or null for the root one
 * @param hosts from {@code host}, {@code hosts}, {@code role(s)} or {@code tag(s)}, in Kamal's order, no duplicates
 * @param port {@code port} as {@code HOST:CONTAINER} ({@code 3306} becomes {@code 3306:3306}), or null
 * @param cmd {@code cmd} as shell text, or null
 * @param labels the user's labels (after the default {@code service} label)
 * @param options extra {@code docker run} options as written ({@code restart} among them)
 * @param env clear values and secret names (no tags for accessories)
 * @param files {@code files}: local file (or ERB template) to container path
 * @param directories {@code directories}: host directory to container path
 * @param volumes {@code volumes} as written
 * @param network {@code network}, default {@code kamal}
 * @param proxy {@code proxy:} as written (null, Boolean or a map)
 * @param raw the accessory's keys as written
 */
public record Accessory(
    String name,
    String service,
    String image,
    RegistryConfig registry,
    List<String> hosts,
    String port,
    String cmd,
    Map<String, String> labels,
    Map<String, Object> options,
    EnvConfig env,
    List<AccessoryPath> files,
    List<AccessoryPath> directories,
    List<String> volumes,
    String network,
    Object proxy,
    Map<String, Object> raw) {

  /** The network an accessory joins unless it names one. */
  public static final String DEFAULT_NETWORK = "kamal";

  public Accessory {
    hosts = List.copyOf(hosts);
    labels = Ordered.copy(labels);
    options = Ordered.copy(options);
    files = List.copyOf(files);
    directories = List.copyOf(directories);
    volumes = List.copyOf(volumes);
    raw = Ordered.copy(raw);
  }

  /** The image with its own registry's server in front, when it has one (Kamal's {@code image}). */
  public String fullImage() {
    return registry == null || registry.server() == null ? image : registry.server() + "/" + image;
  }

  /** Whether it runs behind kamal-proxy: {@code proxy:} set and not false or empty (Ruby's {@code present?}). */
  public boolean runsProxy() {
    return Boolean.TRUE.equals(proxy) || proxy instanceof Map<?, ?> map && !map.isEmpty();
  }

  /**
   * Kamal's {@code optionize} input: {@code options} without {@code restart}, a list repeated per item; the value is
   * null for a bare flag ({@code true}) and Ruby's {@code to_s} otherwise.
   */
  public List<Map.Entry<String, String>> dockerOptions() {
    List<Map.Entry<String, String>> pairs = new java.util.ArrayList<>();
    options.forEach((key, value) -> {
      if (key.equals("restart")) {
        return;
      }
      List<?> values = value instanceof List<?> list ? list : java.util.Collections.singletonList(value);
      for (Object item : values) {
        pairs.add(new java.util.AbstractMap.SimpleImmutableEntry<>(key,
            Boolean.TRUE.equals(item) ? null : item == null ? "" : Scalars.toS(item)));
      }
    });
    return pairs;
  }

  /** The port kamal-proxy forwards to: {@code proxy: app_port:}, default 80. */
  public String proxyAppPort() {
    Object port = proxy instanceof Map<?, ?> map ? map.get("app_port") : null;
    return port == null ? "80" : Scalars.toS(port);
  }

  /** {@code options: restart:}, else Docker's {@code unless-stopped}. */
  public String restartPolicy() {
    Object restart = options.get("restart");
    return restart == null ? "unless-stopped" : Scalars.toS(restart);
  }
}
