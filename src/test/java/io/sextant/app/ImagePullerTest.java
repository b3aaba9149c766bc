package io.sextant.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.commands.BuildCommands;
import io.sextant.commands.RegistryCommands;
import io.sextant.console.Console;
import io.sextant.console.Verbosity;
import io.sextant.ssh.SshHosts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * build pull against in-JVM SSH hosts with a scripted {@code docker}: login, pull and label check run in one exec
 * per host and a failure still names its step, exit code and error line.
 */
class ImagePullerTest {
  private static final String IMAGE = "registry:5000/app:v1";
  private static final String DOCKER = """
      echo "$*" >> calls.log
      case "$1" in
        login) cat > password.txt
          if [ -f fail-login ]; then echo 'Error response from daemon: unauthorized' >&2; exit 1; fi
          echo 'WARNING! Your password will be stored unencrypted' >&2; echo 'Login Succeeded' ;;
        pull) if [ -f fail-pull ]; then echo 'Error response from daemon: manifest unknown' >&2; exit 18; fi
          echo 'Status: Downloaded newer image' ;;
        inspect) if [ -f no-label ]; then echo; else echo app; fi ;;
      esac""";

  @TempDir Path dir;
  private final Console console =
      new Console(new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()),
          Verbosity.NORMAL);
  private final BuildCommands commands = new BuildCommands("app", null, "registry:5000/app", "v1", null, null,
      null, null, null);
  private final RegistryCommands registry = new RegistryCommands("registry:5000", "me");

  private FakeHost host(String name) throws Exception {
    FakeHost host = FakeHost.start(dir, name).withScript("docker", DOCKER);
    for (String program : List.of("mktemp", "cat", "rm", "grep")) {
      host.withScript(program, "exec /bin/" + program + " \"$@\""); // a wrapper: no link out of the temp dir
    }
    return host;
  }

  @Test
  void logsInWithThePasswordOnStdinPullsAndChecksTheLabel() throws Exception {
    try (FakeHost one = host("one"); SshHosts ssh = new SshHosts(FakeHost.settings(dir))) {
      new ImagePuller(ssh, console).pull(List.of(one.host()), commands, registry, "s3cret");

      assertThat(Files.readString(one.home().resolve("password.txt"))).isEqualTo("s3cret");
      assertThat(Files.readAllLines(one.home().resolve("calls.log"))).containsExactly(
          "login registry:5000 -u me --password-stdin",
          "pull " + IMAGE,
          "inspect -f {{ .Config.Labels.service }} " + IMAGE);
    }
  }

  @Test
  void eachFailingStepIsNamedWithItsOwnErrorLine() throws Exception {
    try (FakeHost login = host("login"); FakeHost pull = host("pull"); FakeHost label = host("label");
        FakeHost fine = host("fine"); SshHosts ssh = new SshHosts(FakeHost.settings(dir))) {
      Files.writeString(login.home().resolve("fail-login"), "");
      Files.writeString(pull.home().resolve("fail-pull"), "");
      Files.writeString(label.home().resolve("no-label"), "");
      List<String> hosts = List.of(login.host(), pull.host(), label.host(), fine.host());

      assertThatThrownBy(() -> new ImagePuller(ssh, console).pull(hosts, commands, registry, "s3cret"))
          .isInstanceOfSatisfying(ImagePullException.class, e -> assertThat(e.failedHosts())
              .containsExactly(login.host(), pull.host(), label.host()))
          .hasMessage(String.join("\n",
              login.host() + ": docker login failed (exit 1): Error response from daemon: unauthorized",
              pull.host() + ": docker pull " + IMAGE + " failed (exit 18): Error response from daemon: manifest unknown",
              label.host() + ": image label check failed (exit 1): Image " + IMAGE
                  + " is missing the 'service' label"));
      assertThat(Files.readAllLines(login.home().resolve("calls.log"))).hasSize(1); // nothing after the failure
    }
  }

  @Test
  void withoutARegistryNothingLogsIn() throws Exception {
    try (FakeHost one = host("one"); SshHosts ssh = new SshHosts(FakeHost.settings(dir))) {
      new ImagePuller(ssh, console).pull(List.of(one.host()), commands, null, null);

      assertThat(Files.readAllLines(one.home().resolve("calls.log")))
          .containsExactly("pull " + IMAGE, "inspect -f {{ .Config.Labels.service }} " + IMAGE);
    }
  }
}
