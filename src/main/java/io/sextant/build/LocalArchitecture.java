package io.sextant.build;

import io.sextant.commands.DockerCommands;
import io.sextant.config.BuilderConfig;
import io.sextant.process.LocalCommand;
import io.sextant.process.OutputListener;
import io.sextant.process.ProcessFailedException;
import io.sextant.process.ProcessResult;
import io.sextant.process.ProcessRunner;
import java.util.Locale;

/**
 * The architecture this machine's Docker builds, which decides between the local and the remote builder (Kamal
 * asks {@code docker info}). Only asked when {@code builder.remote} is set; otherwise the JVM's answer does.
 */
public final class LocalArchitecture {
  private LocalArchitecture() {}

  public static String of(ProcessRunner runner, BuilderConfig builder) {
    if (builder.remote() == null || builder.remote().isEmpty()) {
      return ofThisJvm();
    }
    try {
      ProcessResult info = runner.run(LocalCommand.of(DockerCommands.localArchitecture()), OutputListener.NONE);
      return info.succeeded() ? DockerCommands.dockerArch(info.stdout()) : ofThisJvm();
    } catch (ProcessFailedException e) {
      return ofThisJvm();
    }
  }

  /** The JVM's architecture in Docker's words (for what does not depend on the builder kind). */
  public static String ofThisJvm() {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    return switch (arch) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> arch;
    };
  }
}
