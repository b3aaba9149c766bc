package io.sextant.deploy;

import io.sextant.commands.EnvFile;
import io.sextant.config.Accessory;
import io.sextant.config.ConfigurationException;
import io.sextant.config.DeployConfig;
import io.sextant.config.HostSelection;
import io.sextant.config.ProxyConfig;
import io.sextant.config.RegistryConfig;
import io.sextant.config.Role;
import io.sextant.config.Secrets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The secrets a command will look up, checked before it runs anything: the registry login (build and pull), the
 * build secrets, the env secrets of every selected role on its selected hosts (its host tags included), and the
 * custom TLS certificate and key of each selected role behind kamal-proxy, the accessories' env secrets and registry
 * logins where accessories boot. Kamal
 * finds a missing one only when it needs the value, after hooks have run and, for the env, under the lock.
 */
final class SecretsNeeded {
  private final DeployConfig config;
  private final HostSelection selection;

  SecretsNeeded(DeployConfig config, HostSelection selection) {
    this.config = config;
    this.selection = selection;
  }

  /** {@code <key>: Secret 'X' not found in ...} for each missing one; the secrets are read only if one is needed. */
  List<String> missing(Supplier<Secrets> secrets, Set<Preflight.Need> needs) {
    Map<String, List<String>> wanted = new java.util.LinkedHashMap<>();
    RegistryConfig registry = config.registry();
    // Sextant logs in wherever a username is set (a local registry has none).
    boolean login = (needs.contains(Preflight.Need.BUILD) || needs.contains(Preflight.Need.PULL)
        || needs.contains(Preflight.Need.REGISTRY))
        && registry != null && registry.username() != null;
    if (login) {
      want(wanted, "registry/username", registry.username());
      want(wanted, "registry/password", registry.password());
    }
    if (needs.contains(Preflight.Need.BUILD)) {
      config.builder().secrets().forEach(name -> wanted.computeIfAbsent("builder/secrets", k -> new ArrayList<>())
          .add(name));
    }
    if (needs.contains(Preflight.Need.BOOT)) {
      for (Role role : selection.selectedRoles(config)) {
        List<String> names = wanted.computeIfAbsent("env/secret (role " + role.name() + ")", k -> new ArrayList<>());
        for (String host : selection.rolesToHosts().getOrDefault(role.name(), List.of())) {
          EnvFile.env(config, role, host).secretKeys().values().stream().filter(name -> !names.contains(name))
              .forEach(names::add);
        }
        ProxyConfig proxy = config.runsProxy(role) ? config.appProxy(role) : null;
        if (proxy != null && proxy.customSslCertificate()) {
          // Uploaded to the hosts before the roles boot (Kamal finds a missing one only then, under the lock).
          wanted.computeIfAbsent("proxy/ssl (role " + role.name() + ")", k -> new ArrayList<>())
              .addAll(List.of(proxy.certificatePem(), proxy.privateKeyPem()));
        }
      }
    }
    if (needs.contains(Preflight.Need.SETUP) || needs.contains(Preflight.Need.ACCESSORIES)) {
      for (Accessory accessory : config.accessories()) {
        String key = "accessories/" + accessory.name();
        wanted.computeIfAbsent(key + "/env/secret", k -> new ArrayList<>())
            .addAll(accessory.env().secretKeys().values());
        RegistryConfig own = accessory.registry() != null ? accessory.registry() : registry;
        if (own != null && own.username() != null && !own.isLocal()) {
          String where = accessory.registry() != null ? key + "/registry" : "registry";
          want(wanted, where + "/username", own.username());
          want(wanted, where + "/password", own.password());
        }
      }
    }
    wanted.values().removeIf(List::isEmpty);
    if (wanted.isEmpty()) {
      return List.of();
    }
    Secrets known = secrets.get();
    Set<String> problems = new LinkedHashSet<>();
    wanted.forEach((key, names) -> names.forEach(name -> {
      try {
        known.require(name);
      } catch (ConfigurationException e) {
        problems.add(key + ": " + e.getMessage());
      }
    }));
    return List.copyOf(problems);
  }

  private static void want(Map<String, List<String>> wanted, String key, RegistryConfig.Credential credential) {
    if (credential != null && credential.isSecret()) {
      wanted.computeIfAbsent(key, k -> new ArrayList<>()).add(credential.secretName());
    }
  }
}
