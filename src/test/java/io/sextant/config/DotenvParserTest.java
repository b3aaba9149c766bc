package io.sextant.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Expected values are what the dotenv 3.2 gem returns for the same input (ENVHOST=env.example.com). */
class DotenvParserTest {
  private static final Map<String, String> ENV = Map.of("ENVHOST", "env.example.com");

  private static Map<String, String> parse(String text) {
    return DotenvParser.parse(text, ".kamal/secrets", ENV::get, (command, file, line) -> "ran[" + command + "]\n");
  }

  private static Map<String, String> map(String... keyValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  static Stream<Arguments> gemCases() {
    return Stream.of(
        Arguments.of("FOO=bar", map("FOO", "bar")),
        Arguments.of("FOO= bar", map("FOO", "bar")),
        Arguments.of("FOO=bar\\ bar", map("FOO", "bar bar")),
        Arguments.of("FOO =bar", map("FOO", "bar")),
        Arguments.of("  FOO=bar", map("FOO", "bar")),
        Arguments.of("FOO=bar  ", map("FOO", "bar")),
        Arguments.of("FOO=", map("FOO", "")),
        Arguments.of("foo=bar # this is foo", map("foo", "bar")),
        Arguments.of("FOO=\"bar\"  ", map("FOO", "bar")),
        Arguments.of("FOO='bar'", map("FOO", "bar")),
        Arguments.of("FOO=\"escaped\\\"bar\"", map("FOO", "escaped\"bar")),
        Arguments.of("foo= \"bar#baz\" # comment", map("foo", "bar#baz")),
        Arguments.of("foo='ba#r'  ", map("foo", "ba#r")),
        Arguments.of("OPTION_C=''", map("OPTION_C", "")),
        Arguments.of("OPTION_D='\\n'", map("OPTION_D", "\\n")),
        Arguments.of("OPTION_H=\"\\n\"", map("OPTION_H", "\\n")),
        Arguments.of("FOO=test\nBAR=$FOO", map("FOO", "test", "BAR", "test")),
        Arguments.of("FOO=test\nBAR=${FOO}bar", map("FOO", "test", "BAR", "testbar")),
        Arguments.of("BAR=$ENVHOST", map("BAR", "env.example.com")),
        Arguments.of("BAR=$UNDEFINED_XYZ", map("BAR", "")),
        Arguments.of("FOO=test\nBAR=\"quote $FOO\"", map("FOO", "test", "BAR", "quote test")),
        Arguments.of("BAR='quote $FOO'", map("BAR", "quote $FOO")),
        Arguments.of("FOO=\"foo\\$BAR\"", map("FOO", "foo$BAR")),
        Arguments.of("FOO=\"foo\\${BAR}\"", map("FOO", "foo${BAR}")),
        Arguments.of("FOO=test\nBAR=\"foo\\${FOO} ${FOO}\"", map("FOO", "test", "BAR", "foo${FOO} test")),
        Arguments.of("FOO=\"bar $ \"", map("FOO", "bar $ ")),
        Arguments.of("FOO=\"bar\\$ \\$\\$\"", map("FOO", "bar$ $$")),
        Arguments.of("FOO=\"bar\\nbaz\"", map("FOO", "bar\\nbaz")),
        Arguments.of("FOO=\"bar\\\\nbaz\"", map("FOO", "bar\\nbaz")),
        Arguments.of("FOO=\"a\n\nb\n\nc\"", map("FOO", "a\n\nb\n\nc")),
        Arguments.of("OPTION_A: 1", map("OPTION_A", "1")),
        Arguments.of("OPTION_B: '2'", map("OPTION_B", "2")),
        Arguments.of("export OPTION_A=2", map("OPTION_A", "2")),
        Arguments.of("OPTION_A=2\nexport OPTION_A", map("OPTION_A", "2")),
        Arguments.of("FOO.BAR=foobar", map("FOO.BAR", "foobar")),
        Arguments.of("\n \t  \nfoo=bar\n \nfizz=buzz", map("foo", "bar", "fizz", "buzz")),
        Arguments.of("\n\n\n # HERE GOES FOO \nfoo=bar", map("foo", "bar")),
        Arguments.of("# HELLO=world\n", map()),
        Arguments.of("FOO=bar\rbaz=fbb", map("FOO", "bar", "baz", "fbb")),
        Arguments.of("FOO=bar\r\nbaz=fbb", map("FOO", "bar", "baz", "fbb")),
        Arguments.of("A=first line\nexport B='line 1\nline 2'\nC=\"last line\"",
            map("A", "first line", "B", "line 1\nline 2", "C", "last line")),
        Arguments.of("E='line one\nthis is \\'quoted\\'\none more'", map("E", "line one\nthis is \\'quoted\\'\none more")),
        Arguments.of("E=\"line one\nthis is \\\"quoted\\\"\"", map("E", "line one\nthis is \"quoted\"")),
        Arguments.of("echo=escaped-\\$(echo hello)", map("echo", "escaped-$(echo hello)")),
        Arguments.of("A=\\$(x)", map("A", "$(x)")),
        Arguments.of("JUSTKEY", map("JUSTKEY", "")),
        Arguments.of("KEY: val", map("KEY", "val")),
        Arguments.of("a=1=2", map("a", "1=2")),
        Arguments.of("a==b", map("a", "=b")),
        Arguments.of("", map()),
        Arguments.of("A=1\nB=2\nC=${A}-${B}", map("A", "1", "B", "2", "C", "1-2")),
        Arguments.of("A=x\nB=${A", map("A", "x", "B", "x")),
        Arguments.of("A=x\nB=$Ay", map("A", "x", "B", "")),
        Arguments.of("B=\"${}\"", map("B", "${}")),
        Arguments.of("PORT=5432\nURL=postgres://localhost:$PORT/db", map("PORT", "5432", "URL", "postgres://localhost:5432/db")),
        Arguments.of("K=v#nocomment", map("K", "v")),
        Arguments.of("K=\tval\t", map("K", "val")),
        Arguments.of("DOTENV_LINEBREAK_MODE=legacy\nFOO=\"bar\\nbaz\\rfizz\"",
            map("DOTENV_LINEBREAK_MODE", "legacy", "FOO", "bar\nbaz\rfizz")),
        Arguments.of("K=\\$(x", map("K", "\\$(x")),
        Arguments.of("K=$(oops", map("K", "$(oops")),
        Arguments.of("K=$()", map("K", "$()")),
        // Kamal's pattern (inline_command_substitution.rb#L4-L13): escaped parentheses, no empty nested group
        Arguments.of("C=$(x\\\\)y)", map("C", "ran[x\\)y]")),
        Arguments.of("K=$(echo ())", map("K", "$(echo ())")),
        Arguments.of("L=$(a\\\\)", map("L", "$(a\\)")));
  }

  @ParameterizedTest
  @MethodSource("gemCases")
  void parsesLikeTheDotenvGem(String text, Map<String, String> expected) {
    assertThat(parse(text)).containsExactlyEntriesOf(expected);
  }

  @Test
  void commandSubstitutionRunsOnceWithVariablesExpandedAndOneNewlineChomped() {
    List<String> ran = new ArrayList<>();
    Map<String, String> result = DotenvParser.parse("""
        ITEM=db
        SECRETS=$(fetch --item $ITEM (nested) ${ENVHOST})
        PASSWORD="pre-$(extract)-post"
        LITERAL='$(not run)'
        """, ".kamal/secrets", ENV::get, (command, file, line) -> {
          ran.add(command + "@" + line);
          return "out:" + command + "\n\n";
        });

    assertThat(ran).containsExactly("fetch --item db (nested) env.example.com@2", "extract@3");
    assertThat(result).containsEntry("SECRETS", "out:fetch --item db (nested) env.example.com\n")
        .containsEntry("PASSWORD", "pre-out:extract\n-post")
        .containsEntry("LITERAL", "$(not run)");
  }

  @Test
  void commandOutputIsSubstitutedBeforeVariables() {
    Map<String, String> result = DotenvParser.parse("A=one\nB=$(echo)\n", "s", ENV::get, (c, f, l) -> "$A");
    assertThat(result).containsEntry("B", "one");
  }

  /**
   * The dotenv 3.2 gem runs its substitutions in the order {@code [Command, Variable]}
   * (https://github.com/bkeepers/dotenv/blob/v3.2.0/lib/dotenv/parser.rb#L12-L15) and Kamal swaps only the first
   * for its own (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/secrets/dotenv/inline_command_substitution.rb#L16-L18):
   * so {@code $VAR} and {@code ${VAR}} are expanded in the command's text before it runs
   * (inline_command_substitution.rb#L31) and again in its output, which is never run a second time
   * (https://github.com/bkeepers/dotenv/blob/v3.2.0/lib/dotenv/substitutions/variable.rb#L12-L32: {@code $(} is
   * not a variable). Kamal's command pattern (inline_command_substitution.rb#L4-L13) lets a backslash escape a
   * parenthesis inside the command. Expected values: this file parsed by the gem's own v3.2.0 {@code lib/} with
   * Kamal's class installed, on MRI 3.1 with {@code HOME=/home/deploy}; the commands run by {@code /bin/sh}.
   */
  @Test
  void variablesInACommandsOutputAreExpandedAndTheOutputIsNotRunAgain(@TempDir Path dir) {
    Map<String, String> environment = Map.of("PATH", "/usr/bin:/bin", "HOME", "/home/deploy");
    Map<String, String> result = DotenvParser.parse("""
        A=one
        C=$(printf "%s" x\\\\)y)
        E=$(echo '$UNSET_Q')
        F=$(printf "%s" '\\\\$HOME-${A}')
        G=$(printf '\\\\134\\\\044A')
        H=$(printf '\\\\044{A}-\\\\044UNSET_Q-')
        I=$(printf '\\\\044(echo hi)')
        J=$(printf '%s' "$(printf '\\\\044A')")
        """, ".kamal/secrets", environment::get,
        (command, file, line) -> SecretsLoader.runShell(command, file, line, dir, environment));

    assertThat(result).containsExactlyEntriesOf(map("A", "one", "C", "x)y", "E", "", "F", "/home/deploy-one",
        "G", "$A", "H", "one--", "I", "$(echo hi)", "J", "one"));
  }

  @Test
  void laterKeysOverrideEarlierOnes() {
    assertThat(parse("A=1\nA=2")).containsExactlyEntriesOf(map("A", "2"));
  }

  @Test
  void exportOfAnUnsetVariableNamesFileAndLine() {
    assertThatThrownBy(() -> parse("A=1\nexport NOPE"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(".kamal/secrets:2: Line \"export NOPE\" has an unset variable");
  }

  @Test
  void malformedLineNamesFileAndLineWithoutEchoingTheValue() {
    assertThatThrownBy(() -> parse("A=1\n# fine\nDB_PASSWORD hunter2\n"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(".kamal/secrets:3: malformed line starting with `DB_PASSWORD` (expected KEY=value)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    assertThatThrownBy(() -> parse("lol$wut"))
        .hasMessageStartingWith(".kamal/secrets:1: malformed line");
    assertThatThrownBy(() -> parse("A=1\nKEY:val"))
        .hasMessageStartingWith(".kamal/secrets:2: malformed line");
  }

  @Test
  void longMultiLineDoubleQuotedKeyParses() {
    String body = ("MIIEowIBAAKCAQEA" + "x".repeat(48) + "\n").repeat(400);
    String pem = "-----BEGIN RSA PRIVATE KEY-----\n" + body + "-----END RSA PRIVATE KEY-----";
    assertThat(parse("KEY=\"" + pem + "\"\nNEXT=1")).containsEntry("KEY", pem).containsEntry("NEXT", "1");
  }

  @Test
  void pathologicalQuotingFailsFastInsteadOfHanging() {
    String line = "K='" + "\\'".repeat(5000) + "x";
    long start = System.nanoTime();
    try {
      parse(line);
    } catch (ConfigurationException expected) {
      assertThat(expected.getMessage()).startsWith(".kamal/secrets");
    }
    assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
  }
}
