package io.sextant.commands;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Golden scripts of a role's boot: the steps, their order and names, and when docker run waits for a decision. */
class BootScriptsTest {
  private final AppCommands web = new AppCommands("app", null, "dhh/app", "web", "999");
  private static final String RUN = "docker run --name app-web-999 dhh/app:999";

  @Test
  void prepareWritesTheEnvFileFromStdinThenNetworkLookupCurrentVersionAndRun() {
    String script = BootScripts.prepare(web, RUN, false).render();
    assertThat(script).contains("""
        ( mkdir -p .kamal/apps/app/env/roles && umask 077 && cat > .kamal/apps/app/env/roles/web.env.sextant-tmp \
        && chmod 600 .kamal/apps/app/env/roles/web.env.sextant-tmp \
        && mv .kamal/apps/app/env/roles/web.env.sextant-tmp .kamal/apps/app/env/roles/web.env
        ) 2>"$sx_t" || sx_failed 1 $?; sx_err
        ( docker network inspect kamal >/dev/null 2>&1 || docker network create kamal
        ) </dev/null 2>"$sx_t" || sx_failed 2 $?; sx_err
        sx_existing=$( { docker container ls --all --filter 'name=^app-web-999$' --quiet
        } </dev/null 2>"$sx_t" ) || sx_failed 3 $?; sx_err
        sx_current=$( { %s
        } </dev/null 2>"$sx_t" ) || sx_current=; sx_err
        if [ -z "$sx_existing" ]; then
        sx_started=$( { docker run --name app-web-999 dhh/app:999
        } </dev/null 2>"$sx_t" ) || sx_failed 5 $?; sx_err
        fi
        """.formatted(web.currentRunningVersion()));
  }

  @Test
  void aRolePublishingPortsRunsAtOnceOnlyWhenNothingRuns() {
    assertThat(BootScripts.prepare(web, RUN, true).render())
        .contains("if [ -z \"$sx_existing\" ] && [ -z \"$sx_current\" ]; then\nsx_started=");
  }

  @Test
  void stepsAreNamedAsInTheBootErrors() {
    StepScript prepare = BootScripts.prepare(web, RUN, false);
    assertThat(prepare.read(1, "", "sextant: step 1 failed (exit 1)\n").failedStep()).isEqualTo("env file");
    assertThat(prepare.read(1, "", "sextant: step 2 failed (exit 1)\n").failedStep()).isEqualTo("network");
    assertThat(prepare.read(1, "", "sextant: step 3 failed (exit 1)\n").failedStep()).isEqualTo("container lookup");
    assertThat(prepare.read(125, "", "sextant: step 5 failed (exit 125)\n").failedStep()).isEqualTo(BootScripts.RUN);
    StepScript.Outcome ok = prepare.read(0, "sextant-value existing \nsextant-value current 998\n"
        + "sextant-value started abc123\n", "");
    assertThat(ok.value(BootScripts.EXISTING)).isEmpty();
    assertThat(ok.value(BootScripts.CURRENT)).isEqualTo("998");
    assertThat(ok.value(BootScripts.STARTED)).isEqualTo("abc123");
  }

  @Test
  void startRenamesStopsThenRuns() {
    StepScript start = BootScripts.start(web, "999_replaced_ab", "998", 30, RUN);
    assertThat(start.render()).contains("""
        ( docker rename app-web-999 app-web-999_replaced_ab
        ) </dev/null 2>"$sx_t" || sx_failed 1 $?; sx_err
        ( docker container ls --all --filter 'name=^app-web-998$' --quiet | xargs -r docker stop -t 30
        ) </dev/null 2>"$sx_t" || sx_failed 2 $?; sx_err
        ( docker run --name app-web-999 dhh/app:999
        ) </dev/null 2>"$sx_t" || sx_failed 3 $?; sx_err
        """);
    assertThat(start.read(1, "", "sextant: step 1 failed (exit 1)\n").failedStep())
        .isEqualTo("rename of the existing container");
    assertThat(start.read(1, "", "sextant: step 2 failed (exit 1)\n").failedStep())
        .isEqualTo("stop of the previous container");
    assertThat(start.read(1, "", "sextant: step 3 failed (exit 1)\n").failedStep()).isEqualTo(BootScripts.RUN);
  }

  @Test
  void startWithOnlyARenameOrOnlyAStop() {
    assertThat(BootScripts.start(web, "x", null, null, RUN).render())
        .contains("docker rename").doesNotContain("docker stop").contains("sx_failed 2 $?");
    assertThat(BootScripts.start(web, null, "998", null, RUN).render())
        .doesNotContain("docker rename").contains("xargs -r docker stop\n").contains("sx_failed 2 $?");
  }
}
