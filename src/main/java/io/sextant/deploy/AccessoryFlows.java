package io.sextant.deploy;

import io.sextant.SextantException;
import io.sextant.commands.AccessoryCommands;
import io.sextant.commands.DockerCommands;
import io.sextant.commands.EnvFile;
import io.sextant.commands.RegistryCommands;
import io.sextant.commands.RemoteFiles;
import io.sextant.config.Accessory;
import io.sextant.config.AccessoryFiles;
import io.sextant.config.AccessoryPath;
import io.sextant.config.DeployConfig;
import io.sextant.config.RegistryConfig;
import io.sextant.ssh.RemoteException;
import io.sextant.ssh.RemoteResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Kamal 2.12's accessory flows (<a href="https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/accessory.rb">cli/accessory.rb</a>):
 * boot, reboot, start, stop, restart, upload, directories and remove, each under the deploy lock (re-entrant, so
 * {@code setup} boots them inside its own), on the accessory's hosts that the command selected ({@code -h},
 * {@code -r}), all hosts in parallel. Files are read (and ERB templates rendered) before anything connects, so a
 * missing file stops the command before a hook, connection or lock.
 */
public final class AccessoryFlows {
  private final FlowContext ctx;

  public AccessoryFlows(FlowContext ctx) {
    this.ctx = ctx;
  }

  /**
   * The accessories {@code name} stands for: {@code all} of them in config order, or the one of that name.
   *
   * @throws SextantException (exit 2) naming the configured ones when there is none of that name, as Kamal words it
   */
  public List<Accessory> named(String name) {
    List<Accessory> accessories = ctx.config().accessories();
    if (name.equals("all")) {
      return accessories;
    }
    return accessories.stream().filter(accessory -> accessory.name().equals(name)).findFirst().map(List::of)
        .orElseThrow(() -> new SextantException("No accessory by the name of '" + name + "'"
            + (accessories.isEmpty() ? "" : " (options: " + sentence(accessories.stream().map(Accessory::name)
                .toList()) + ")"), SextantException.USAGE_OR_CONFIG));
  }

  /** The accessory's hosts that the command selected, in the order of all accessories' hosts (Kamal's). */
  public List<String> hosts(Accessory accessory) {
    List<String> selected = ctx.selection().hosts();
    LinkedHashSet<String> all = new LinkedHashSet<>();
    ctx.config().accessories().forEach(each -> all.addAll(each.hosts()));
    return all.stream().filter(selected::contains).filter(accessory.hosts()::contains).toList();
  }

  public AccessoryCommands commands(Accessory accessory) {
    return AccessoryCommands.of(ctx.config(), accessory);
  }

  /** Reads every file the accessories upload; a missing one is a configuration error, before any connection. */
  public Map<String, List<byte[]>> readFiles(List<Accessory> accessories) {
    Map<String, List<byte[]>> contents = new LinkedHashMap<>();
    for (Accessory accessory : accessories) {
      List<byte[]> files = new ArrayList<>();
      Map<String, String> env = null;
      for (AccessoryPath file : accessory.files()) {
        if (env == null && file.local().endsWith("erb")) {
          env = new LinkedHashMap<>(accessory.env().clear());
          env.putAll(accessory.env().resolveSecrets(ctx.secrets()));
        }
        files.add(AccessoryFiles.content(accessory, file, ctx.workingDir(), processEnvironment(),
            env == null ? Map.of() : env));
      }
      contents.put(accessory.name(), files);
    }
    return contents;
  }

  /** {@code accessory boot}: for each accessory, registry login and network, then its container where none is. */
  public void boot(List<Accessory> accessories) {
    Map<String, List<byte[]>> files = readFiles(accessories);
    ctx.lock().withLock(() -> accessories.forEach(accessory -> {
      prepare(accessory);
      boot(accessory, files.get(accessory.name()));
    }));
  }

  /**
   * {@code accessory reboot}: registry login, image pulled, container stopped and removed, booted again (data in its
   * volumes and directories stays).
   */
  public void reboot(List<Accessory> accessories) {
    Map<String, List<byte[]>> files = readFiles(accessories);
    ctx.lock().withLock(() -> accessories.forEach(accessory -> {
      prepare(accessory);
      onHosts("accessory pull_image", accessory, AccessoryCommands::pullImage);
      stop(accessory);
      onHosts("accessory remove_container", accessory, AccessoryCommands::removeContainer);
      boot(accessory, files.get(accessory.name()));
    }));
  }

  /** {@code accessory start}: the existing container started (and registered with kamal-proxy again). */
  public void start(List<Accessory> accessories) {
    ctx.lock().withLock(() -> accessories.forEach(this::start));
  }

