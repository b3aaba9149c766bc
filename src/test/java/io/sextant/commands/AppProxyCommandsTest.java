package io.sextant.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.config.ConfigLoader;
import io.sextant.config.ConfigRequest;
import io.sextant.config.DeployConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden {@code kamal-proxy} command lines, each for a configuration loaded from YAML as a user writes it. The
 * expected strings are Kamal 2.12.0's (file:line cited per test, {@code K:} = basecamp/kamal at v2.12.0), in
 * Sextant's quoting: Kamal writes {@code --target="172.1.0.2:80"}, which the remote shell reads as the word
 * {@code --target=172.1.0.2:80}; Sextant writes that word bare, or single-quoted when it needs quotes.
 */
class AppProxyCommandsTest {
  @TempDir Path dir;

  /** The tail every deploy line ends with when logging is not configured (K:lib/kamal/configuration/proxy.rb:4,91). */
  private static final String DEFAULT_TAIL = " --buffer-requests --buffer-responses"
      + " --log-request-header=Cache-Control --log-request-header=Last-Modified --log-request-header=User-Agent";

  /** K:test/commands/app_test.rb:6 (service app, image dhh/app, roles web and workers), plus {@code extra}. */
  private DeployConfig load(String extra) throws IOException {
    return load(extra, null);
  }

  private DeployConfig load(String extra, String destination) throws IOException {
    Path file = dir.resolve("config/deploy.yml");
    Files.createDirectories(file.getParent());
    String servers = extra.contains("servers:") ? "" : "servers:\n  web: [1.1.1.1]\n  workers: [1.1.1.2]\n";
    Files.writeString(file, "service: app\nimage: dhh/app\nregistry:\n  username: dhh\n  password: secret\n"
        + "builder:\n  arch: amd64\n" + servers + extra);
    if (destination != null) {
      Files.writeString(dir.resolve("config/deploy." + destination + ".yml"), "drain_timeout: 30\n");
    }
    return ConfigLoader.load(new ConfigRequest(dir, null, destination, "999", Map.of())).config();
  }

  private AppProxyCommands web(DeployConfig config) {
    return AppProxyCommands.of(config, config.role("web").orElseThrow(), "999");
  }

  @Test
  void deployWithDefaults() throws IOException {
    // K:test/commands/app_test.rb:142-146
    assertThat(web(load("")).deploy("172.1.0.2")).isEqualTo(
        "docker exec kamal-proxy kamal-proxy deploy app-web --target=172.1.0.2:80"
            + " --deploy-timeout=30s --drain-timeout=30s" + DEFAULT_TAIL);
  }

  @Test
  void deployWithSslAndHost() throws IOException {
    // K:test/commands/app_test.rb:148-154
    assertThat(web(load("proxy:\n  ssl: true\n  host: example.com\n")).deploy("172.1.0.2")).isEqualTo(
        "docker exec kamal-proxy kamal-proxy deploy app-web --target=172.1.0.2:80 --host=example.com --tls"
            + " --deploy-timeout=30s --drain-timeout=30s" + DEFAULT_TAIL);
  }

  @Test
  void deployWithSslTargetingSeveralHosts() throws IOException {
    // K:test/commands/app_test.rb:156-162
    assertThat(web(load("proxy:\n  ssl: true\n  hosts: [example.com, anotherexample.com]\n")).deploy("172.1.0.2"))
        .isEqualTo("docker exec kamal-proxy kamal-proxy deploy app-web --target=172.1.0.2:80 --host=example.com"
            + " --host=anotherexample.com --tls --deploy-timeout=30s --drain-timeout=30s" + DEFAULT_TAIL);
  }

  @Test
  void deployWithSeveralHostsInOneHostKey() throws IOException {
    // K:test/configuration/proxy_test.rb:16-19; split at commas: K:lib/kamal/configuration/proxy.rb:28-30
    assertThat(web(load("proxy:\n  ssl: true\n  host: example.com,anotherexample.com\n")).deploy("172.1.0.2"))
        .isEqualTo("docker exec kamal-proxy kamal-proxy deploy app-web --target=172.1.0.2:80 --host=example.com"
            + " --host=anotherexample.com --tls --deploy-timeout=30s --drain-timeout=30s" + DEFAULT_TAIL);
  }

  @Test
  void deployWithSslFalse() throws IOException {
    // K:test/commands/app_test.rb:164-170
    assertThat(web(load("proxy:\n  ssl: false\n")).deploy("172.1.0.2")).isEqualTo(
        "docker exec kamal-proxy kamal-proxy deploy app-web --target=172.1.0.2:80"
            + " --deploy-timeout=30s --drain-timeout=30s" + DEFAULT_TAIL);
  }

