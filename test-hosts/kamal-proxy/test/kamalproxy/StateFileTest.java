package kamalproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved services come back after a restart with their command line and maintenance state. */
class StateFileTest {
  @TempDir
  Path dir;

  @Test
  void roundTripsServicesAndStates() throws Exception {
    List<String> argv = List.of("deploy", "app-web", "--target=abc:80", "--host=a b.com");
    DeployOptions options = DeployOptions.from(Cli.parse(argv));
    Service service = new Service("app-web", options, argv,
        new TargetGroup(options.targets(), Executors.newSingleThreadExecutor()));
    service.stop("Back soon, 100% sure");
    StateFile file = new StateFile(dir.resolve("state"));
    file.write(List.of(service));
    List<StateFile.Entry> entries = file.read();
    assertThat(entries).containsExactly(
        new StateFile.Entry(Service.State.STOPPED, "Back soon, 100% sure", Duration.ZERO, argv));
    assertThat(Files.list(dir)).containsExactly(dir.resolve("state"));
  }

  @Test
  void noFileMeansNoServices() {
    assertThat(new StateFile(dir.resolve("missing")).read()).isEmpty();
  }
}
