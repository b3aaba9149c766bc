package io.sextant.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.SextantException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootGroupsTest {
  private final List<String> four = List.of("h1", "h2", "h3", "h4");

  @Test
  void noLimitIsOneGroup() {
    assertThat(BootGroups.of(four, null, 4)).containsExactly(four);
  }

  @Test
  void integerLimitSlicesLikeKamalsEachSlice() {
    assertThat(BootGroups.of(four, 3, 4)).containsExactly(List.of("h1", "h2", "h3"), List.of("h4"));
    assertThat(BootGroups.of(four, "2", 4)).containsExactly(List.of("h1", "h2"), List.of("h3", "h4"));
  }

  @Test
  void percentageCountsAllHostsOfTheConfigurationAndIsAtLeastOne() {
    assertThat(BootGroups.of(four, "50%", 4)).containsExactly(List.of("h1", "h2"), List.of("h3", "h4"));
    // 8 hosts in total (accessories included) => groups of 4, even though only 4 app hosts boot
    assertThat(BootGroups.of(four, "50%", 8)).containsExactly(four);
    assertThat(BootGroups.of(four, "10%", 4)).hasSize(4);
  }

  @Test
  void invalidLimitIsAConfigurationError() {
    assertThatThrownBy(() -> BootGroups.of(four, "abc", 4))
        .isInstanceOf(SextantException.class)
        .hasMessageContaining("boot/limit: 'abc'");
    assertThatThrownBy(() -> BootGroups.of(four, 0, 4)).isInstanceOf(SextantException.class);
  }

  @Test
  void noHostsNoGroups() {
    assertThat(BootGroups.of(List.of(), 2, 4)).isEmpty();
  }
}
