package io.sextant.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private Console console(Verbosity verbosity) {
    return new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), verbosity);
  }

  // Kamal's puts_by_host (lib/kamal/sshkit_with_ext.rb:22-32): "<type> Host: <host>" unless quiet, output, blank line
  @Test
  void byHostPrintsTheHostLineUnlessQuiet() {
    console(Verbosity.NORMAL).byHost("App", "10.0.0.1", "v1");
    console(Verbosity.QUIET).byHost("Proxy", "10.0.0.2", "v2");
    assertThat(out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"))
        .isEqualTo("App Host: 10.0.0.1\nv1\n\nv2\n\n");
  }

  @Test
  void printedTextIsRedactedByTheOneRule() {
    Console console = console(Verbosity.NORMAL);
    console.redact(List.of("x", "hunter22"));
    console.result("kamal-proxy x hunter22x");
    assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo("kamal-proxy [REDACTED] [REDACTED]x");
  }
}
