package kamalproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The maintenance page carries the message, escaped; a service's own 503.html is used when it has one. */
class ErrorPagesTest {
  @TempDir
  Path dir;

  @Test
  void builtInPageShowsTheEscapedMessage() {
    String page = new String(ErrorPages.render(503, "Back <soon> & \"then\"", null), StandardCharsets.UTF_8);
    assertThat(page).contains("503 Service Unavailable").contains("Back &lt;soon&gt; &amp; &#34;then&#34;");
  }

  @Test
  void customTemplateGetsTheMessage() throws Exception {
    Files.writeString(dir.resolve("503.html"), "<p>{{ .Message }}</p>");
    assertThat(new String(ErrorPages.render(503, "Upgrading $1", dir.toString()), StandardCharsets.UTF_8))
        .isEqualTo("<p>Upgrading $1</p>");
    assertThat(new String(ErrorPages.render(502, null, dir.toString()), StandardCharsets.UTF_8))
        .contains("502 Bad Gateway");
  }
}
