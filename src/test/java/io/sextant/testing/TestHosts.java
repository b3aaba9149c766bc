package io.sextant.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A set of real local test hosts (network namespace + sshd + dockerd each, one registry), made by
 * {@code test-hosts/up.sh} and removed by {@code test-hosts/down.sh}; see {@code test-hosts/README.md}.
 *
 * <p>{@link #shared()} gives one set per JVM (torn down by a shutdown hook); {@link #bring(String, int)} a
 * dedicated one to {@link #close()}. Needs root. System properties / environment:
 * {@code sextant.testHosts.name} / {@code SEXTANT_TEST_HOSTS_NAME} names the shared set; when a set of that
 * name is already up it is reused and left up (handy while iterating). {@code sextant.testHosts.count}
 * (default 3) sizes it.
 */
public final class TestHosts implements AutoCloseable {
  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

  private final Path repoRoot;
  private final String name;
  private final Map<String, String> env;
  private final List<TestHost> hosts;

  private TestHosts(Path repoRoot, String name, Map<String, String> env) {
    this.repoRoot = repoRoot;
    this.name = name;
    this.env = Map.copyOf(env);
    String[] names = env.get("HOST_NAMES").split(",");
    String[] ips = env.get("HOST_IPS").split(",");
    int port = Integer.parseInt(env.get("SSH_PORT"));
    List<TestHost> list = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      list.add(new TestHost(names[i], ips[i], port));
    }
    this.hosts = List.copyOf(list);
  }

  /** The JVM's shared set, brought up on first use (root dockerd and base image ensured too). */
  public static TestHosts shared() {
    return Shared.INSTANCE;
  }

  /** Lazy holder: the class initialiser runs once, on the first {@link #shared()} call. */
  private static final class Shared {
    static final TestHosts INSTANCE = bringShared();
  }

  private static TestHosts bringShared() {
    String configured = setting("sextant.testHosts.name", "SEXTANT_TEST_HOSTS_NAME");
    String countSetting = setting("sextant.testHosts.count", "SEXTANT_TEST_HOSTS_COUNT");
    int count = countSetting == null ? 3 : Integer.parseInt(countSetting);
    if (configured != null) {
      TestHosts existing = reuse(repoRoot(), configured);
      if (existing != null) {
        return existing;
      }
    }
    TestHosts set = bring(configured != null ? configured : "jvm-" + ProcessHandle.current().pid(), count);
    Runtime.getRuntime().addShutdownHook(new Thread(set::close, "test-hosts-down"));
    return set;
  }

  /** Brings up a dedicated set of {@code count} hosts named {@code name}; {@link #close()} removes it. */
  public static TestHosts bring(String name, int count) {
    Path root = repoRoot();
    runScript(root, "root-docker.sh", "ensure");
    runScript(root, "up.sh", "--name", name, "--hosts", Integer.toString(count));
    return new TestHosts(root, name, readEnv(stateDir(root, name).resolve("hosts.env")));
  }

  /** The set {@code name} if it is up and its first host answers over SSH, else null. */
  private static TestHosts reuse(Path root, String name) {
    Path envFile = stateDir(root, name).resolve("hosts.env");
    if (!Files.isRegularFile(envFile)) {
      return null;
    }
    TestHosts set = new TestHosts(root, name, readEnv(envFile));
    if (!set.ssh(set.hosts.get(0), "true").ok()) {
      return null;
    }
    runScript(root, "root-docker.sh", "ensure");
    return set;
  }

  public String name() {
    return name;
  }

  public List<TestHost> hosts() {
    return hosts;
  }

  public String sshUser() {
    return env.get("SSH_USER");
  }

  public Path privateKey() {
    return Path.of(env.get("SSH_KEY"));
  }

  public Path knownHosts() {
    return Path.of(env.get("KNOWN_HOSTS"));
  }

  public TestRegistry registry() {
    return new TestRegistry(env.get("REGISTRY"), env.get("REGISTRY_USER"), env.get("REGISTRY_PASSWORD"));
  }

  /** The base image in the root daemon ({@code sextant/busybox:latest}): build app images FROM it. */
  public String baseImage() {
    return env.get("BASE_IMAGE");
  }

  /** The {@code DOCKER_CONFIG} dir for root-namespace docker clients of this set (keeps ~/.docker clean). */
  public Path dockerConfig() {
    return Path.of(env.get("DOCKER_CONFIG"));
  }

  /** The set's state dir (keys, logs, per-host dirs). */
  public Path stateDir() {
    return Path.of(env.get("STATE_DIR"));
  }

  /**
   * Runs {@code command} on {@code host} with the OpenSSH client (batch mode, the set's key and known_hosts). The
   * calls to a host share one connection ({@link SshControl}): a new connection per check costs a key exchange,
   * a third of a second on a loaded machine, and tests make hundreds of them.
   */
  public CommandResult ssh(TestHost host, String command) {
    List<String> argv = new ArrayList<>(List.of("ssh", "-F", "/dev/null", "-n",
        "-i", privateKey().toString(), "-p", Integer.toString(host.sshPort()),
        "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=yes",
        "-o", "UserKnownHostsFile=" + knownHosts(), "-o", "ConnectTimeout=5", "-o", "LogLevel=ERROR"));
    argv.addAll(SshControl.options());
    argv.addAll(List.of(sshUser() + "@" + host.ip(), command));
    return LocalCommand.run(argv, Map.of(), null, COMMAND_TIMEOUT);
  }

  /** Runs the root-namespace {@code docker} client (root dockerd) with this set's {@link #dockerConfig()}. */
  public CommandResult docker(String... args) {
    return dockerWithInput(null, args);
  }

  /** Logs the root-namespace docker client into the set's registry. */
  public void loginRoot() {
    TestRegistry registry = registry();
    dockerWithInput(registry.password(), "login", "-u", registry.username(), "--password-stdin",
        registry.address()).requireOk();
  }

  private CommandResult dockerWithInput(String stdin, String... args) {
    List<String> argv = new ArrayList<>(List.of("docker"));
    argv.addAll(List.of(args));
    return LocalCommand.run(argv, Map.of("DOCKER_CONFIG", dockerConfig().toString()), stdin,
        Duration.ofMinutes(5));
  }

  /** The proxy image Kamal 2.12 runs by default; {@link #ensureKamalProxyImage()} puts it on every host. */
  public static final String KAMAL_PROXY_IMAGE = "basecamp/kamal-proxy:v0.9.2";

  /**
   * Makes {@link #KAMAL_PROXY_IMAGE} present in every host's dockerd: the harness's kamal-proxy-compatible proxy
   * (built once in the root dockerd, rebuilt when its sources change) or, with
   * {@code SEXTANT_KAMAL_PROXY_IMAGE=upstream}, the real image. Idempotent; well under a second when present.
   */
  public void ensureKamalProxyImage() {
    runScript(repoRoot, "kamal-proxy-image.sh", "--name", name);
  }

  /** The registry image Kamal 2.12 runs for a local {@code localhost:PORT} registry ({@code registry setup}). */
  public static final String LOCAL_REGISTRY_IMAGE = "registry:3";

  /**
   * Makes {@link #LOCAL_REGISTRY_IMAGE} present in the root dockerd, where a local registry runs: the harness's
   * stand-in built from Debian's {@code docker-registry} or, with {@code SEXTANT_REGISTRY_IMAGE=upstream}, the
   * real image. Idempotent; well under a second when present.
   */
  public void ensureLocalRegistryImage() {
    runScript(repoRoot, "registry-image.sh");
  }

  /** Makes {@code host} refuse SSH connections (kills its sshd and sessions) until {@link #start}. */
  public void stop(TestHost host) {
    SshControl.close(sshUser(), host);
    runScript(repoRoot, "host.sh", "--name", name, "--host", host.name(), "stop");
  }

  /** Makes {@code docker} on {@code host} (its SSH sessions) fail, as if Docker were not installed; the daemon runs on. */
  public void hideDocker(TestHost host) {
    runScript(repoRoot, "host.sh", "--name", name, "--host", host.name(), "hide-docker");
  }

  /** Undoes {@link #hideDocker}. */
  public void showDocker(TestHost host) {
    runScript(repoRoot, "host.sh", "--name", name, "--host", host.name(), "show-docker");
  }

  /** Starts {@code host}'s sshd again after {@link #stop}. */
  public void start(TestHost host) {
    runScript(repoRoot, "host.sh", "--name", name, "--host", host.name(), "start");
  }

  /** Takes {@code host}'s link down: connections time out until {@link #plug}. */
  public void unplug(TestHost host) {
    SshControl.close(sshUser(), host);
    runScript(repoRoot, "host.sh", "--name", name, "--host", host.name(), "unplug");
  }

  public void plug(TestHost host) {
    runScript(repoRoot, "host.sh", "--name", name, "--host", host.name(), "plug");
  }

  /** Tears the set down (all its processes, namespaces, state). Idempotent. */
  @Override
  public void close() {
    for (TestHost host : hosts) {
      SshControl.close(sshUser(), host);
    }
    runScript(repoRoot, "down.sh", "--name", name);
  }

  private static void runScript(Path root, String script, String... args) {
    List<String> argv = new ArrayList<>(List.of("bash", root.resolve("test-hosts").resolve(script).toString()));
    argv.addAll(List.of(args));
    CommandResult result = LocalCommand.run(argv, Map.of("TH_QUIET", "1"), null, SCRIPT_TIMEOUT);
    if (!result.ok()) {
      throw new IllegalStateException("test hosts: " + result);
    }
  }

  private static Map<String, String> readEnv(Path file) {
    try {
      Map<String, String> values = new LinkedHashMap<>();
      for (String line : Files.readAllLines(file)) {
        int eq = line.indexOf('=');
        if (!line.startsWith("#") && eq > 0) {
          values.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
      return values;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static Path stateDir(Path root, String name) {
    String base = System.getenv("SEXTANT_TEST_HOSTS_DIR");
    return (base != null ? Path.of(base) : root.resolve(".test-hosts")).resolve(name);
  }

  /** The project root: {@code sextant.root} (set by failsafe) or the nearest parent holding test-hosts/. */
  private static Path repoRoot() {
    String configured = System.getProperty("sextant.root");
    Path dir = Path.of(configured != null ? configured : System.getProperty("user.dir")).toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("test-hosts/up.sh"))) {
        return p;
      }
    }
    throw new IllegalStateException("no test-hosts/up.sh above " + dir);
  }

  private static String setting(String property, String envVar) {
    String value = System.getProperty(property);
    return value != null ? value : System.getenv(envVar);
  }
}
