package io.sextant.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LibraryLogsTest {
  private final PrintStream ownErr = System.err;

  @AfterEach
  void restore() {
    System.setErr(ownErr);
    LibraryLogs.verbose(false);
  }

  @Test
  void theLibrariesLogThroughSextantsProvider() {
    assertThat(LoggerFactory.getLogger("org.apache.sshd.client.SshClient"))
        .isInstanceOf(LibraryLogs.LibraryLogger.class);
  }

  @Test
  void errorsAlwaysWarningsOnlyWhileVerboseAndTheSameLoggerFollowsTheSwitch() {
    Logger logger = new LibraryLogs().getLoggerFactory().getLogger("org.apache.sshd.common.Session");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));

    logger.warn("hidden {}", 1);
    logger.error("shown {} of {}", 1, 2);
    LibraryLogs.verbose(true);
    logger.warn("shown while verbose");
    logger.info("never");
    logger.debug("never");
    LibraryLogs.verbose(false);
    logger.warn("hidden again");

    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
        "ERROR org.apache.sshd.common.Session - shown 1 of 2\n"
        + "WARN org.apache.sshd.common.Session - shown while verbose\n");
    assertThat(logger.isErrorEnabled()).isTrue();
    assertThat(logger.isWarnEnabled()).isFalse();
  }
}
