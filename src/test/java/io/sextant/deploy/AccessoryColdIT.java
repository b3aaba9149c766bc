package io.sextant.deploy;

import io.sextant.testing.ColdPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The {@code accessory} commands again on the cold path ({@code SEXTANT_AGENT=0}, issue 20): the suite runs with the
 * warm agent on, as users do; this twin proves the same output, exit codes, hooks and audit lines without it. A
 * whole second {@link AccessoryIT} would cost CI as much again, so the twin runs the scenarios that cover every
 * accessory subcommand family (boot through {@code setup}, details, exec, reboot, stop/start/restart, logs, an
 * unknown name, remove), in the parent's order and with the parent's own code and assertions: each test here calls
 * the parent's test method on a parent instance of its own. After every test, {@link ColdPath} checks that no
 * command started or used an agent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessoryColdIT {
  private final AccessoryIT scenarios = new AccessoryIT();

  @BeforeAll
  void setUp() throws Exception {
    scenarios.setUp();
    scenarios.project.extraEnv.put("SEXTANT_AGENT", "0");
  }

  @AfterEach
  void noAgentRan() throws Exception {
    ColdPath.assertNoAgentRan();
  }

  @AfterAll
  void tearDown() throws Exception {
    scenarios.tearDown();
  }

  @Test
  @Order(1)
  void setupBootsEveryAccessoryOnItsHosts() throws Exception {
    scenarios.setupBootsEveryAccessoryOnItsHosts();
  }

  @Test
  @Order(2)
  void detailsAllListsThemByHost() throws Exception {
    scenarios.detailsAllListsThemByHost();
  }

  @Test
  @Order(3)
  void filesAreRenderedUploadedWithTheirModesAndServed() throws Exception {
    scenarios.filesAreRenderedUploadedWithTheirModesAndServed();
  }

  @Test
  @Order(4)
  void aSecretReachesTheContainerOnlyThroughTheEnvFile() throws Exception {
    scenarios.aSecretReachesTheContainerOnlyThroughTheEnvFile();
  }

  @Test
  @Order(5)
  void stopStartRestartAndLogs() throws Exception {
    scenarios.stopStartRestartAndLogs();
  }

  @Test
  @Order(6)
  void anUnknownNameIsAUsageErrorNamingTheOptions() throws Exception {
    scenarios.anUnknownNameIsAUsageErrorNamingTheOptions();
  }

  @Test
  @Order(7)
  void removeAllLeavesNoContainerDirectoryOrImage() throws Exception {
    scenarios.removeAllLeavesNoContainerDirectoryOrImage();
  }
}
