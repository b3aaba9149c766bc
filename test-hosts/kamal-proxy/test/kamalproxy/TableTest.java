package kamalproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** kamal-proxy's list table (internal/cmd/formatting.go): padded columns, two spaces, ANSI styles. */
class TableTest {
  @Test
  void padsAndStylesLikeUpstream() {
    String table = Table.render(List.of(List.of("Service", "Host"), List.of("app-web-long", "*")));
    assertThat(table).isEqualTo(
        "\033[3;94mService\033[0m       \033[3;94mHost\033[0m  \n"
            + "\033[1;34mapp-web-long\033[0m  \033[m*\033[0m     \n");
  }
}
