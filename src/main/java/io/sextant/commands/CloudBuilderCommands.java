package io.sextant.commands;

import static io.sextant.commands.BuilderWords.combine;

import java.util.List;

/**
 * Docker Build Cloud ({@code driver: cloud <org>/<builder>},
 * https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/commands/builder/cloud.rb): a buildx builder of the
 * {@code cloud} driver, named after the driver.
 */
record CloudBuilderCommands(BuilderCommands settings) implements BuilderTarget {
  @Override
  public String builderName() {
    return settings.driver().replaceAll("[ /]", "-");
  }

  @Override
  public List<String> create() {
    return List.of("docker", "buildx", "create", "--driver", settings.driver());
  }

  @Override
  public List<String> remove() {
    return List.of("docker", "buildx", "rm", builderName());
  }

  @Override
  public List<String> info() {
    return combine("&&", List.of("docker", "context", "ls"), List.of("docker", "buildx", "ls"));
  }

  @Override
  public List<String> inspectBuilder() {
    return List.of("docker", "buildx", "inspect", builderName());
  }

  @Override
  public List<String> push(String output, boolean tagAsDirty, boolean noCache) {
    return settings.buildxPush(builderName(), output, tagAsDirty, noCache);
  }
}
