package io.sextant.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Every key of Kamal 2.12's schema, with the type of its example in {@code lib/kamal/configuration/docs/*.yml}
 * (each row cites the example's line), checked as Kamal's validator checks it
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/configuration/validator.rb#L15-L60): a value of another
 * type is refused with Kamal's words at the key's path, and a value of the example's type loads.
 *
 * <p>The words, from validator.rb: {@code type_error} lists {@code type_description} of each allowed type, joined
 * by " or " (#L70-L78, #L184-L187): "should be a string" (a number or boolean counts as a string, {@code stringish?}
 * #L84-L86), "should be an integer", "should be a boolean", "should be an array", "should be a hash". Kinds of
 * example and their rules:
 * <ul>
 *   <li>{@code "..."} sections are hashes; {@code servers} an array or a hash; a role's or accessory's {@code proxy}
 *       also a boolean, otherwise "should be a hash" (#L26-L29; Sextant refuses a root boolean as
 *       configuration/proxy.rb does).
 *   <li>{@code ssl}: a boolean or a hash (#L30-L31); {@code hooks_output}: a string or symbol, or a hash of them
 *       (#L32-L33, #L167-L178).
 *   <li>{@code hosts}: the servers rule (#L34-L35, #L117-L136): an array of strings or one-key hashes of tags.
 *   <li>{@code arch}: an array or a string, any problem inside reported as that (#L37-L38, #L88-L96).
 *   <li>{@code ssh/config}: a boolean, a string or an array of strings (#L39-L40, #L138-L146).
 *   <li>{@code files}/{@code directories}: an array of strings or hashes of string {@code local}, {@code remote},
 *       {@code mode}, {@code owner}, {@code options} (#L41-L42, #L148-L164).
 *   <li>other arrays: an array of the first element's type (#L43-L44, #L98-L106).
 *   <li>{@code options} and {@code args}: any hash (#L48-L49); {@code labels}: a hash of strings (#L50-L51,
 *       #L108-L115); other hashes: their own example, recursively (#L52-L53).
 *   <li>{@code registry/username|password}: a string or an array with one string
 *       (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/configuration/validator/registry.rb#L14-L27);
 *       {@code env}: a hash of strings, or {@code clear} (hash of strings), {@code secret} (array of strings) and
 *       {@code tags} (hashes of env)
 *       (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/configuration/validator/env.rb#L14-L62);
 *       an alias: a string (its example).
 * </ul>
 * Deliberate differences (Sextant stricter, documented in docs/configuration.md): {@code logging/options} values
 * must be strings (Kamal takes any hash and would print a Ruby hash as the option's value), an accessory's
 * {@code hosts} takes plain host strings only (Kamal's validator lets tag hashes through, which its accessory
 * hosts cannot use), {@code boot/limit} must be a count or a percentage (Kamal fails later, at boot), and the
 * keys of a {@code proxy/ssl} hash must be strings (Kamal checks only that {@code ssl} is a boolean or a hash).
 *
 * <p>Cross-checked once against Kamal itself: each row's refused configuration was loaded by Kamal 2.12.0's own
 * {@code Kamal::Configuration} (the v2.12.0 tag's {@code lib/} on MRI 3.1), which raised exactly the expected
 * {@code <path>: <message>} as its first error for 158 of the 162 rows, and loaded every row's valid value. Of the
 * other four, two are the {@code proxy/ssl} keys above (Kamal raises its next problem instead) and two are the
 * output loggers, whose message Kamal raises without a key path.
 */
class KamalTypeRulesTest {
  private static final String SKIP = "(no valid value: this key needs another key set with it)";
  private static final Map<String, Object> A_HASH = Map.of("a", 1);
  @TempDir Path project;

  static Stream<Arguments> rules() {
    return Stream.of(
        // configuration.yml: the root
        string("service", "configuration.yml#L26", "app2"),
        string("image", "configuration.yml#L31"),
        hashOfStrings("labels", "configuration.yml#L36-L37"),
        arrayOfStrings("volumes", "configuration.yml#L42"),
        hash("registry", "configuration.yml#L48", Map.of("username", "u", "password", List.of("P"))),
        rule("servers", "configuration.yml#L54", "x", "servers", "should be an array or a hash", List.of("10.0.0.9")),
        hash("env", "configuration.yml#L60", Map.of()),
        string("asset_path", "configuration.yml#L80"),
        string("hooks_path", "configuration.yml#L86"),
        rule("hooks_output", "configuration.yml#L101", List.of(1), "hooks_output", "should be a string or a symbol",
            "quiet"),
        rule("hooks_output", "configuration.yml#L103-L105", Map.of("pre-build", List.of(1)),
            "hooks_output/pre-build", "should be a string or a symbol", Map.of("pre-build", "quiet")),
        string("secrets_path", "configuration.yml#L113"),
        string("error_pages_path", "configuration.yml#L120"),
        bool("require_destination", "configuration.yml#L125", false),
        string("primary_role", "configuration.yml#L130", "web"),
        bool("allow_empty_roles", "configuration.yml#L135", true),
        integer("retain_containers", "configuration.yml#L140"),
        string("minimum_version", "configuration.yml#L145", "2.0.0"),
        integer("readiness_delay", "configuration.yml#L152"),
        integer("deploy_timeout", "configuration.yml#L157"),
        integer("drain_timeout", "configuration.yml#L162"),
        integer("stop_timeout", "configuration.yml#L169"),
        string("run_directory", "configuration.yml#L174"),
        hash("ssh", "configuration.yml#L179", Map.of()),
        hash("builder", "configuration.yml#L185", Map.of("arch", "arm64")),
        hash("accessories", "configuration.yml#L191", Map.of()),
        hash("proxy", "configuration.yml#L197", Map.of()),
        rule("proxy", "configuration.yml#L197", true, "proxy", "should be a hash", SKIP),
        hash("sshkit", "configuration.yml#L203", Map.of()),
        hash("boot", "configuration.yml#L209", Map.of()),
        hash("logging", "configuration.yml#L215", Map.of()),
        hash("output", "configuration.yml#L221", Map.of()),
        hash("aliases", "configuration.yml#L227", Map.of()),
        // ssh.yml
        string("ssh/user", "ssh.yml#L23"),
        string("ssh/port", "ssh.yml#L28", "2222"),
        string("ssh/proxy", "ssh.yml#L33", "root@10.0.0.5"),
        string("ssh/proxy_command", "ssh.yml#L38", "ssh -W %h:%p user@proxy"),
        string("ssh/log_level", "ssh.yml#L43", "debug"),
        bool("ssh/keys_only", "ssh.yml#L51", false),
        arrayOfStrings("ssh/keys", "ssh.yml#L57"),
        arrayOfStrings("ssh/key_data", "ssh.yml#L62-L65"),
        rule("ssh/config", "ssh.yml#L73", 5.5, "ssh/config", "should be a boolean or a string or an array", true),
        rule("ssh/config", "ssh.yml#L73", List.of(A_HASH), "ssh/config/0", "should be a string", List.of("a")),
        bool("ssh/forward_agent", "ssh.yml#L81", false),
        // sshkit.yml
        integer("sshkit/max_concurrent_starts", "sshkit.yml#L17"),
        integer("sshkit/pool_idle_timeout", "sshkit.yml#L23"),
        integer("sshkit/dns_retries", "sshkit.yml#L31"),
        // boot.yml
        string("boot/limit", "boot.yml#L11", "25%"),
        integer("boot/wait", "boot.yml#L14"),
        bool("boot/parallel_roles", "boot.yml#L21", true),
        // builder.yml
        rule("builder/arch", "builder.yml#L17", A_HASH, "builder/arch", "should be an array or a string",
            List.of("amd64", "arm64")),
        rule("builder/arch", "builder.yml#L17", List.of(A_HASH), "builder/arch", "should be an array or a string",
            "amd64"),
        string("builder/remote", "builder.yml#L24", "ssh://docker@10.0.0.7"),
        bool("builder/local", "builder.yml#L32", true),
        hash("builder/pack", "builder.yml#L41", Map.of("builder", "heroku/builder:24", "buildpacks", List.of("b"))),
        string("builder/pack/builder", "builder.yml#L42", SKIP),
        arrayOfStrings("builder/pack/buildpacks", "builder.yml#L43", SKIP),
        hash("builder/cache", "builder.yml#L52", Map.of("type", "gha")),
        string("builder/cache/type", "builder.yml#L53", "registry"),
        string("builder/cache/options", "builder.yml#L54"),
        string("builder/cache/image", "builder.yml#L55"),
        string("builder/context", "builder.yml#L63"),
        string("builder/dockerfile", "builder.yml#L68"),
        string("builder/target", "builder.yml#L73"),
        anyHash("builder/args", "builder.yml#L78"),
        arrayOfStrings("builder/secrets", "builder.yml#L91"),
        string("builder/ssh", "builder.yml#L112"),
        string("builder/driver", "builder.yml#L117-L120", "docker"),
        string("builder/provenance", "builder.yml#L126"),
        bool("builder/sbom", "builder.yml#L132", true),
        // proxy.yml: the root proxy
        string("proxy/host", "proxy.yml#L24"),
        arrayOfStrings("proxy/hosts", "proxy.yml#L25"),
        integer("proxy/app_port", "proxy.yml#L34"),
        rule("proxy/ssl", "proxy.yml#L48-L59", "x", "proxy/ssl", "should be a boolean or a hash", false),
        // Sextant stricter: Kamal checks only ssl's own type here (validator.rb#L30-L31), not its keys
        string("proxy/ssl/certificate_pem", "proxy.yml#L60", SKIP),
        string("proxy/ssl/private_key_pem", "proxy.yml#L61", SKIP),
        bool("proxy/ssl_redirect", "proxy.yml#L71", false),
        bool("proxy/forward_headers", "proxy.yml#L81", true),
        integer("proxy/response_timeout", "proxy.yml#L86"),
        string("proxy/path_prefix", "proxy.yml#L97", "/api"),
        arrayOfStrings("proxy/path_prefixes", "proxy.yml#L100", List.of("/api")),
        bool("proxy/strip_path_prefix", "proxy.yml#L109", false),
        hash("proxy/healthcheck", "proxy.yml#L117", Map.of()),
        integer("proxy/healthcheck/interval", "proxy.yml#L118"),
        string("proxy/healthcheck/path", "proxy.yml#L119", "/up"),
        integer("proxy/healthcheck/timeout", "proxy.yml#L120"),
        hash("proxy/buffering", "proxy.yml#L131", Map.of()),
        bool("proxy/buffering/requests", "proxy.yml#L132", true),
        bool("proxy/buffering/responses", "proxy.yml#L133", true),
        integer("proxy/buffering/max_request_body", "proxy.yml#L134"),
        integer("proxy/buffering/max_response_body", "proxy.yml#L135"),
        integer("proxy/buffering/memory", "proxy.yml#L136"),
        hash("proxy/logging", "proxy.yml#L143", Map.of()),
        arrayOfStrings("proxy/logging/request_headers", "proxy.yml#L144"),
        arrayOfStrings("proxy/logging/response_headers", "proxy.yml#L147"),
        hash("proxy/run", "proxy.yml#L155", Map.of()),
        integer("proxy/run/http_port", "proxy.yml#L156", 8080),
        integer("proxy/run/https_port", "proxy.yml#L157", 8443),
        integer("proxy/run/metrics_port", "proxy.yml#L158", 9090),
        bool("proxy/run/debug", "proxy.yml#L159", true),
        string("proxy/run/log_max_size", "proxy.yml#L160", "10m"),
        bool("proxy/run/publish", "proxy.yml#L161", true),
        arrayOfStrings("proxy/run/bind_ips", "proxy.yml#L162", List.of("0.0.0.0")),
        string("proxy/run/registry", "proxy.yml#L164", "registry.example.com"),
        string("proxy/run/repository", "proxy.yml#L166", "acme/kamal-proxy"),
        string("proxy/run/version", "proxy.yml#L168", "v0.9.2"),
        anyHash("proxy/run/options", "proxy.yml#L169-L173"),
        // registry.yml (the last example is the one Kamal validates against)
        string("registry/server", "registry.yml#L53", "ghcr.io"),
        credential("registry/username", "registry.yml#L54"),
        credential("registry/password", "registry.yml#L55"),
        // role.yml and servers.yml
        rule("servers", "servers.yml#L7", List.of(List.of("a")), "servers/0", "should be a string or a hash",
            List.of("10.0.0.9", Map.of("10.0.0.8", "tag"))),
        rule("servers", "servers.yml#L15", List.of(Map.of("a", 1, "b", 2)), "servers/0", "multiple hosts found",
            List.of(Map.of("10.0.0.8", List.of("t1", "t2")))),
        rule("servers", "servers.yml#L15", List.of(Map.of("10.0.0.8", A_HASH)), "servers/0/10.0.0.8",
            "should be a string or an array", SKIP),
        rule("servers/workers", "role.yml#L37", "x", "servers/workers", "should be an array or a hash",
            List.of("10.0.0.2")),
        rule("servers/workers/hosts", "role.yml#L38", "x", "servers/workers/hosts", "should be an array", SKIP),
        rule("servers/workers/hosts", "role.yml#L38", List.of(List.of("a")), "servers/workers/hosts/0",
            "should be a string or a hash", List.of(Map.of("10.0.0.2", "tag"))),
        string("servers/workers/cmd", "role.yml#L41"),
        integer("servers/workers/stop_timeout", "role.yml#L42"),
        anyHash("servers/workers/options", "role.yml#L43-L45"),
        hash("servers/workers/logging", "role.yml#L46", Map.of()),
        rule("servers/workers/proxy", "role.yml#L48", "x", "servers/workers/proxy", "should be a hash", false),
        hashOfStrings("servers/workers/labels", "role.yml#L50-L51"),
        hash("servers/workers/env", "role.yml#L52", Map.of()),
        string("servers/workers/asset_path", "role.yml#L54"),
        // logging.yml
        string("logging/driver", "logging.yml#L15"),
        rule("logging/options", "logging.yml#L20", "x", "logging/options", "should be a hash",
            Map.of("max-size", "10m")),
        // output.yml
        hash("output/otel", "output.yml#L16", Map.of("endpoint", "http://otel.example.com:4318")),
        string("output/otel/endpoint", "output.yml#L17"),
        hash("output/file", "output.yml#L24", Map.of("path", "log/deploys")),
        string("output/file/path", "output.yml#L25"),
        // Kamal's loggers refuse a missing setting as the configuration loads (otel_logger.rb#L3, file_logger.rb#L5)
        rule("output/otel", "output.yml#L16", Map.of(), "output/otel", "OTel endpoint is required",
            Map.of("endpoint", "http://otel.example.com:4318")),
        rule("output/file", "output.yml#L24", Map.of(), "output/file", "file path is required",
            Map.of("path", "log/deploys")),
        // env.yml
        rule("env", "env.yml#L11-L13", Map.of("DATABASE_HOST", A_HASH), "env/DATABASE_HOST", "should be a string",
            Map.of("DATABASE_HOST", "db", "DATABASE_PORT", 3306)),
        hashOfStrings("env/clear", "env.yml#L51-L52"),
        arrayOfStrings("env/secret", "env.yml#L53"),
        rule("env/tags", "env.yml#L73", "x", "env/tags", "should be a hash", Map.of()),
        rule("env/tags", "env.yml#L74-L75", Map.of("db", "x"), "env/tags/db", "should be a hash",
            Map.of("db", Map.of("secret", List.of("DB_PASSWORD")))),
        rule("env/tags", "env.yml#L97-L98", Map.of("db", Map.of("MYSQL_USER", A_HASH)), "env/tags/db/MYSQL_USER",
            "should be a string", Map.of("db", Map.of("MYSQL_USER", "app"))),
        // accessory.yml
        rule("accessories/db", "accessory.yml#L16", "x", "accessories/db", "should be a hash", SKIP),
        string("accessories/db/service", "accessory.yml#L22"),
        string("accessories/db/image", "accessory.yml#L29"),
        hash("accessories/db/registry", "accessory.yml#L44", Map.of("username", "u", "password", List.of("P"))),
        string("accessories/db/host", "accessory.yml#L50"),
        rule("accessories/db/hosts", "accessory.yml#L51", "x", "accessories/db/hosts", "should be an array", SKIP),
        string("accessories/db/role", "accessory.yml#L54", SKIP),
        arrayOfStrings("accessories/db/roles", "accessory.yml#L55", SKIP),
        string("accessories/db/tag", "accessory.yml#L57", SKIP),
        arrayOfStrings("accessories/db/tags", "accessory.yml#L58", SKIP),
        string("accessories/db/cmd", "accessory.yml#L65"),
        string("accessories/db/port", "accessory.yml#L71", "3306:3306"),
        hashOfStrings("accessories/db/labels", "accessory.yml#L74-L75"),
        anyHash("accessories/db/options", "accessory.yml#L80-L82"),
        hash("accessories/db/env", "accessory.yml#L87", Map.of()),
        rule("accessories/db/files", "accessory.yml#L99", "x", "accessories/db/files", "should be an array",
            List.of("config/my.cnf:/etc/mysql/my.cnf")),
        rule("accessories/db/files", "accessory.yml#L107", List.of(List.of("a")), "accessories/db/files/0",
            "should be a string or a hash", List.of(Map.of("local", "a", "remote", "/b", "mode", "0644"))),
        rule("accessories/db/files", "accessory.yml#L108", List.of(Map.of("local", A_HASH)),
            "accessories/db/files/0/local", "should be a string", SKIP),
        rule("accessories/db/directories", "accessory.yml#L125", "x", "accessories/db/directories",
            "should be an array", List.of("data:/var/lib/mysql")),
        rule("accessories/db/directories", "accessory.yml#L132-L136", List.of(Map.of("owner", A_HASH)),
            "accessories/db/directories/0/owner", "should be a string", SKIP),
        arrayOfStrings("accessories/db/volumes", "accessory.yml#L146"),
        string("accessories/db/network", "accessory.yml#L154"),
        rule("accessories/db/proxy", "accessory.yml#L159", "x", "accessories/db/proxy", "should be a hash", SKIP),
        // alias.yml
        string("aliases/console", "alias.yml#L13", "app exec -i --reuse \"bin/rails console\""));
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("rules")
  void aValueOfAnotherTypeIsRefusedWithKamalsWords(String key, String docs, Object wrong, String wrongPath,
      String message, Object valid) throws IOException {
    ConfigurationException error = catchThrowableOfType(() -> load(with(key, wrong)), ConfigurationException.class);

    assertThat(error).as("%s = %s is refused", key, wrong).isNotNull();
    Pattern line = Pattern.compile("config/deploy\\.yml(:\\d+)?: " + Pattern.quote(wrongPath + ": " + message));
    assertThat(error.getMessage().lines()).as(error.getMessage()).anyMatch(l -> line.matcher(l).matches());
    if (!SKIP.equals(valid)) {
      assertThatCode(() -> load(with(key, valid))).as("%s = %s loads", key, valid).doesNotThrowAnyException();
    }
  }

  /** A configuration every row starts from: it loads as is. */
  private static Map<String, Object> base() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("service", "app");
    config.put("image", "acme/app");
    Map<String, Object> servers = new LinkedHashMap<>();
    servers.put("web", new ArrayList<>(List.of("10.0.0.1")));
    servers.put("workers", new LinkedHashMap<>(Map.of("hosts", new ArrayList<>(List.of("10.0.0.2")))));
    config.put("servers", servers);
    config.put("registry", new LinkedHashMap<>(Map.of("username", "acme", "password",
        new ArrayList<>(List.of("KAMAL_REGISTRY_PASSWORD")))));
    config.put("builder", new LinkedHashMap<>(Map.of("arch", "amd64")));
    config.put("accessories", new LinkedHashMap<>(Map.of("db",
        new LinkedHashMap<>(Map.of("image", "mysql:8", "host", "10.0.0.3")))));
    return config;
  }

  /** The base configuration with {@code value} at {@code key} (a path of hash keys), parents created. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> with(String key, Object value) {
    Map<String, Object> config = base();
    String[] parts = key.split("/");
    Map<String, Object> parent = config;
    for (int i = 0; i < parts.length - 1; i++) {
      Object child = parent.get(parts[i]);
      if (!(child instanceof Map<?, ?>)) {
        child = new LinkedHashMap<String, Object>();
        parent.put(parts[i], child);
      }
      parent = (Map<String, Object>) child;
    }
    parent.put(parts[parts.length - 1], value);
    return config;
  }

  private void load(Map<String, Object> config) throws IOException {
    Files.createDirectories(project.resolve("config"));
    Files.writeString(project.resolve("config/deploy.yml"), new Yaml().dump(config));
    ConfigLoader.load(new ConfigRequest(project, null, null, "1", Map.of("PATH", "/usr/bin:/bin")));
  }

  private static Arguments rule(String key, String docs, Object wrong, String wrongPath, String message,
      Object valid) {
    return Arguments.of(key, docs, wrong, wrongPath, message, valid);
  }

  private static Arguments string(String key, String docs, Object valid) {
    return rule(key, docs, A_HASH, key, "should be a string", valid);
  }

  private static Arguments string(String key, String docs) {
    return string(key, docs, "x");
  }

  private static Arguments integer(String key, String docs, Object valid) {
    return rule(key, docs, "10", key, "should be an integer", valid);
  }

  private static Arguments integer(String key, String docs) {
    return integer(key, docs, 10);
  }

  private static Arguments bool(String key, String docs, boolean valid) {
    return rule(key, docs, "true", key, "should be a boolean", valid);
  }

  private static Arguments arrayOfStrings(String key, String docs, Object valid) {
    return rule(key, docs, "x", key, "should be an array", valid);
  }

  private static Arguments arrayOfStrings(String key, String docs) {
    return arrayOfStrings(key, docs, List.of("x", 1));
  }

  private static Arguments hash(String key, String docs, Object valid) {
    return rule(key, docs, "x", key, "should be a hash", valid);
  }

  private static Arguments hashOfStrings(String key, String docs) {
    return rule(key, docs, Map.of("k", A_HASH), key + "/k", "should be a string", Map.of("k", "v", "n", 1));
  }

  private static Arguments anyHash(String key, String docs) {
    return rule(key, docs, "x", key, "should be a hash", Map.of("k", A_HASH));
  }

  private static Arguments credential(String key, String docs) {
    return rule(key, docs, List.of("A", "B"), key,
        "should be a string or an array with one string (for secret lookup)", List.of("SECRET_NAME"));
  }
}
