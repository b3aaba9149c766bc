package io.sextant.commands;

import static io.sextant.commands.BuilderWords.argumentize;
import static io.sextant.commands.BuilderWords.combine;
import static io.sextant.commands.BuilderWords.words;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cloud Native Buildpacks ({@code builder.pack},
 * https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/commands/builder/pack.rb): {@code pack build} instead of
 * buildx, then {@code docker push} of both tags. Only here do secret values reach a command line ({@code --env}),
 * as with Kamal.
 */
record PackBuilderCommands(BuilderCommands settings) implements BuilderTarget {
  @Override
  public String builderName() {
    return null;
  }

  @Override
  public List<String> create() {
    return List.of();
  }

  @Override
  public List<String> remove() {
    return List.of();
  }

  @Override
  public List<String> info() {
    return List.of("pack", "builder", "inspect", packBuilder());
  }

  @Override
  public List<String> inspectBuilder() {
    return info();
  }

  @Override
  public List<String> push(String output, boolean tagAsDirty, boolean noCache) {
    List<String> buildpacks = new ArrayList<>();
    if (setting("buildpacks") instanceof List<?> list) {
      list.forEach(buildpack -> buildpacks.addAll(List.of("--buildpack", String.valueOf(buildpack))));
    }
    buildpacks.addAll(List.of("--buildpack", "paketo-buildpacks/image-labels"));
    List<String> localArches = settings.localArches();
    String platform = "linux/" + (localArches.isEmpty() ? "" : localArches.get(0));
    List<String> build = words(
        List.of("pack", "build", settings.repository(), "--platform", platform, "--creation-time", "now",
            "--builder", packBuilder()),
        buildpacks,
        settings.tagOptions(tagAsDirty),
        noCache ? List.of("--clear-cache") : List.of(),
        List.of("--env", "BP_IMAGE_LABELS=service=" + settings.service()),
        argumentize("--env", settings.builder().args()),
        argumentize("--env", orderedSecrets()),
        List.of("--path", settings.context()));
    if (!output.equals("registry")) {
      return build;
    }
    return combine("&&", build, List.of("docker", "push", settings.absoluteImage()),
        List.of("docker", "push", settings.latestImage()));
  }

  private String packBuilder() {
    return String.valueOf(setting("builder"));
  }

  private Object setting(String key) {
    return settings.builder().extra().get("pack") instanceof Map<?, ?> pack ? pack.get(key) : null;
  }

  /** {@code builder.secrets} in their configured order, with their values (missing ones empty). */
  private Map<String, String> orderedSecrets() {
    Map<String, String> ordered = new LinkedHashMap<>();
    settings.builder().secrets().forEach(name -> ordered.put(name, settings.secretValues().getOrDefault(name, "")));
    return ordered;
  }
}
