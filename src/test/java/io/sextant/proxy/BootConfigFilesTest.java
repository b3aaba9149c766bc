package io.sextant.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@code proxy boot_config set} writes (null = the file is removed), after Kamal 2.12's
 * {@code test/cli/proxy_test.rb} (lines cited).
 */
class BootConfigFilesTest {
  private static BootConfigFiles set(boolean publish, List<String> ips, int http, int https, String logMaxSize,
      String registry, String repository, String version, Integer metrics, boolean debug, List<String> options) {
    return BootConfigFiles.of(publish, ips, http, https, logMaxSize, registry, repository, version, metrics, debug,
        options);
  }

  @Test
  void defaultsRemoveEveryFile() {
    // proxy_test.rb:233-243
    assertThat(BootConfigFiles.defaults()).isEqualTo(new BootConfigFiles(null, null, null, null));
  }

  @Test
  void noPublish() {
    // proxy_test.rb:245-255
    assertThat(set(false, List.of(), 80, 443, "10m", null, null, null, null, false, List.of()).options())
        .isEqualTo("--log-opt max-size=10m");
  }

  @Test
  void logSize() {
    // proxy_test.rb:257-279
    assertThat(set(true, List.of(), 80, 443, "100m", null, null, null, null, false, List.of()).options())
        .isEqualTo("--publish 80:80 --publish 443:443 --log-opt max-size=100m");
    assertThat(set(true, List.of(), 80, 443, "", null, null, null, null, false, List.of()).options())
        .isEqualTo("--publish 80:80 --publish 443:443");
  }

  @Test
  void portsAndBindAddresses() {
    // proxy_test.rb:281-306
    assertThat(set(true, List.of(), 8080, 8443, "10m", null, null, null, null, false, List.of()).options())
        .isEqualTo("--publish 8080:80 --publish 8443:443 --log-opt max-size=10m");
    assertThat(set(true, List.of("127.0.0.1"), 80, 443, "10m", null, null, null, null, false, List.of()).options())
        .isEqualTo("--publish 127.0.0.1:80:80 --publish 127.0.0.1:443:443 --log-opt max-size=10m");
    assertThat(set(true, List.of("127.0.0.1", "::1"), 80, 443, "10m", null, null, null, null, false, List.of())
        .options()).isEqualTo("--publish 127.0.0.1:80:80 --publish 127.0.0.1:443:443 --publish [::1]:80:80 "
            + "--publish [::1]:443:443 --log-opt max-size=10m");
  }

  @Test
  void invalidBindAddress() {
    // proxy_test.rb:308-314
    assertThatThrownBy(() -> set(true, List.of("1.2.3.invalidIP", "::1"), 80, 443, "10m", null, null, null, null,
        false, List.of())).hasMessageContaining("Invalid publish IP address: 1.2.3.invalidIP");
  }

  @Test
  void dockerOptions() {
    // proxy_test.rb:316-326
    assertThat(set(true, List.of(), 80, 443, "10m", null, null, null, null, false,
        List.of("label=foo=bar", "add_host=thishost:thathost")))
        .isEqualTo(new BootConfigFiles("--publish 80:80 --publish 443:443 --log-opt max-size=10m --label=foo=bar "
            + "--add_host=thishost:thathost", null, null, null));
  }

  @Test
  void imageParts() {
    // proxy_test.rb:328-361
    assertThat(set(true, List.of(), 80, 443, "10m", "myreg", null, null, null, false, List.of()))
        .isEqualTo(new BootConfigFiles(null, "myreg/basecamp/kamal-proxy", null, null));
    assertThat(set(true, List.of(), 80, 443, "10m", null, "myrepo", null, null, false, List.of()))
        .isEqualTo(new BootConfigFiles(null, "myrepo/kamal-proxy", null, null));
    assertThat(set(true, List.of(), 80, 443, "10m", null, null, "0.9.9", null, false, List.of()))
        .isEqualTo(new BootConfigFiles(null, null, "0.9.9", null));
  }

  @Test
  void runCommand() {
    // proxy_test.rb:363-373
    assertThat(set(true, List.of(), 80, 443, "10m", null, null, null, 9000, true, List.of()))
        .isEqualTo(new BootConfigFiles("--publish 80:80 --publish 443:443 --log-opt max-size=10m --expose=9000",
            null, null, "kamal-proxy run --debug --metrics-port \"9000\""));
  }

  @Test
  void all() {
    // proxy_test.rb:375-384
    assertThat(set(true, List.of(), 80, 443, "10m", "myreg", "myrepo", "0.9.9", 9000, true, List.of("label=foo=bar")))
        .isEqualTo(new BootConfigFiles(
            "--publish 80:80 --publish 443:443 --log-opt max-size=10m --expose=9000 --label=foo=bar",
            "myreg/myrepo/kamal-proxy", "0.9.9", "kamal-proxy run --debug --metrics-port \"9000\""));
  }

  @Test
  void versionsCompareAsKamal() {
    assertThat(ProxyVersion.older("v0.9.1", "v0.9.2")).isTrue();
    assertThat(ProxyVersion.older("v0.9.2", "v0.9.2")).isFalse();
    assertThat(ProxyVersion.older("v0.10.0", "v0.9.2")).isFalse();
    assertThat(ProxyVersion.older("v0.8.7", "v0.9.2")).isTrue();
    assertThatThrownBy(() -> ProxyVersion.older("latest", "v0.9.2")).hasMessageContaining("latest");
  }
}