  @Test
  void deployWithCustomCertificates() throws IOException {
    // K:test/configuration/proxy_test.rb:66-81 (tls true, the paths) with the role directory of
    // K:test/cli/app_test.rb:251-252 (a role's proxy has role_name, K:lib/kamal/configuration/proxy.rb:117-119)
    DeployConfig config = load(
        "proxy:\n  host: example.com\n  ssl:\n    certificate_pem: CERT_PEM\n    private_key_pem: KEY_PEM\n");
    assertThat(web(config).deploy("172.1.0.2")).isEqualTo(
        "docker exec kamal-proxy kamal-proxy deploy app-web --target=172.1.0.2:80 --host=example.com --tls"
            + " --tls-certificate-path=/home/kamal-proxy/.apps-config/app/tls/web/cert.pem"
            + " --tls-private-key-path=/home/kamal-proxy/.apps-config/app/tls/web/key.pem"
            + " --deploy-timeout=30s --drain-timeout=30s" + DEFAULT_TAIL);
  }

  @Test
  void customCertificatesLiveInTheRolesTlsDirectory() throws IOException {
    // K:test/cli/app_test.rb:249-250 (mkdir, upload to tls/web/cert.pem); key.pem: K:lib/kamal/configuration/proxy.rb:54-56
    AppProxyCommands web = web(load(
        "proxy:\n  host: example.com\n  ssl:\n    certificate_pem: CERT_PEM\n    private_key_pem: KEY_PEM\n"));
    assertThat(web.createSslDirectory()).isEqualTo("mkdir -p .kamal/proxy/apps-config/app/tls/web");
    assertThat(web.hostTlsCert()).isEqualTo(".kamal/proxy/apps-config/app/tls/web/cert.pem");
    assertThat(web.hostTlsKey()).isEqualTo(".kamal/proxy/apps-config/app/tls/web/key.pem");
  }

  @Test
  void deployWithResponseTimeoutAndDeployTimeout() throws IOException {
    // K:test/cli/app_test.rb:555-561 with K:test/fixtures/deploy_with_proxy_roles.yml
    DeployConfig config = load("servers:\n  web: [1.1.1.1, 1.1.1.2]\n  web2:\n    hosts: [1.1.1.3, 1.1.1.4]\n"
        + "    proxy:\n      response_timeout: 15\nproxy:\n  response_timeout: 10\ndeploy_timeout: 6\n");
    assertThat(web(config).deploy("123")).isEqualTo(
        "docker exec kamal-proxy kamal-proxy deploy app-web --target=123:80 --deploy-timeout=6s --drain-timeout=30s"
            + " --target-timeout=10s" + DEFAULT_TAIL);
    assertThat(AppProxyCommands.of(config, config.role("web2").orElseThrow(), "999").deploy("123")).isEqualTo(
        "docker exec kamal-proxy kamal-proxy deploy app-web2 --target=123:80 --deploy-timeout=6s --drain-timeout=30s"
            + " --target-timeout=15s" + DEFAULT_TAIL);
  }

  @Test
  void deployWithHealthcheckAndAppPort() throws IOException {
    // K:lib/kamal/configuration/proxy.rb:20-22 (app_port), :78-80 (health check), :97-99 (target)
    DeployConfig config = load("proxy:\n  app_port: 3000\n  healthcheck:\n    interval: 2\n    timeout: 4\n"
        + "    path: /health\ndrain_timeout: 5\n");
    assertThat(web(config).deploy("abc123")).isEqualTo(
        "docker exec kamal-proxy kamal-proxy deploy app-web --target=abc123:3000 --deploy-timeout=30s"
            + " --drain-timeout=5s --health-check-interval=2s --health-check-timeout=4s --health-check-path=/health"
            + DEFAULT_TAIL);
  }

  @Test
  void deployWithBufferingOffAndLimits() throws IOException {
    // K:lib/kamal/configuration/proxy.rb:82-86; false is written out by optionize (K:lib/kamal/utils.rb:24-26)
    DeployConfig config = load("proxy:\n  buffering:\n    requests: false\n    responses: false\n"
        + "    memory: 1000000\n    max_request_body: 2000000\n    max_response_body: 3000000\n");
    assertThat(web(config).deploy("abc123")).isEqualTo(
        "docker exec kamal-proxy kamal-proxy deploy app-web --target=abc123:80 --deploy-timeout=30s"
            + " --drain-timeout=30s --buffer-requests=false --buffer-responses=false --buffer-memory=1000000"
            + " --max-request-body=2000000 --max-response-body=3000000 --log-request-header=Cache-Control"
            + " --log-request-header=Last-Modified --log-request-header=User-Agent");
  }

