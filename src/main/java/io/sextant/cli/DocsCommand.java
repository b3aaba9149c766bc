package io.sextant.cli;

import io.sextant.SextantException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sextant docs [SECTION]}: the configuration reference, as Kamal's {@code docs}
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/main.rb#L134-L144): without a section the
 * top-level keys and the list of sections, else that section. Sextant's own text, one resource per section.
 */
@Command(name = "docs", description = "Show the configuration reference (sextant docs SECTION for a section).")
public final class DocsCommand extends BaseCommand {
  /** Kamal 2.12's sections: its lib/kamal/configuration/docs/*.yml besides configuration.yml. */
  static final List<String> SECTIONS = List.of("accessory", "alias", "boot", "builder", "env", "logging", "output",
      "proxy", "registry", "role", "servers", "ssh", "sshkit");

  @Parameters(arity = "0..1", paramLabel = "SECTION", description = "One of: ${COMPLETION-CANDIDATES}",
      completionCandidates = Sections.class)
  String section;

  @Override
  protected int execute() {
    // Kamal finds a section by its class name, so case does not matter there either (`docs SSH`)
    String name = section == null ? "configuration" : section.toLowerCase(Locale.ROOT);
    if (section != null && !SECTIONS.contains(name)) {
      throw new SextantException("No documentation found for " + section + " (sections: "
          + String.join(", ", SECTIONS) + ")", SextantException.USAGE_OR_CONFIG);
    }
    spec.commandLine().getOut().print(text(name));
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** The reference text of {@code name} ({@code configuration} for the top level). */
  static String text(String name) {
    try (InputStream in = DocsCommand.class.getResourceAsStream("/io/sextant/docs/" + name + ".md")) {
      if (in == null) {
        throw new IllegalStateException("missing documentation in the jar: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The section names, for the usage line. */
  static final class Sections implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return SECTIONS.iterator();
    }
  }
}
