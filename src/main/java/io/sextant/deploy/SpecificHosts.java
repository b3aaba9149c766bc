package io.sextant.deploy;

import io.sextant.build.BuildFlags;
import io.sextant.config.DeployConfig;
import io.sextant.config.HostSelection;
import io.sextant.config.Secrets;
import io.sextant.console.Console;
import io.sextant.hooks.HookContext;
import io.sextant.hooks.HookRunner;
import io.sextant.lock.DeployLock;
import io.sextant.process.Interruption;
import io.sextant.ssh.SshHosts;
import java.nio.file.Path;
import java.util.List;

/**
 * A flow context that sees only some of its parent's hosts (Kamal's {@code KAMAL.with_specific_hosts}): the flows
 * run on it work on that group, with the parent's hooks, lock and connections.
 */
final class SpecificHosts implements FlowContext {
  private final FlowContext parent;
  private final HostSelection selection;

  SpecificHosts(FlowContext parent, List<String> hosts) {
    this.parent = parent;
    this.selection = parent.selection().only(hosts);
  }

  @Override
  public HostSelection selection() {
    return selection;
  }

  @Override
  public Console console() {
    return parent.console();
  }

  @Override
  public DeployConfig config() {
    return parent.config();
  }

  @Override
  public Secrets secrets() {
    return parent.secrets();
  }

  @Override
  public String version() {
    return parent.version();
  }

  @Override
  public HookRunner hooks() {
    return parent.hooks();
  }

  @Override
  public HookContext hookContext() {
    return parent.hookContext();
  }

  @Override
  public SshHosts ssh() {
    return parent.ssh();
  }

  @Override
  public DeployLock lock() {
    return parent.lock();
  }

  @Override
  public io.sextant.ssh.SshSettings sshSettings() {
    return parent.sshSettings();
  }

  @Override
  public SshHosts sshWith(io.sextant.ssh.SshSettings settings) {
    return parent.sshWith(settings);
  }

  @Override
  public void connectEarly(List<String> hosts) {
    parent.connectEarly(hosts);
  }

  @Override
  public Interruption interruption() {
    return parent.interruption();
  }

  @Override
  public Path workingDir() {
    return parent.workingDir();
  }

  @Override
  public BuildFlags buildFlags() {
    return parent.buildFlags();
  }
}
