package io.sextant.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.console.Verbosity;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pre-connect} as connections see it: whether it can run anything (so a connection may start before it),
 * and its context built only when a script (or a skip record) needs it.
 */
class PreConnectTest {
  @TempDir Path temp;
  HookFixture fixture;
  final AtomicInteger contexts = new AtomicInteger();
  final Supplier<HookContext> context = () -> {
    contexts.incrementAndGet();
    return HookFixture.context();
  };

  @BeforeEach
  void setUp() {
    fixture = new HookFixture(temp);
  }

  @Test
  void withoutAScriptNothingRunsAndNoContextIsBuilt() {
    fixture.recordingHook("pre-deploy", "");
    HookRunner runner = fixture.runner(fixture.settings(Verbosity.VERBOSE));
    assertThat(runner.preConnectRunsNothing()).isTrue();
    runner.preConnectOnce(context);
    assertThat(contexts).hasValue(0);
    assertThat(runner.connected()).isTrue();
    assertThat(fixture.stdout()).doesNotContain("pre-connect");
  }

  @Test
  void aScriptRunsWithItsContext() {
    fixture.recordingHook("pre-connect", "");
    HookRunner runner = fixture.runner(fixture.settings(Verbosity.NORMAL));
    assertThat(runner.preConnectRunsNothing()).isFalse();
    runner.preConnectOnce(context);
    runner.preConnectOnce(context);
    assertThat(contexts).hasValue(1);
    assertThat(fixture.runs("pre-connect")).isEqualTo(1);
    assertThat(fixture.recordedEnv("pre-connect")).containsEntry("KAMAL_LOCK", "false");
  }

  @Test
  void anInvalidScriptCountsAsRunning() {
    HookFixture.script(fixture.hooks.resolve("pre-connect"), "#!/bin/sh\n", "rw-r--r--");
    HookRunner runner = fixture.runner(fixture.settings(Verbosity.NORMAL));
    assertThat(runner.preConnectRunsNothing()).as("it fails the command before any connection").isFalse();
    assertThatThrownBy(() -> runner.preConnectOnce(context)).isInstanceOf(InvalidHookException.class);
    assertThat(runner.connected()).isFalse();
  }

  @Test
  void aSkippedScriptRunsNothingButIsStillReported() {
    fixture.recordingHook("pre-connect", "");
    HookRunner runner = fixture.runner(fixture.settings(Verbosity.VERBOSE).withSkips(false, List.of("pre-*")));
    assertThat(runner.preConnectRunsNothing()).isTrue();
    runner.preConnectOnce(context);
    assertThat(fixture.runs("pre-connect")).isZero();
    assertThat(contexts).as("the skip is recorded with the context").hasValue(1);
    assertThat(fixture.stdout()).contains("Skipping hook pre-connect (--skip-hook pre-*)");
  }
}
