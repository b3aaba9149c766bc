package io.sextant.app;

import io.sextant.commands.AppProxyCommands;
import io.sextant.commands.RemoteFiles;
import io.sextant.commands.Shell;
import io.sextant.config.DeployConfig;
import io.sextant.config.ProxyConfig;
import io.sextant.config.Role;
import io.sextant.config.Secrets;
import io.sextant.console.Console;
import io.sextant.ssh.RemoteResult;
import io.sextant.ssh.SshHosts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files kamal-proxy reads from its apps config volume, put on every host before any role boots there (Kamal's
 * {@code Cli::App::ErrorPages} and {@code Cli::App::SslCertificates}): the {@code 4xx.html}/{@code 5xx.html} pages
 * of {@code error_pages_path}, in a directory per version, and the custom TLS certificate and key of each role
 * behind the proxy, from the secrets. Certificate and key are written mode 0644 as Kamal writes them: kamal-proxy
 * reads them as its own (unprivileged) user inside its container.
 */
final class ProxyFiles {
  private static final Pattern ERROR_PAGE = Pattern.compile("[45]..\\.html");

  private final SshHosts ssh;
  private final Console console;
  private final DeployConfig config;
  private final Secrets secrets;
  private final String version;
  private final Path workingDir;

  ProxyFiles(SshHosts ssh, Console console, DeployConfig config, Secrets secrets, String version, Path workingDir) {
    this.ssh = Objects.requireNonNull(ssh);
    this.console = Objects.requireNonNull(console);
    this.config = Objects.requireNonNull(config);
    this.secrets = Objects.requireNonNull(secrets);
    this.version = Objects.requireNonNull(version);
    this.workingDir = Objects.requireNonNull(workingDir);
  }

  /** Uploads the files on {@code hosts} (in parallel) for the {@code roles} each host runs. */
  void upload(List<String> hosts, List<Role> roles) {
    List<Path> pages = errorPages();
    List<BootFailure> failures = new ArrayList<>();
    for (List<BootFailure> failed : HostTasks.forEach(hosts, host -> uploadTo(host, roles, pages),
        (host, e) -> List.of(new BootFailure(host, "*", "proxy files", HostTasks.reason(e))))) {
      failures.addAll(failed);
    }
    if (!failures.isEmpty()) {
      throw new AppBootException(failures);
    }
  }

  private List<BootFailure> uploadTo(String host, List<Role> roles, List<Path> pages) {
    List<BootFailure> failures = new ArrayList<>();
    Role any = roles.get(0);
    if (!pages.isEmpty()) {
      AppProxyCommands proxy = AppProxyCommands.of(config, any, version);
      String directory = proxy.errorPagesDirectory() + "/" + version;
      check(failures, host, "*", "error pages", ssh.run(host, Shell.join(List.of("mkdir", "-p", directory)), null));
      for (Path page : pages) {
        check(failures, host, "*", "error pages", ssh.run(host,
            RemoteFiles.writeStdinTo(directory + "/" + page.getFileName(), "700"), read(page)));
      }
    }
    for (Role role : roles) {
      if (!role.hostNames().contains(host) || !config.runsProxy(role)) {
        continue;
      }
      ProxyConfig settings = config.appProxy(role);
      if (!settings.customSslCertificate()) {
        continue;
      }
      console.info("Writing SSL certificates for " + role.name() + " on " + host);
      AppProxyCommands proxy = AppProxyCommands.of(config, role, version);
      check(failures, host, role.name(), "ssl certificates", ssh.run(host, proxy.createSslDirectory(), null));
      check(failures, host, role.name(), "ssl certificates", ssh.run(host,
          RemoteFiles.writeStdinTo(proxy.hostTlsCert(), "644"),
          secrets.require(settings.certificatePem()).getBytes(StandardCharsets.UTF_8)));
      check(failures, host, role.name(), "ssl certificates", ssh.run(host,
          RemoteFiles.writeStdinTo(proxy.hostTlsKey(), "644"),
          secrets.require(settings.privateKeyPem()).getBytes(StandardCharsets.UTF_8)));
    }
    return failures;
  }

  private static void check(List<BootFailure> failures, String host, String role, String step, RemoteResult result) {
    if (!result.ok() && failures.isEmpty()) {
      failures.add(new BootFailure(host, role, step, result.lastErrorLine().isEmpty()
          ? "exit " + result.exitCode() : result.lastErrorLine()));
    }
  }

  /** The {@code 4xx.html} and {@code 5xx.html} files of {@code error_pages_path}, by name (none when unset). */
  private List<Path> errorPages() {
    if (config.errorPagesPath() == null) {
      return List.of();
    }
    Path directory = workingDir.resolve(config.errorPagesPath());
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> ERROR_PAGE.matcher(file.getFileName().toString()).matches())
          .filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