  /** {@code accessory stop}: the container stopped where it runs (and taken out of kamal-proxy). */
  public void stop(List<Accessory> accessories) {
    ctx.lock().withLock(() -> accessories.forEach(this::stop));
  }

  /** {@code accessory restart}: stop, then start, under one lock. */
  public void restart(List<Accessory> accessories) {
    ctx.lock().withLock(() -> accessories.forEach(accessory -> {
      stop(accessory);
      start(accessory);
    }));
  }

  /** {@code accessory upload}: the files uploaded with their modes and owners. */
  public void upload(List<Accessory> accessories) {
    Map<String, List<byte[]>> files = readFiles(accessories);
    ctx.lock().withLock(() -> accessories.forEach(accessory -> upload(accessory, files.get(accessory.name()))));
  }

  /** {@code accessory directories}: the data directories created with their modes and owners. */
  public void directories(List<Accessory> accessories) {
    ctx.lock().withLock(() -> accessories.forEach(this::directories));
  }

  /** {@code accessory remove}: container stopped and removed, image removed, service directory removed. */
  public void remove(List<Accessory> accessories) {
    ctx.lock().withLock(() -> accessories.forEach(accessory -> {
      stop(accessory);
      onHosts("accessory remove_container", accessory, AccessoryCommands::removeContainer);
      onHosts("accessory remove_image", accessory, AccessoryCommands::removeImage);
      onHosts("accessory remove_service_directory", accessory, AccessoryCommands::removeServiceDirectory);
    }));
  }

  /** Kamal's hidden {@code accessory pull_image}: the image pulled, under the lock. */
  public void pullImage(List<Accessory> accessories) {
    onEach(accessories, "accessory pull_image", AccessoryCommands::pullImage);
  }

  /** Kamal's hidden {@code accessory remove_container}: the (stopped) container removed, under the lock. */
  public void removeContainer(List<Accessory> accessories) {
    onEach(accessories, "accessory remove_container", AccessoryCommands::removeContainer);
  }

  /** Kamal's hidden {@code accessory remove_image}, under the lock. */
  public void removeImage(List<Accessory> accessories) {
    onEach(accessories, "accessory remove_image", AccessoryCommands::removeImage);
  }

  /** Kamal's hidden {@code accessory remove_service_directory}: {@code ~/<container name>} removed, under the lock. */
  public void removeServiceDirectory(List<Accessory> accessories) {
    onEach(accessories, "accessory remove_service_directory", AccessoryCommands::removeServiceDirectory);
  }

  private void onEach(List<Accessory> accessories, String step, Function<AccessoryCommands, String> command) {
    ctx.lock().withLock(() -> accessories.forEach(accessory -> onHosts(step, accessory, command)));
  }

  /** {@code docker ps} of the accessory, per host. */
  public List<RemoteResult> details(Accessory accessory) {
    return onHosts("accessory details", accessory, AccessoryCommands::info);
  }

  /** Runs {@code command} on the accessory's selected hosts; a failed host fails the step. */
  public List<RemoteResult> onHosts(String step, Accessory accessory, Function<AccessoryCommands, String> command) {
    AccessoryCommands commands = commands(accessory);
    List<String> hosts = hosts(accessory);
    return hosts.isEmpty() ? List.of() : ctx.ssh().runAllOrThrow(step, hosts, host -> command.apply(commands));
  }

  // ---- steps ----

  /** Kamal's {@code prepare}: registry login (the accessory's own registry, else the root one), the network. */
  private void prepare(Accessory accessory) {
    List<String> hosts = hosts(accessory);
    if (hosts.isEmpty()) {
      return;
    }
    loginTo(hosts, accessory.registry() != null ? accessory.registry() : ctx.config().registry());
    ctx.ssh().runAllOrThrow("docker network create", hosts, host -> DockerCommands.ensureNetwork());
  }

  /** {@code docker login} on {@code hosts}, the password on stdin; nothing for a local registry or none. */
  public void loginTo(List<String> hosts, RegistryConfig registry) {
    if (registry.isLocal() || registry.password() == null) {
      return;
    }
    RegistryCommands login = RegistryCommands.of(registry, ctx.secrets()).orElse(null);
    if (login == null) {
      return;
    }
    byte[] password = registry.password().resolve(ctx.secrets()).getBytes(StandardCharsets.UTF_8);
    List<RemoteResult> failed = new ArrayList<>();
    for (String host : hosts) {
      RemoteResult result = ctx.ssh().run(host, login.login(), password);
      if (!result.ok()) {
        failed.add(result);
      }
    }
    if (!failed.isEmpty()) {
      throw new RemoteException("docker login", failed);
    }
  }

