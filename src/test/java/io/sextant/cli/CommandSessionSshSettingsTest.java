package io.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.config.SshConfig;
import io.sextant.ssh.SshSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code ssh:} block's files as the SSH layer gets them: relative paths are made absolute against the command's
 * directory, because the warm agent that may open the session runs in a directory of its own.
 */
class CommandSessionSshSettingsTest {
  private static final Path HOME = Path.of("/home/someone");

  @Test
  void relativeConfigFilesAndKeysBecomeAbsoluteToTheCommandsDirectory() {
    SshConfig ssh = new SshConfig("root", 22, List.of("keys/deploy", "~/.ssh/id"), false, List.of(), null, null, true,
        List.of("ssh/first", "~/ssh/second"), null, false);

    SshSettings settings = CommandSession.sshSettings(ssh, HOME);

    Path here = Path.of("").toAbsolutePath();
    assertThat(settings.sshConfigs()).containsExactly(here.resolve("ssh/first"), HOME.resolve("ssh/second"));
    assertThat(settings.keys()).containsExactly(here.resolve("keys/deploy"), HOME.resolve(".ssh/id"));
  }
}
