package kamalproxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;

/**
 * The services and what the control commands do to them (kamal-proxy's router): deploy waits for health outside
 * the lock, swaps the active group under it, then drains the old group; every change is saved to the state file.
 */
final class Router {
  private final Map<String, Service> services = new TreeMap<>();
  private final Map<String, Certificates.Pair> certificates = new TreeMap<>();
  private final Certificates tls = new Certificates();
  private final StateFile stateFile;
  private final Executor executor;
  private volatile Routes routes = Routes.of(List.of());

  Router(StateFile stateFile, Executor executor) {
    this.stateFile = stateFile;
    this.executor = executor;
  }

  Routes routes() {
    return routes;
  }

  /** The custom certificates of the TLS services, for the HTTPS listener. */
  Certificates tls() {
    return tls;
  }

  void deploy(DeployOptions options, List<String> args) throws ProxyException, InterruptedException {
    checkTargets(options.targets());
    checkTargets(options.readers());
    Log.info("Deploying", "service", options.service(), "targets", options.targets(), "hosts", options.hosts(),
        "paths", options.pathPrefixes(), "tls", options.tls());
    TargetGroup group = new TargetGroup(options.targets(), executor);
    if (!options.force()) {
      group.awaitHealthy(options);
    }
    TargetGroup replaced = install(options, args, group);
    if (replaced != null) {
      replaced.drain(options.drainTimeout());
    }
    Log.info("Deployed", "service", options.service(), "targets", options.targets(), "hosts", options.hosts(),
        "paths", options.pathPrefixes(), "tls", options.tls());
  }

  private synchronized TargetGroup install(DeployOptions options, List<String> args, TargetGroup group)
      throws ProxyException {
    Service conflict = routes.conflict(options.service(), options);
    if (conflict != null) {
      Log.error("Host settings conflict with another service", "service", conflict.name());
      throw new ProxyException("host settings conflict with another service");
    }
    Certificates.Pair certificate = ServiceFiles.check(options);
    Service service = services.get(options.service());
    TargetGroup replaced = null;
    if (service == null) {
      services.put(options.service(), new Service(options.service(), options, args, group));
    } else {
      replaced = service.replace(options, args, group);
    }
    setCertificate(options.service(), certificate);
    changed();
    return replaced;
  }

  synchronized void remove(String name) throws ProxyException {
    service(name);
    services.remove(name);
    setCertificate(name, null);
    changed();
  }

  void stop(String name, Duration drainTimeout, String message) throws ProxyException, InterruptedException {
    suspend(name, drainTimeout, service -> service.stop(message));
    Log.info("Service stopped", "service", name);
  }

  void pause(String name, Duration drainTimeout, Duration pauseTimeout) throws ProxyException, InterruptedException {
    suspend(name, drainTimeout, service -> service.pause(pauseTimeout));
    Log.info("Service paused", "service", name);
  }

  /** Stops or pauses a service, then waits for its in-flight requests (at most {@code drainTimeout}). */
  private void suspend(String name, Duration drainTimeout, java.util.function.Consumer<Service> change)
      throws ProxyException, InterruptedException {
    Service service;
    synchronized (this) {
      service = service(name);
      change.accept(service);
      changed();
    }
    service.active().drain(drainTimeout);
  }

  synchronized void resume(String name) throws ProxyException {
    service(name).resume();
    changed();
    Log.info("Service resumed", "service", name);
  }

  /** kamal-proxy's {@code list} table (its ANSI styles included: italic header, bold service names). */
  synchronized String list() {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("Service", "Host", "Path", "Target", "State", "TLS"));
    for (Service service : services.values()) {
      DeployOptions options = service.options();
      String host = String.join(",", options.hosts());
      rows.add(List.of(service.name(), host.isEmpty() ? "*" : host, String.join(",", options.pathPrefixes()),
          String.join(",", service.active().addresses()), service.state().name().toLowerCase(),
          options.tls() ? "yes" : "no"));
    }
    return Table.render(rows);
  }

  /** Restores the saved services without health checks (kamal-proxy restores its state the same way). */
  synchronized void restore() {
    for (StateFile.Entry entry : stateFile.read()) {
      try {
        DeployOptions options = DeployOptions.from(Cli.parse(entry.deployArgs()));
        Service service = new Service(options.service(), options, entry.deployArgs(),
            new TargetGroup(options.targets(), executor));
        switch (entry.state()) {
          case STOPPED: service.stop(entry.message()); break;
          case PAUSED: service.pause(entry.pauseTimeout()); break;
          default: break;
        }
        setCertificate(options.service(), ServiceFiles.check(options));
        services.put(options.service(), service);
      } catch (Cli.UsageException | Cli.HelpRequested | ProxyException e) {
        Log.error("Failed to restore service", "args", entry.deployArgs(), "error", e.getMessage());
      }
    }
    routes = Routes.of(services.values());
    tls.update(certificates, routes);
    Log.info("Restored saved state", "path", stateFile.path(), "services", services.size());
  }

  private Service service(String name) throws ProxyException {
    Service service = services.get(name);
    if (service == null) {
      throw new ProxyException("service not found");
    }
    return service;
  }

  private void setCertificate(String name, Certificates.Pair certificate) {
    if (certificate == null) {
      certificates.remove(name);
    } else {
      certificates.put(name, certificate);
    }
  }

  private void changed() {
    routes = Routes.of(services.values());
    tls.update(certificates, routes);
    stateFile.write(services.values());
  }

  private static void checkTargets(List<String> targets) throws ProxyException {
    try {
      DeployOptions.checkTargets(targets);
    } catch (Cli.UsageException e) {
      throw new ProxyException(e.getMessage());
    }
  }
}
