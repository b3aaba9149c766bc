package io.sextant.app;

import io.sextant.commands.AppCommands;
import io.sextant.commands.AssetCommands;
import io.sextant.commands.StepScript;
import io.sextant.config.DeployConfig;
import io.sextant.config.Role;
import io.sextant.console.Console;
import io.sextant.ssh.OutputListener;
import io.sextant.ssh.RemoteResult;
import io.sextant.ssh.SshHosts;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Puts the assets of the version about to boot on every host before any container of it starts (Kamal's
 * {@code Cli::App::Assets}, run by {@code app boot} ahead of the boot groups): for each role on the host that
 * bridges assets, the asset path is copied out of the new image, then the new and the running version's volume
 * directories are given each other's files ({@link AssetCommands}). Hosts in parallel, a host's roles one after
 * the other; the first failure on a host stops that host, and any failure fails the boot before it starts.
 */
public final class AssetBridge {
  /** The step name of the asset preparation in boot failures. */
  public static final String STEP = "assets";
  private static final String CURRENT = "current";

  private final SshHosts ssh;
  private final Console console;
  private final DeployConfig config;
  private final String version;

  public AssetBridge(SshHosts ssh, Console console, DeployConfig config, String version) {
    this.ssh = Objects.requireNonNull(ssh);
    this.console = Objects.requireNonNull(console);
    this.config = Objects.requireNonNull(config);
    this.version = Objects.requireNonNull(version);
  }

  /**
   * Prepares the assets of those of {@code roles} that bridge them, on the {@code hosts} each runs on.
   *
   * @throws AppBootException naming every host and role where it failed
   */
  public void prepare(List<String> hosts, List<Role> roles) {
    List<Role> bridging = roles.stream().filter(role -> AssetCommands.bridges(config, role)).toList();
    List<String> targets = hosts.stream()
        .filter(host -> bridging.stream().anyMatch(role -> role.hostNames().contains(host))).toList();
    if (targets.isEmpty()) {
      return;
    }
    List<BootFailure> failures = new ArrayList<>();
    for (Optional<BootFailure> failure : HostTasks.forEach(targets, host -> prepareOn(host, bridging),
        (host, e) -> Optional.of(new BootFailure(host, "*", STEP, HostTasks.reason(e))))) {
      failure.ifPresent(failures::add);
    }
    if (!failures.isEmpty()) {
      throw new AppBootException(failures);
    }
  }

  private Optional<BootFailure> prepareOn(String host, List<Role> roles) {
    for (Role role : roles) {
      if (!role.hostNames().contains(host)) {
        continue;
      }
      AssetCommands assets = AssetCommands.of(config, role, version).orElseThrow();
      AppCommands app = assets.app();
      console.info(host + ": extracting the assets of " + app.containerName());
      // One exec for the extraction and the lookup of the running version, whose volume gets the new files.
      StepScript extract = new StepScript(STEP)
          .run("extraction of the assets", assets.extract())
          .captureOrEmpty("current version", CURRENT, app.currentRunningVersion());
      OutputListener shown = ssh.listener();
      RemoteResult extracted = ssh.run(host, extract.render(), null, (from, stderr, line) -> {
        if (stderr || !StepScript.isValueLine(line)) {
          shown.line(from, stderr, line);
        }
      });
      StepScript.Outcome outcome = extract.read(extracted.exitCode(), extracted.stdout(), extracted.stderr());
      if (!outcome.ok()) {
        return Optional.of(failure(host, role, outcome.failedStep(), outcome.exitCode(), outcome.error()));
      }
      RemoteResult synced = ssh.run(host, assets.syncVolumes(outcome.value(CURRENT)));
      if (!synced.ok()) {
        return Optional.of(failure(host, role, "sync of the asset volumes", synced.exitCode(),
            synced.lastErrorLine()));
      }
    }
    return Optional.empty();
  }

  private static BootFailure failure(String host, Role role, String what, int exitCode, String error) {
    String exit = "exit " + exitCode;
    return new BootFailure(host, role.name(), STEP, what + ": " + (error.isEmpty() ? exit : exit + ": " + error));
  }
}
