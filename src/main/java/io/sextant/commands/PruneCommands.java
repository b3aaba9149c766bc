package io.sextant.commands;

import io.sextant.config.DeployConfig;
import java.util.List;

/**
 * Remote clean-up of old containers and images (Kamal's {@code Kamal::Commands::Prune}).
 *
 * @param service the {@code service} name
 * @param destination the destination, or {@code null}
 * @param repository the image without tag, registry included
 */
public record PruneCommands(String service, String destination, String repository) {

  public static PruneCommands of(DeployConfig config) {
    return new PruneCommands(config.service(), config.destination(), config.repository());
  }

  /** Removes the service's untagged images. */
  public String danglingImages() {
    return Shell.join(List.of("docker", "image", "prune", "--force", "--filter", "label=service=" + service));
  }

  /** Removes tagged images of the service that no container uses, keeping every {@code latest*} tag. */
  public String taggedImages() {
    String inUse = "$(docker container ls -a --format '{{.Image}}\\|' --filter label=service=" + service
        + " | tr -d '\\n')" + repository + ":<none>\\|[^ ]*:latest\\(-[^ ]*\\)\\?$";
    return Shell.join(List.of("docker", "image", "ls", "--filter", "label=service=" + service,
            "--format", "{{.ID}} {{.Repository}}:{{.Tag}}"))
        + " | grep -v -w \"" + inUse + "\" | while read image tag; do docker rmi $tag; done";
  }

  /** Removes stopped app containers of the service and destination beyond the newest {@code retain}. */
  public String appContainers(int retain) {
    return Shell.join(List.of("docker", "ps", "-q", "-a",
            "--filter", "label=service=" + service,
            "--filter", "label=destination=" + (destination == null ? "" : destination),
            "--filter", "status=created", "--filter", "status=exited", "--filter", "status=dead"))
        + " | tail -n +" + (retain + 1) + " | while read container_id; do docker rm $container_id; done";
  }
}
