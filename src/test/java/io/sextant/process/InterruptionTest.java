package io.sextant.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterruptionTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"INT, 130", "TERM, 143", "HUP, 129"})
  void signalRunsCleanupsNewestFirstThenExitsWithTheSignalsCode(String signal, int expectedExit) throws Exception {
    Path log = dir.resolve("cleanup.log");
    Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), InterruptionProbe.class.getName(), log.toString())
        .redirectErrorStream(true).start();
    try {
      BufferedReader reader = new BufferedReader(new InputStreamReader(probe.getInputStream()));
      assertThat(reader.readLine()).isEqualTo("ready");
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(probe.pid())).start();
      assertThat(kill.waitFor()).isZero();
      assertThat(probe.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(probe.exitValue()).isEqualTo(expectedExit);
      assertThat(Files.readAllLines(log)).containsExactly("second", "first");
    } finally {
      probe.destroyForcibly();
    }
  }

  @Test
  void cleanupThatHangsDoesNotKeepTheProcessAlive() {
    AtomicInteger exit = new AtomicInteger(-1);
    Interruption interruption = new Interruption(exit::set, Duration.ofMillis(300));
    interruption.onInterrupt("hang", () -> {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
    });
    long start = System.nanoTime();
    interruption.interrupt(Interruption.SIGINT_EXIT);
    assertThat(exit).hasValue(130);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(interruption.isInterrupted()).isTrue();
  }

  @Test
  void failingCleanupDoesNotStopTheOthers() {
    AtomicInteger exit = new AtomicInteger(-1);
    AtomicInteger ran = new AtomicInteger();
    Interruption interruption = new Interruption(exit::set, Duration.ofSeconds(5));
    interruption.onInterrupt("counts", ran::incrementAndGet);
    interruption.onInterrupt("fails", () -> {
      throw new IllegalStateException("host gone");
    });
    interruption.interrupt(Interruption.SIGTERM_EXIT);
    assertThat(ran).hasValue(1);
    assertThat(exit).hasValue(143);
  }

  @Test
  void aThreadCutShortByTheCleanupWaitsForTheExitOfTheSignal() throws Exception {
    AtomicInteger exit = new AtomicInteger(-1);
    Interruption interruption = new Interruption(code -> {
      try {
        Thread.sleep(300); // the exit takes a while: the waiting thread must not end before it
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exit.set(code);
    }, Duration.ofSeconds(5));
    long start = System.nanoTime();
    interruption.awaitExitIfInterrupted();
    assertThat(System.nanoTime() - start).as("no signal: no wait").isLessThan(200_000_000L);

    java.util.concurrent.CountDownLatch cutShort = new java.util.concurrent.CountDownLatch(1);
    interruption.onInterrupt("kill the remote command", cutShort::countDown);
    Thread signal = new Thread(() -> interruption.interrupt(Interruption.SIGINT_EXIT));
    signal.start();
    cutShort.await();
    interruption.awaitExitIfInterrupted();
    assertThat(exit).as("the signal's exit happened before the waiting thread went on").hasValue(130);
    signal.join();
  }
}
