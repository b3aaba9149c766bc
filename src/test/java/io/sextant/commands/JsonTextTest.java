package io.sextant.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JSON writer's escaping, as Ruby's {@code JSON.generate} (json 2.x, the generator Kamal's {@code secrets fetch}
 * prints with) escapes: quote and backslash, the short forms for backspace, form feed, newline, return and tab,
 * other control characters as a lower-case four-digit escape; slash, DEL and non-ASCII left as they are.
 */
class JsonTextTest {
  @Test
  void quotesAndBackslashesAreEscaped() {
    assertThat(JsonText.write("say \"hi\" C:\\dir")).isEqualTo("\"say \\\"hi\\\" C:\\\\dir\"");
  }

  @Test
  void everyControlCharacterIsEscapedShortFormsWhereJsonHasThem() {
    assertThat(JsonText.write("\b\f\n\r\t")).isEqualTo("\"\\b\\f\\n\\r\\t\"");
    assertThat(JsonText.write("\u0000\u0001\u001b\u001f")).isEqualTo("\"\\u0000\\u0001\\u001b\\u001f\"");
    for (char c = 0; c < 0x20; c++) {
      assertThat(JsonText.write(String.valueOf(c))).as("U+%04X", (int) c).startsWith("\"\\").hasSizeGreaterThan(3);
    }
    assertThat(JsonText.write("\u007f/ ")).isEqualTo("\"\u007f/ \"");
  }

  @Test
  void unicodeStaysAsItIsButALoneSurrogateIsEscaped() {
    assertThat(JsonText.write("héllo ✓ \uD83D\uDE80 \u2028")).isEqualTo("\"héllo ✓ \uD83D\uDE80 \u2028\"");
    assertThat(JsonText.write("a\uD83Db")).isEqualTo("\"a\\ud83db\"");
    assertThat(JsonText.write("\uDE80")).isEqualTo("\"\\ude80\"");
  }

  @Test
  void mapsAndListsAreCompactInTheirOrder() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("b", "2");
    map.put("a", List.of(1, 2.5, true));
    map.put("n", null);
    map.put("m", Map.of("k\"", "v"));
    assertThat(JsonText.write(map)).isEqualTo("{\"b\":\"2\",\"a\":[1,2.5,true],\"n\":null,\"m\":{\"k\\\"\":\"v\"}}");
    assertThat(JsonText.write(Arrays.asList(null, "x"))).isEqualTo("[null,\"x\"]");
  }

  @Test
  void whatJsonCannotSayIsWrittenAsAString() {
    assertThat(JsonText.write(Double.NaN)).isEqualTo("\"NaN\"");
    assertThat(JsonText.write(Double.POSITIVE_INFINITY)).isEqualTo("\"Infinity\"");
    assertThat(JsonText.write(java.time.Duration.ofSeconds(3))).isEqualTo("\"PT3S\"");
  }
}
