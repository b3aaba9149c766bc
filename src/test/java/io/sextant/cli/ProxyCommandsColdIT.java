package io.sextant.cli;

import io.sextant.testing.ColdPath;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code proxy} commands again on the cold path ({@code SEXTANT_AGENT=0}, issue 20): the suite runs with the
 * warm agent on, as users do; this twin proves the same output, exit codes, hooks, lock behaviour and audit lines
 * without it. A whole second {@link ProxyCommandsIT} would cost CI as much again, so the twin runs the scenarios
 * that cover every {@code proxy} subcommand family (boot, details, logs, the lock, a rolling reboot with its hooks,
 * stop and start, remove), in the parent's order and with the parent's own code and assertions: each test here calls
 * the parent's test method on a parent instance of its own, set up on the same hosts. After every test,
 * {@link ColdPath} checks that no command started or used an agent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProxyCommandsColdIT {
  private final ProxyCommandsIT scenarios = new ProxyCommandsIT();

  @BeforeAll
  void setUp(@TempDir Path root) throws Exception {
    scenarios.setUp(root);
    scenarios.project.withoutAgent();
  }

  @AfterEach
  void noAgentRan() throws Exception {
    ColdPath.assertNoAgentRan();
  }

  @AfterAll
  void tearDown() {
    scenarios.tearDown();
  }

  @Test
  @Order(1)
  void bootStartsTheProxyOnTheWebHostsOnlyAndIsIdempotent() throws Exception {
    scenarios.bootStartsTheProxyOnTheWebHostsOnlyAndIsIdempotent();
  }

  @Test
  @Order(2)
  void registeredAppIsServedThroughTheProxy() throws Exception {
    scenarios.registeredAppIsServedThroughTheProxy();
  }

  @Test
  @Order(3)
  void detailsShowTheProxyContainerPerProxyHost() throws Exception {
    scenarios.detailsShowTheProxyContainerPerProxyHost();
  }

  @Test
  @Order(4)
  void logsShowTheRequestsTheProxyServed() throws Exception {
    scenarios.logsShowTheRequestsTheProxyServed();
  }

  @Test
  @Order(5)
  void bootWaitsForNoOneAndFailsWhileTheLockIsHeld() throws Exception {
    scenarios.bootWaitsForNoOneAndFailsWhileTheLockIsHeld();
  }

  @Test
  @Order(6)
  void rollingRebootFiresTheHooksPerHostWhileTheOtherHostServes() throws Exception {
    scenarios.rollingRebootFiresTheHooksPerHostWhileTheOtherHostServes();
  }

  @Test
  @Order(7)
  void stopThenStart() throws Exception {
    scenarios.stopThenStart();
  }

  @Test
  @Order(8)
  void removeKeepsTheProxyWhileAppsAreInstalledUnlessForced() throws Exception {
    scenarios.removeKeepsTheProxyWhileAppsAreInstalledUnlessForced();
  }
}
