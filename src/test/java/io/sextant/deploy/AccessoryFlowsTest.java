package io.sextant.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pieces of {@link AccessoryFlows} that need no host. */
class AccessoryFlowsTest {
  @Test
  void namesAreListedAsRubysToSentence() {
    // K:test/cli/accessory_test.rb:107-109 ("options: mysql, redis, and busybox")
    assertThat(AccessoryFlows.sentence(List.of("mysql", "redis", "busybox"))).isEqualTo("mysql, redis, and busybox");
    assertThat(AccessoryFlows.sentence(List.of("mysql", "redis"))).isEqualTo("mysql and redis");
    assertThat(AccessoryFlows.sentence(List.of("mysql"))).isEqualTo("mysql");
  }
}
