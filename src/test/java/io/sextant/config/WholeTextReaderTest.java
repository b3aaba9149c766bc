package io.sextant.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.ScannerImpl;
import org.yaml.snakeyaml.tokens.Token;

class WholeTextReaderTest {
  /** Line breaks of every kind snakeyaml knows, a BOM, multi-unit code points, flow and block styles. */
  private static final List<String> DOCUMENTS = List.of(
      "\uFEFFservice: app\r\nimage: \"acme/app\"\rservers:\u2028  - 10.0.0.1\u0085  - '10.0.0.2'\n",
      "env:\n  clear: {A: \"x\\ty\", B: 'it''s', C: \"\uD83D\uDE80 caf\u00e9\"}\n  secret: [A, B]\nbuilder: |\n  multi\n  line\n",
      "a: &x {b: 1}\nc:\n  <<: *x\n  d: >-\n    folded\n    text\n# comment \uD83D\uDE80\n? complex\n: value\n",
      "service: \"unclosed\nimage: x\n",
      "servers: [1, 2\nimage: x\n",
      "a: b: c\n",
      "a:\n\t- tab\n");

  @Test
  void everyTokenHasTheMarksSnakeyamlsOwnReaderGives() {
    for (String document : DOCUMENTS) {
      assertThat(tokens(new WholeTextReader(document))).as(document).isEqualTo(tokens(new StreamReader(document)));
    }
  }

  @Test
  void aControlCharacterIsRefusedAsSnakeyamlRefusesIt() {
    String document = "service: app\nimage: a\u0001b\n";
    assertThatThrownBy(() -> tokens(new WholeTextReader(document))).isInstanceOf(YAMLException.class)
        .hasMessage("special characters are not allowed");
    assertThatThrownBy(() -> tokens(new StreamReader(document))).hasMessage("special characters are not allowed");
  }

  @Test
  void anUnclosedQuoteNamesTheLineWhereItOpensNotTheEndOfTheFile() {
    String text = "service: app\nimage: \"acme/app\n" + "servers:\n  - 10.0.0.1\n".repeat(1000);
    assertThatThrownBy(() -> YamlSource.parse(text, "config/deploy.yml", Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("config/deploy.yml:2: invalid YAML: while scanning a quoted scalar: found unexpected end of"
            + " stream");
  }

  @Test
  void anUnclosedQuoteOnAVeryLongLineIsReportedWithItsLine() {
    // 4 MB on one line: snakeyaml's reader would copy its window ~4,000 times over (tens of seconds); the time
    // itself is measured by bench/config-scan.sh, not here
    String text = "service: app\nimage: app\nenv:\n  clear:\n    KEY: \"" + "x".repeat(4 << 20) + "\n";
    assertThatThrownBy(() -> YamlSource.parse(text, "config/deploy.yml", Map.of()))
        .hasMessage("config/deploy.yml:5: invalid YAML: while scanning a quoted scalar: found unexpected end of"
            + " stream");
  }

  /** Every token with its start and end marks (index, line, column), or the scanner's error with its marks. */
  private static List<String> tokens(StreamReader reader) {
    ScannerImpl scanner = new ScannerImpl(reader, new LoaderOptions());
    List<String> tokens = new ArrayList<>();
    try {
      while (scanner.checkToken()) {
        Token token = scanner.getToken();
        tokens.add(token.getTokenId() + " " + where(token.getStartMark()) + "-" + where(token.getEndMark()));
      }
    } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
      tokens.add(e.getContext() + " " + where(e.getContextMark()) + " / " + e.getProblem() + " "
          + where(e.getProblemMark()));
    }
    return tokens;
  }

  private static String where(Mark mark) {
    return mark == null ? "-" : mark.getIndex() + ":" + mark.getLine() + ":" + mark.getColumn();
  }
}
