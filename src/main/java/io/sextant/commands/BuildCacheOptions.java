package io.sextant.commands;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code builder.cache} as buildx's {@code --cache-to}/{@code --cache-from} values
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/configuration/builder.rb#L100-L124 and #L172-L201):
 * {@code gha}, or {@code registry} with {@code <registry>/<image>-build-cache} unless {@code cache.image} is set.
 *
 * @param cache {@code builder.cache} ({@code type}, {@code image}, {@code options})
 * @param image {@code image}, without registry
 * @param registryServer {@code registry.server}, or {@code null} for Docker Hub
 */
record BuildCacheOptions(Map<String, String> cache, String image, String registryServer) {
  /** {@code --cache-from}'s value, or {@code null} without a cache. */
  String from() {
    String type = cache.get("type");
    if (type == null) {
      return null;
    }
    return switch (type) {
      case "gha" -> String.join(",", Stream.concat(Stream.of("type=gha"), splitOptions().stream()
          .filter(option -> option.matches("^(url|url_v2|token|scope|timeout)=.*"))).toList());
      case "registry" -> "type=registry,ref=" + imageRef();
      default -> null;
    };
  }

  /** {@code --cache-to}'s value, or {@code null} without a cache. */
  String to() {
    String type = cache.get("type");
    if (type == null) {
      return null;
    }
    String options = cache.get("options") == null ? "" : "," + cache.get("options");
    return switch (type) {
      case "gha" -> "type=gha" + options;
      case "registry" -> "type=registry,ref=" + imageRef() + options;
      default -> null;
    };
  }

  private List<String> splitOptions() {
    String options = cache.get("options");
    return options == null ? List.of() : Arrays.asList(options.split(","));
  }

  private String imageRef() {
    String cacheImage = cache.get("image");
    cacheImage = cacheImage == null ? image + "-build-cache" : cacheImage;
    return registryServer == null ? cacheImage : registryServer + "/" + cacheImage;
  }
}
