package io.sextant.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ReadinessPauseTest {
  @Test
  void pollsQuicklyAtFirstThenAsKamalDoes() {
    assertThat(LongStream.rangeClosed(1, 10).map(Readiness::pause).toArray())
        .containsExactly(100, 200, 400, 800, 1600, 3200, 6400, 8000, 9000, 10000);
  }

  @Test
  void neverOverflowsOnLongWaits() {
    assertThat(Readiness.pause(70)).isEqualTo(70_000);
  }
}
