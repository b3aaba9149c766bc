package io.sextant.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ShellTest {

  @Test
  void kamalEscapeEqualsKamalsEscapeShellValue() {
    // Kamal 2.12 test/utils_test.rb:40-54
    assertThat(Shell.kamalEscape("foo")).isEqualTo("\"foo\"");
    assertThat(Shell.kamalEscape("`foo`")).isEqualTo("\"\\`foo\\`\"");
    assertThat(Shell.kamalEscape("${PWD}")).isEqualTo("\"${PWD}\"");
    assertThat(Shell.kamalEscape("${cat /etc/hostname}")).isEqualTo("\"${cat /etc/hostname}\"");
    assertThat(Shell.kamalEscape("${PWD]")).isEqualTo("\"\\${PWD]\"");
    assertThat(Shell.kamalEscape("$(PWD)")).isEqualTo("\"\\$(PWD)\"");
    assertThat(Shell.kamalEscape("$PWD")).isEqualTo("\"\\$PWD\"");
    assertThat(Shell.kamalEscape("^(https?://)www.example.com/(.*)$"))
        .isEqualTo("\"^(https?://)www.example.com/(.*)\\$\"");
    assertThat(Shell.kamalEscape("https://example.com/$2")).isEqualTo("\"https://example.com/\\$2\"");
    // Ruby's String#dump: quotes, backslashes, control characters; non-ASCII runs stay as they are, unquoted
    assertThat(Shell.kamalEscape("say \"hi\"\\\n")).isEqualTo("\"say \\\"hi\\\"\\\\\\n\"");
    assertThat(Shell.kamalEscape("héllo")).isEqualTo("\"h\"é\"llo\"");
  }

  @Test
  void plainWordsStayUnquoted() {
    assertThat(Shell.quote("nginx:1.25")).isEqualTo("nginx:1.25");
    assertThat(Shell.quote("--name=app-web_1")).isEqualTo("--name=app-web_1");
    assertThat(Shell.quote(".kamal/lock-app")).isEqualTo(".kamal/lock-app");
    assertThat(Shell.quote("user@host,a+b%c")).isEqualTo("user@host,a+b%c");
  }

  @Test
  void specialCharactersAreSingleQuoted() {
    assertThat(Shell.quote("")).isEqualTo("''");
    assertThat(Shell.quote("a b")).isEqualTo("'a b'");
    assertThat(Shell.quote("$HOME")).isEqualTo("'$HOME'");
    assertThat(Shell.quote("`id`")).isEqualTo("'`id`'");
    assertThat(Shell.quote("~")).isEqualTo("'~'");
    assertThat(Shell.quote("*")).isEqualTo("'*'");
    assertThat(Shell.quote("it's")).isEqualTo("'it'\\''s'");
    assertThat(Shell.quote("a'b$(touch /tmp/pwned)")).isEqualTo("'a'\\''b$(touch /tmp/pwned)'");
    assertThat(Shell.quote("line1\nline2")).isEqualTo("'line1\nline2'");
    assertThat(Shell.quote("héllo")).isEqualTo("'héllo'");
  }

  @Test
  void joinQuotesEachWord() {
    assertThat(Shell.join(List.of("docker", "run", "--label", "msg=it's $x", "img:1")))
        .isEqualTo("docker run --label 'msg=it'\\''s $x' img:1");
    assertThat(Shell.join(List.of())).isEmpty();
  }

  @Property(tries = 300)
  void quotedValueRoundTripsThroughARealShell(@ForAll("hostile") String value) throws Exception {
    assertThat(printThroughShell(Shell.quote(value))).isEqualTo(value);
  }

  @Property(tries = 100)
  void joinedArgvRoundTripsWordByWord(@ForAll("hostile") String a, @ForAll("hostile") String b) throws Exception {
    String printed = printThroughShell(Shell.join(List.of("X" + a, b)), "%s\\0%s");
    assertThat(printed).isEqualTo("X" + a + "\0" + b);
  }

  @Provide
  Arbitrary<String> hostile() {
    Arbitrary<String> special =
        Arbitraries.of("'", "\"", "$", "`", "\\", "\n", "\t", " ", "*", "?", "~", "!", ";", "&", "|", "<", ">",
            "(", ")", "{", "}", "#", "é", "日本", "😀", "$(touch /tmp/sextant-ssh-pwned)", "%s", "-n");
    Arbitrary<String> plain = Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(3);
    Arbitrary<String> any = Arbitraries.strings().withCharRange((char) 1, (char) 0x7ff).ofMaxLength(4); // below the surrogate range
    return Arbitraries.oneOf(special, plain, any).list().ofMaxSize(8).map(parts -> String.join("", parts));
  }

  private static String printThroughShell(String quoted) throws IOException, InterruptedException {
    return printThroughShell(quoted, "%s");
  }

  private static String printThroughShell(String quotedWords, String format) throws IOException, InterruptedException {
    // The script goes in on stdin as UTF-8 so the JVM's argv encoding (ASCII under LANG=C) cannot mangle it.
    Process process = new ProcessBuilder("/bin/sh", "-s").redirectErrorStream(true).start();
    try (var stdin = process.getOutputStream()) {
      stdin.write(("printf '" + format + "' " + quotedWords + "\n").getBytes(StandardCharsets.UTF_8));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    process.getInputStream().transferTo(out);
    process.waitFor();
    return out.toString(StandardCharsets.UTF_8);
  }
}
