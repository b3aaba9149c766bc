package io.sextant.commands;

import static io.sextant.commands.BuilderWords.chain;
import static io.sextant.commands.BuilderWords.combine;
import static io.sextant.commands.BuilderWords.pipe;
import static io.sextant.commands.BuilderWords.words;

import java.util.List;

/**
 * A builder on another machine, reached through a Docker context ({@code builder.remote}): all arches there
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/commands/builder/remote.rb) or, hybrid, the local arch
 * here and the others there (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/commands/builder/hybrid.rb).
 *
 * @param hybrid whether this machine builds its own arch too
 */
record RemoteBuilderCommands(BuilderCommands settings, boolean hybrid) implements BuilderTarget {
  @Override
  public String builderName() {
    return (hybrid ? "kamal-hybrid-" + settings.driver() + "-" : "kamal-remote-") + remoteSuffix();
  }

  private String remoteSuffix() {
    return settings.remote().replaceAll("[^a-z0-9_-]", "-") + (settings.localRegistry() ? "-local-registry" : "");
  }

  private String contextName() {
    return builderName() + "-context";
  }

  @Override
  public List<String> create() {
    if (!hybrid) {
      return chain(createContext(), words(List.of("docker", "buildx", "create", "--name", builderName()),
          settings.driverOptions(), List.of(contextName())));
    }
    return combine("&&",
        words(List.of("docker", "buildx", "create"), BuilderCommands.platformOptions(settings.localArches()),
            List.of("--name", builderName(), "--driver=" + settings.driver()), settings.driverOptions()),
        createContext(),
        words(List.of("docker", "buildx", "create"), BuilderCommands.platformOptions(settings.remoteArches()),
            List.of("--append", "--name", builderName()), settings.driverOptions(), List.of(contextName())));
  }

  private List<String> createContext() {
    return List.of("docker", "context", "create", contextName(), "--description", "'" + builderName() + " host'",
        "--docker", "'host=" + settings.remote() + "'");
  }

  @Override
  public List<String> remove() {
    return chain(List.of("docker", "context", "rm", contextName()), List.of("docker", "buildx", "rm", builderName()));
  }

  @Override
  public List<String> info() {
    return chain(List.of("docker", "context", "ls"), List.of("docker", "buildx", "ls"));
  }

  /** Fails unless the builder exists on the context and the context points at {@code builder.remote}. */
  @Override
  public List<String> inspectBuilder() {
    return combine("||",
        combine("&&",
            pipe(List.of("docker", "buildx", "inspect", builderName()),
                List.of("grep", "-q", "Endpoint:.*" + contextName())),
            pipe(List.of("docker", "context", "inspect", contextName(), "--format", "'{{.Endpoints.docker.Host}}'"),
                List.of("grep", "-xq", settings.remote()))),
        List.of("(echo no compatible builder && exit 1)"));
  }

  @Override
  public List<String> push(String output, boolean tagAsDirty, boolean noCache) {
    return settings.buildxPush(builderName(), output, tagAsDirty, noCache);
  }
}
