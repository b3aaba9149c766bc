package kamalproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The harness's kamal-proxy accepts and refuses command lines as kamal-proxy v0.9.2 does
 * ({@code internal/cmd/deploy.go}, {@code stop.go}, {@code list.go}, {@code remove.go}; cobra/pflag errors).
 */
class CliTest {
  private static Cli.Invocation parse(String... argv) throws Exception {
    return Cli.parse(List.of(argv));
  }

  private static DeployOptions deploy(String... argv) throws Exception {
    return DeployOptions.from(parse(argv));
  }

  @Test
  void acceptsKamalsDefaultDeployCommand() throws Exception {
    // Kamal v2.12.0 test/cli/app_test.rb:261, after the shell removed the quotes.
    DeployOptions options = deploy("deploy", "app-web", "--target=999:80", "--deploy-timeout=30s",
        "--drain-timeout=30s", "--buffer-requests", "--buffer-responses", "--log-request-header=Cache-Control",
        "--log-request-header=Last-Modified");
    assertThat(options.service()).isEqualTo("app-web");
    assertThat(options.targets()).containsExactly("999:80");
    assertThat(options.hosts()).containsExactly("");
    assertThat(options.pathPrefixes()).containsExactly("/");
    assertThat(options.bufferRequests()).isTrue();
    assertThat(options.bufferResponses()).isTrue();
    assertThat(options.deployTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.logRequestHeaders()).containsExactly("Cache-Control", "Last-Modified");
    assertThat(options.forwardHeaders()).isTrue();
    assertThat(options.healthPath()).isEqualTo("/up");
    assertThat(options.healthInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(options.healthTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void takesEveryOptionKamalDerives() throws Exception {
    DeployOptions options = deploy("deploy", "app-web-staging", "--target", "abc:3000",
        "--host=a.example.com", "--host=b.example.com,c.example.com", "--tls",
        "--tls-certificate-path=/home/kamal-proxy/.apps-config/app/tls/web/cert.pem",
        "--tls-private-key-path=/home/kamal-proxy/.apps-config/app/tls/web/key.pem",
        "--deploy-timeout=1m30s", "--drain-timeout=2s", "--health-check-interval=500ms",
        "--health-check-timeout=3s", "--health-check-path=/health", "--target-timeout=10s",
        "--buffer-requests=false", "--buffer-responses=false", "--buffer-memory=2000",
        "--max-request-body=40000000", "--max-response-body=0", "--path-prefix=/api",
        "--path-prefix=/", "--strip-path-prefix=false", "--forward-headers=true", "--tls-redirect=false",
        "--log-response-header=X-Request-Id", "--error-pages=/home/kamal-proxy/.apps-config/app/error_pages/1");
    assertThat(options.hosts()).containsExactly("a.example.com", "b.example.com", "c.example.com");
    assertThat(options.tls()).isTrue();
    assertThat(options.forwardHeaders()).isTrue();
    assertThat(options.deployTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(options.healthInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(options.bufferRequests()).isFalse();
    assertThat(options.maxRequestBody()).isEqualTo(40_000_000L);
    assertThat(options.pathPrefixes()).containsExactly("/api", "/");
    assertThat(options.stripPrefix()).isFalse();
    assertThat(options.tlsRedirect()).isFalse();
    assertThat(options.errorPages()).isEqualTo("/home/kamal-proxy/.apps-config/app/error_pages/1");
  }

  @Test
  void forwardHeadersDefaultsToOffWithTls() throws Exception {
    assertThat(deploy("deploy", "s", "--target=a:80", "--host=x.com", "--tls").forwardHeaders()).isFalse();
  }

  @Test
  void normalisesPathPrefixes() {
    assertThat(DeployOptions.normalizePrefixes(List.of("api/", "/v1//", "/"))).containsExactly("/api", "/v1", "/");
  }

  @Test
  void refusesWhatCobraRefuses() {
    assertRefused("unknown flag: --bogus", "deploy", "s", "--target=a:80", "--bogus");
    assertRefused("unknown shorthand flag: 'x' in -x", "deploy", "s", "--target=a:80", "-x");
    assertRefused("accepts 1 arg(s), received 0", "deploy", "--target=a:80");
    assertRefused("accepts 1 arg(s), received 2", "remove", "a", "b");
    assertRefused("required flag(s) \"target\" not set", "deploy", "s");
    assertRefused("flag needs an argument: --target", "deploy", "s", "--target");
    assertRefused("invalid argument \"soon\" for \"--deploy-timeout\" flag: time: invalid duration \"soon\"",
        "deploy", "s", "--target=a:80", "--deploy-timeout=soon");
    assertRefused("invalid argument \"30\" for \"--drain-timeout\" flag: time: missing unit in duration \"30\"",
        "stop", "s", "--drain-timeout=30");
    assertRefused("invalid argument \"maybe\" for \"--tls\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax",
        "deploy", "s", "--target=a:80", "--tls=maybe");
    assertRefused("unknown command \"extra\" for \"kamal-proxy list\"", "list", "extra");
    assertRefused("unknown command \"frobnicate\" for \"kamal-proxy\"", "frobnicate");
    assertRefused("unknown flag: --message", "resume", "s", "--message=x");
  }

  @Test
  void refusesWhatDeploysPreRunRefuses() {
    assertDeployRefused("max-request-body can only be set when request buffering is enabled",
        "deploy", "s", "--target=a:80", "--max-request-body=10");
    assertDeployRefused("max-response-body can only be set when response buffering is enabled",
        "deploy", "s", "--target=a:80", "--max-response-body=10");
    assertDeployRefused("host must be set when using TLS", "deploy", "s", "--target=a:80", "--tls");
    assertDeployRefused("TLS settings must be specified on the root path service",
        "deploy", "s", "--target=a:80", "--tls", "--host=a.com", "--path-prefix=/api");
    assertDeployRefused("if any flags in the group [tls-certificate-path tls-private-key-path] are set they must all "
        + "be set; missing [tls-private-key-path]", "deploy", "s", "--target=a:80", "--tls-certificate-path=/c");
    assertDeployRefused("canonical-host 'c.com' must be present in the hosts list: [a.com b.com]",
        "deploy", "s", "--target=a:80", "--host=a.com,b.com", "--canonical-host=c.com");
  }

  @Test
  void checksTargetsAsKamalProxyDoes() throws Exception {
    DeployOptions.checkTargets(List.of("0123abcd:80", "app-web-1", "my_app.internal:3000"));
    assertThatThrownBy(() -> DeployOptions.checkTargets(List.of("http://a:80")))
        .hasMessage("http://a:80 :invalid host pattern");
  }

  @Test
  void stopTakesMessageAndDrainTimeout() throws Exception {
    Cli.Invocation stop = parse("stop", "app-web", "--drain-timeout=10s", "--message=Down for maintenance");
    assertThat(stop.args()).containsExactly("app-web");
    assertThat(stop.duration("drain-timeout")).isEqualTo(Duration.ofSeconds(10));
    assertThat(stop.string("message")).isEqualTo("Down for maintenance");
    assertThat(parse("stop", "app-web").string("message")).isEmpty();
  }

  @Test
  void knowsUpstreamsAliasesAndNestedCommands() throws Exception {
    assertThat(parse("rm", "app-web").name()).isEqualTo("remove");
    assertThat(parse("ls").name()).isEqualTo("list");
    assertThat(parse("rollout", "set", "s", "--percent=10").name()).isEqualTo("rollout set");
    assertThat(parse("run", "--http-port=8080", "--debug").number("http-port")).isEqualTo(8080L);
    assertThatThrownBy(() -> parse("--help")).isInstanceOf(Cli.HelpRequested.class);
  }

  @Test
  void laterSliceFlagsAddToEarlierOnes() throws Exception {
    assertThat(parse("deploy", "s", "--target=a:80,b:80", "--target", "c:80").list("target"))
        .containsExactly("a:80", "b:80", "c:80");
  }

  private static void assertRefused(String message, String... argv) {
    assertThatThrownBy(() -> parse(argv)).isInstanceOf(Cli.UsageException.class).hasMessage(message);
  }

  private static void assertDeployRefused(String message, String... argv) {
    assertThatThrownBy(() -> deploy(argv)).isInstanceOf(Cli.UsageException.class).hasMessage(message);
  }
}