  private void boot(Accessory accessory, List<byte[]> files) {
    AccessoryCommands commands = commands(accessory);
    List<String> hosts = new ArrayList<>(hosts(accessory));
    if (hosts.isEmpty()) {
      return;
    }
    List<String> booted = ctx.ssh().runAllOrThrow("accessory boot", hosts, host -> commands.info(true, true))
        .stream().filter(result -> !result.stdout().isBlank()).map(RemoteResult::host).sorted().toList();
    if (!booted.isEmpty()) {
      ctx.console().info("Skipping booting `" + accessory.name() + "` on " + String.join(", ", booted)
          + ", a container already exists");
      hosts.removeAll(booted);
    }
    directories(accessory);
    upload(accessory, files);
    if (hosts.isEmpty()) {
      return;
    }
    byte[] envFile = EnvFile.render(accessory.env().resolveSecrets(ctx.secrets())).getBytes(StandardCharsets.UTF_8);
    String run = commands.ensureEnvDirectory() + " && " + RemoteFiles.writeStdinTo(commands.secretsPath(), "600");
    List<RemoteResult> failed = new ArrayList<>();
    for (String host : hosts) {
      RemoteResult result = ctx.ssh().run(host, run + " && " + commands.run(host)
          + (accessory.runsProxy() ? " && " + commands.deployRunning() : ""), envFile);
      if (!result.ok()) {
        failed.add(result);
      }
    }
    if (!failed.isEmpty()) {
      throw new RemoteException("accessory boot " + accessory.name(), failed);
    }
  }

  private void start(Accessory accessory) {
    onHosts("accessory start", accessory, commands -> commands.start()
        + (accessory.runsProxy() ? " && " + commands.deployRunning() : ""));
  }

  /** Stops the container; a host where none runs is fine (as Kamal), but every host must have been reached. */
  private void stop(Accessory accessory) {
    AccessoryCommands commands = commands(accessory);
    List<String> hosts = hosts(accessory);
    if (hosts.isEmpty()) {
      return;
    }
    List<RemoteResult> unreached = ctx.ssh().runAll(hosts, host -> commands.stop()
            + (accessory.runsProxy() ? " ; " + commands.remove() + " >/dev/null 2>&1" : "")).stream()
        .filter(result -> result.exitCode() == RemoteResult.NOT_RUN).toList();
    if (!unreached.isEmpty()) {
      throw new RemoteException("accessory stop", unreached);
    }
  }

  private void upload(Accessory accessory, List<byte[]> contents) {
    AccessoryCommands commands = commands(accessory);
    List<String> hosts = hosts(accessory);
    for (int i = 0; i < accessory.files().size(); i++) {
      AccessoryPath file = accessory.files().get(i);
      String remote = commands.hostPath(file);
      String line = commands.makeDirectoryFor(remote) + " && " + RemoteFiles.writeStdinTo(remote, "600") + " && "
          + commands.chmod(file.mode(), remote) + (file.owner() == null ? "" : " && " + commands.chown(file.owner(), remote));
      List<RemoteResult> failed = new ArrayList<>();
      for (String host : hosts) {
        RemoteResult result = ctx.ssh().run(host, line, contents.get(i));
        if (!result.ok()) {
          failed.add(result);
        }
      }
      if (!failed.isEmpty()) {
        throw new RemoteException("accessory upload " + accessory.name() + " " + file.local(), failed);
      }
    }
  }

  private void directories(Accessory accessory) {
    if (accessory.directories().isEmpty()) {
      return;
    }
    List<String> lines = new ArrayList<>();
    AccessoryCommands commands = commands(accessory);
    for (AccessoryPath directory : accessory.directories()) {
      String path = commands.directoryPath(directory);
      lines.add(commands.makeDirectory(path));
      if (directory.mode() != null) {
        lines.add(commands.chmod(directory.mode(), path));
      }
      if (directory.owner() != null) {
        lines.add(commands.chown(directory.owner(), path));
      }
    }
    onHosts("accessory directories", accessory, ignored -> String.join(" && ", lines));
  }

  /** The environment ERB templates see: this process's, with {@code KAMAL_DESTINATION} as the configuration's. */
  private Map<String, String> processEnvironment() {
    Map<String, String> env = new HashMap<>(io.sextant.invocation.Invocation.current().environment());
    DeployConfig config = ctx.config();
    if (config.destination() != null) {
      env.put("KAMAL_DESTINATION", config.destination());
    } else {
      env.remove("KAMAL_DESTINATION");
    }
    return env;
  }

  /** Ruby's {@code to_sentence}: {@code a}, {@code a and b}, {@code a, b, and c}. */
  static String sentence(List<String> words) {
    if (words.size() <= 2) {
      return String.join(" and ", words);
    }
    return String.join(", ", words.subList(0, words.size() - 1)) + ", and " + words.get(words.size() - 1);
  }
}
