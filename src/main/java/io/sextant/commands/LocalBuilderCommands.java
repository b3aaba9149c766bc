package io.sextant.commands;

import static io.sextant.commands.BuilderWords.combine;
import static io.sextant.commands.BuilderWords.words;

import java.util.List;

/**
 * The local buildx builder (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/commands/builder/local.rb):
 * none to set up with the {@code docker} driver, else a builder created with the configured driver.
 */
record LocalBuilderCommands(BuilderCommands settings) implements BuilderTarget {
  @Override
  public String builderName() {
    String driver = settings.driver();
    return settings.localRegistry() ? "kamal-local-registry-" + driver : "kamal-local-" + driver;
  }

  @Override
  public List<String> create() {
    return settings.dockerDriver() ? List.of()
        : words(List.of("docker", "buildx", "create", "--name", builderName(), "--driver=" + settings.driver()),
            settings.driverOptions());
  }

  @Override
  public List<String> remove() {
    return settings.dockerDriver() ? List.of() : List.of("docker", "buildx", "rm", builderName());
  }

  @Override
  public List<String> info() {
    return combine("&&", List.of("docker", "context", "ls"), List.of("docker", "buildx", "ls"));
  }

  @Override
  public List<String> inspectBuilder() {
    return settings.dockerDriver() ? List.of() : List.of("docker", "buildx", "inspect", builderName());
  }

  @Override
  public List<String> push(String output, boolean tagAsDirty, boolean noCache) {
    return settings.buildxPush(builderName(), output, tagAsDirty, noCache);
  }
}