  @Test
  void deployWithPathPrefixes() throws IOException {
    // K:lib/kamal/configuration/proxy.rb:66-68 (path_prefixes, else path_prefix split), :87-88
    DeployConfig config = load("proxy:\n  path_prefix: /api,/admin\n  strip_path_prefix: false\n");
    assertThat(web(config).deploy("abc123")).isEqualTo(
        "docker exec kamal-proxy kamal-proxy deploy app-web --target=abc123:80 --deploy-timeout=30s"
            + " --drain-timeout=30s --buffer-requests --buffer-responses --path-prefix=/api --path-prefix=/admin"
            + " --strip-path-prefix=false --log-request-header=Cache-Control --log-request-header=Last-Modified"
            + " --log-request-header=User-Agent");
    assertThat(web(load("proxy:\n  path_prefixes: [/app]\n  strip_path_prefix: true\n")).deploy("abc123"))
        .contains(" --buffer-responses --path-prefix=/app --strip-path-prefix --log-request-header=Cache-Control");
  }

  @Test
  void deployWithForwardHeadersAndSslRedirect() throws IOException {
    // K:lib/kamal/configuration/proxy.rb:89-90
    DeployConfig config = load(
        "proxy:\n  ssl: true\n  host: example.com\n  forward_headers: true\n  ssl_redirect: false\n");
    assertThat(web(config).deploy("abc123")).isEqualTo(
        "docker exec kamal-proxy kamal-proxy deploy app-web --target=abc123:80 --host=example.com --tls"
            + " --deploy-timeout=30s --drain-timeout=30s --buffer-requests --buffer-responses --forward-headers"
            + " --tls-redirect=false" + " --log-request-header=Cache-Control --log-request-header=Last-Modified"
            + " --log-request-header=User-Agent");
  }

  @Test
  void deployWithLoggedHeaders() throws IOException {
    // K:lib/kamal/configuration/proxy.rb:91-92 (the user's request headers replace the default ones)
    DeployConfig config = load("proxy:\n  logging:\n    request_headers: [X-Request-Id, 'Accept Language']\n"
        + "    response_headers: [X-Runtime]\n");
    assertThat(web(config).deploy("abc123")).isEqualTo(
        "docker exec kamal-proxy kamal-proxy deploy app-web --target=abc123:80 --deploy-timeout=30s"
            + " --drain-timeout=30s --buffer-requests --buffer-responses --log-request-header=X-Request-Id"
            + " '--log-request-header=Accept Language' --log-response-header=X-Runtime");
  }

  @Test
  void deployWithDestination() throws IOException {
    // container_prefix: K:lib/kamal/configuration/role.rb:128-130; tls paths under service_and_destination:
    // K:lib/kamal/configuration/proxy/boot.rb:82-104
    DeployConfig config = load(
        "proxy:\n  host: example.com\n  ssl:\n    certificate_pem: CERT_PEM\n    private_key_pem: KEY_PEM\n",
        "staging");
    AppProxyCommands web = web(config);
    assertThat(web.deploy("abc123")).isEqualTo(
        "docker exec kamal-proxy kamal-proxy deploy app-web-staging --target=abc123:80 --host=example.com --tls"
            + " --tls-certificate-path=/home/kamal-proxy/.apps-config/app-staging/tls/web/cert.pem"
            + " --tls-private-key-path=/home/kamal-proxy/.apps-config/app-staging/tls/web/key.pem"
            + " --deploy-timeout=30s --drain-timeout=30s" + DEFAULT_TAIL);
    assertThat(web.remove()).isEqualTo("docker exec kamal-proxy kamal-proxy remove app-web-staging");
    assertThat(web.removeProxyAppDirectory()).isEqualTo("rm -r .kamal/proxy/apps-config/app-staging");
  }

  @Test
  void deployWithErrorPages() throws IOException {
    // K:lib/kamal/configuration/proxy.rb:93,125-127 with K:lib/kamal/configuration/proxy/boot.rb:94-96
    DeployConfig config = load("error_pages_path: public\n");
    assertThat(web(config).deploy("abc123")).isEqualTo(
        "docker exec kamal-proxy kamal-proxy deploy app-web --target=abc123:80 --deploy-timeout=30s"
            + " --drain-timeout=30s" + DEFAULT_TAIL + " --error-pages=/home/kamal-proxy/.apps-config/app/error_pages/999");
  }

  @Test
  void errorPagesDirectoryAndCleanUp() throws IOException {
    // K:lib/kamal/commands/app/error_pages.rb:2-8; K:test/cli/app_test.rb:232,236
    AppProxyCommands web = web(load("error_pages_path: public\n"));
    assertThat(web.errorPagesDirectory()).isEqualTo(".kamal/proxy/apps-config/app/error_pages");
    assertThat(web.createErrorPagesDirectory()).isEqualTo("mkdir -p .kamal/proxy/apps-config/app/error_pages");
    assertThat(web.cleanUpErrorPages()).isEqualTo("find .kamal/proxy/apps-config/app/error_pages -mindepth 1"
        + " -maxdepth 1 '!' -name 999 -exec rm -rf '{}' +");
  }

