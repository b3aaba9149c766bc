package io.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.cli.KamalCommandLineTest.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code sextant docs [SECTION]} covers every section and every key of Kamal 2.12's configuration reference. */
class DocsCommandTest {
  /**
   * The keys each section of Kamal 2.12 documents: the keys of the examples in
   * https://github.com/basecamp/kamal/tree/v2.12.0/lib/kamal/configuration/docs (one file per section).
   */
  static final Map<String, List<String>> KAMAL_KEYS = Map.ofEntries(
      Map.entry("configuration", List.of("service", "image", "labels", "volumes", "registry", "servers", "env",
          "asset_path", "hooks_path", "hooks_output", "secrets_path", "error_pages_path", "require_destination",
          "primary_role", "allow_empty_roles", "retain_containers", "minimum_version", "readiness_delay",
          "deploy_timeout", "drain_timeout", "stop_timeout", "run_directory", "ssh", "builder", "accessories",
          "proxy", "sshkit", "boot", "logging", "output", "aliases")),
      Map.entry("accessory", List.of("service", "image", "registry", "host", "hosts", "role", "roles", "tag", "tags",
          "cmd", "port", "labels", "options", "env", "files", "directories", "volumes", "network", "proxy", "local",
          "remote", "mode", "owner")),
      Map.entry("alias", List.of("aliases")),
      Map.entry("boot", List.of("limit", "wait", "parallel_roles")),
      Map.entry("builder", List.of("arch", "remote", "local", "pack", "cache", "context", "dockerfile", "target",
          "args", "secrets", "ssh", "driver", "provenance", "sbom")),
      Map.entry("env", List.of("clear", "secret", "tags")),
      Map.entry("logging", List.of("driver", "options")),
      Map.entry("output", List.of("otel", "endpoint", "file", "path")),
      Map.entry("proxy", List.of("host", "hosts", "app_port", "ssl", "certificate_pem", "private_key_pem",
          "ssl_redirect", "forward_headers", "response_timeout", "path_prefix", "path_prefixes",
          "strip_path_prefix", "healthcheck", "buffering", "requests", "responses", "max_request_body",
          "max_response_body", "memory", "logging", "request_headers", "response_headers", "run", "http_port",
          "https_port", "metrics_port", "debug", "log_max_size", "publish", "bind_ips", "registry", "repository",
          "version", "options")),
      Map.entry("registry", List.of("server", "username", "password")),
      Map.entry("role", List.of("hosts", "cmd", "stop_timeout", "options", "logging", "proxy", "labels", "env",
          "asset_path")),
      Map.entry("servers", List.of("servers")),
      Map.entry("ssh", List.of("user", "port", "proxy", "proxy_command", "log_level", "keys_only", "keys",
          "key_data", "config", "forward_agent")),
      Map.entry("sshkit", List.of("max_concurrent_starts", "pool_idle_timeout", "dns_retries")));

  @Test
  void everyKamalSectionIsHereWithEveryKeyItDocuments() {
    assertThat(DocsCommand.SECTIONS).containsExactlyInAnyOrderElementsOf(
        KAMAL_KEYS.keySet().stream().filter(name -> !name.equals("configuration")).toList());
    for (String section : DocsCommand.SECTIONS) {
      Outcome outcome = KamalCommandLineTest.run("docs", section);
      assertThat(outcome.exitCode()).as(section).isZero();
      assertThat(outcome.output()).as(section).startsWith("# ").contains("## Example", "```yaml");
      for (String key : KAMAL_KEYS.get(section)) {
        assertThat(outcome.output()).as(section + " names " + key).containsPattern("[`/]" + key + "[`/:]");
      }
    }
  }

  @Test
  void withoutASectionTheTopLevelKeysAndEverySection() {
    Outcome outcome = KamalCommandLineTest.run("docs");
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.output()).startsWith("# Configuration");
    for (String key : KAMAL_KEYS.get("configuration")) {
      assertThat(outcome.output()).as(key).contains("| `" + key + "` |");
    }
    for (String section : DocsCommand.SECTIONS) {
      assertThat(outcome.output()).as(section).containsPattern("\\b" + section + "\\b");
    }
  }

  @Test
  void aSectionIsFoundWhateverItsCaseAsInKamal() {
    assertThat(KamalCommandLineTest.run("docs", "SSH").output()).isEqualTo(DocsCommand.text("ssh"));
  }

  // Kamal's test/cli/main_test.rb:724-728 ("No documentation found for foo"); exit 2 as a usage error (D9)
  @Test
  void anUnknownSectionIsKamalsLineAndTheSections() {
    Outcome outcome = KamalCommandLineTest.run("docs", "foo");
    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.output().strip()).isEqualTo("ERROR: No documentation found for foo (sections: accessory, "
        + "alias, boot, builder, env, logging, output, proxy, registry, role, servers, ssh, sshkit)");
  }
}
