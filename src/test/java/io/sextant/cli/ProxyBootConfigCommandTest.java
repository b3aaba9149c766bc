package io.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.proxy.BootConfigFiles;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code proxy boot_config set} takes Kamal's options in the spellings Kamal's tests use (test/cli/proxy_test.rb). */
class ProxyBootConfigCommandTest {
  private static ProxyBootConfigCommand parse(String... args) {
    ProxyBootConfigCommand command = new ProxyBootConfigCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  private static BootConfigFiles files(ProxyBootConfigCommand c) {
    return BootConfigFiles.of(c.publish, c.publishHostIps, c.httpPort, c.httpsPort, c.logMaxSize, c.registry,
        c.repository, c.imageVersion, c.metricsPort, c.debug, c.dockerOptions);
  }

  @Test
  void defaultsWriteNothing() {
    ProxyBootConfigCommand command = parse("set");
    assertThat(command.action).isEqualTo("set");
    assertThat(files(command)).isEqualTo(new BootConfigFiles(null, null, null, null));
  }

  @Test
  void kamalSpellings() {
    // proxy_test.rb:308-310, 316-318, 363-365, 375-377
    ProxyBootConfigCommand command = parse("set", "--publish-host-ip", "127.0.0.1", "--publish_host_ip", "::1",
        "--docker_options", "label=foo=bar", "add_host=thishost:thathost", "--registry", "myreg",
        "--image_version", "0.9.9", "--metrics_port", "9000", "--debug", "true");
    assertThat(command.publishHostIps).containsExactly("127.0.0.1", "::1");
    assertThat(command.dockerOptions).containsExactly("label=foo=bar", "add_host=thishost:thathost");
    assertThat(command.debug).isTrue();
    assertThat(files(command)).isEqualTo(new BootConfigFiles("--publish 127.0.0.1:80:80 --publish 127.0.0.1:443:443 "
        + "--publish [::1]:80:80 --publish [::1]:443:443 --log-opt max-size=10m --expose=9000 --label=foo=bar "
        + "--add_host=thishost:thathost", "myreg/basecamp/kamal-proxy", "0.9.9",
        "kamal-proxy run --debug --metrics-port \"9000\""));
  }

  @Test
  void noPublishAndPorts() {
    // proxy_test.rb:245-247 and 281-283
    assertThat(parse("set", "--no-publish").publish).isFalse();
    assertThat(parse("set").publish).isTrue();
    ProxyBootConfigCommand ports = parse("set", "--http_port", "8080", "--https-port", "8443", "--log_max_size", "");
    assertThat(files(ports).options()).isEqualTo("--publish 8080:80 --publish 8443:443");
    assertThat(List.of(parse("get").action, parse("reset").action)).containsExactly("get", "reset");
  }
}