  @Test
  void roleProxySettingsAreMergedOverTheRootOnes() throws IOException {
    // K:test/configuration/role_test.rb:315-321; the role's map wins: K:lib/kamal/configuration/proxy.rb:112-114
    DeployConfig config = load("servers:\n  web: [1.1.1.1]\n  workers:\n    hosts: [1.1.1.2]\n"
        + "    proxy:\n      response_timeout: 18\n      host: workers.example.com\n"
        + "proxy:\n  response_timeout: 15\n  app_port: 3000\n");
    assertThat(web(config).deploy("c1")).contains(" --target=c1:3000 ").contains(" --target-timeout=15s ");
    assertThat(AppProxyCommands.of(config, config.role("workers").orElseThrow(), "999").deploy("c1")).isEqualTo(
        "docker exec kamal-proxy kamal-proxy deploy app-workers --target=c1:3000 --host=workers.example.com"
            + " --deploy-timeout=30s --drain-timeout=30s --target-timeout=18s" + DEFAULT_TAIL);
  }

  @Test
  void removeLiveAndMaintenance() throws IOException {
    AppProxyCommands web = web(load(""));
    // K:test/commands/app_test.rb:172-176
    assertThat(web.remove()).isEqualTo("docker exec kamal-proxy kamal-proxy remove app-web");
    // K:test/commands/app_test.rb:578-582
    assertThat(web.live()).isEqualTo("docker exec kamal-proxy kamal-proxy resume app-web");
    // K:test/commands/app_test.rb:584-588
    assertThat(web.maintenance(null, null)).isEqualTo("docker exec kamal-proxy kamal-proxy stop app-web");
    // K:test/commands/app_test.rb:590-594
    assertThat(web.maintenance(10, "Hi")).isEqualTo(
        "docker exec kamal-proxy kamal-proxy stop app-web --drain-timeout=10s --message=Hi");
    assertThat(web.maintenance(10, "Back at 5 o'clock")).isEqualTo(
        "docker exec kamal-proxy kamal-proxy stop app-web --drain-timeout=10s '--message=Back at 5 o'\\''clock'");
    // K:test/commands/app_test.rb:596-600
    assertThat(web.removeProxyAppDirectory()).isEqualTo("rm -r .kamal/proxy/apps-config/app");
    // K:lib/kamal/cli/app.rb:306-314: both removals on one host, neither raising on a non-zero exit
    assertThat(new AppCommands("app", null, "dhh/app", "web", "999").removeAppDirectories(web))
        .isEqualTo("rm -r .kamal/apps/app ; rm -r .kamal/proxy/apps-config/app ; true");
  }

  @Test
  void startRegistersTheRunningContainerAgain() throws IOException {
    // K:lib/kamal/cli/app.rb:51-57 (the endpoint of the running container, Kamal's error when there is none) and
    // K:test/cli/app_test.rb:256-259 (the deploy line with that container as target)
    DeployConfig config = load("");
    AppCommands app = AppCommands.of(config, config.role("web").orElseThrow(), "999");
    assertThat(web(config).deployCurrent(app)).isEqualTo("id=$(" + app.currentRunningContainerId()
        + ") && [ -n \"$id\" ] || { echo 'Failed to get endpoint for web, did the container boot?' >&2; exit 1; };"
        + " docker exec kamal-proxy kamal-proxy deploy app-web \"--target=$id:80\" --deploy-timeout=30s"
        + " --drain-timeout=30s" + DEFAULT_TAIL);
  }

  @Test
  void stopRemovesTheRoleFromTheProxyWhenAContainerRuns() throws IOException {
    // K:lib/kamal/cli/app.rb:69-75 (remove only when an endpoint is found, failure ignored)
    DeployConfig config = load("");
    AppCommands app = AppCommands.of(config, config.role("web").orElseThrow(), "999");
    assertThat(web(config).removeCurrent(app)).isEqualTo("[ -z \"$(" + app.currentRunningContainerId() + ")\" ]"
        + " || docker exec kamal-proxy kamal-proxy remove app-web || true");
  }

  @Test
  void deployThenStopsThePreviousContainerInTheSameExec() throws IOException {
    // Kamal runs the stop of the old version as its own command right after the deploy
    // (K:lib/kamal/cli/app/boot.rb:29-31,70-71); here it follows in the same exec, its failure reported, not fatal.
    assertThat(web(load("")).deployThen("abc123", "docker stop old")).isEqualTo(
        "docker exec kamal-proxy kamal-proxy deploy app-web --target=abc123:80 --deploy-timeout=30s"
            + " --drain-timeout=30s" + DEFAULT_TAIL
            + " && { { docker stop old; } >/dev/null </dev/null || echo \"onHealthy-failed $?\"; }");
  }
}
