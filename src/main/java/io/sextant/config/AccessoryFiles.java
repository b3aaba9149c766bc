package io.sextant.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The content of an accessory's {@code files} entry as Kamal uploads it: a local name ending in {@code erb} is an ERB
 * template, rendered here with the accessory's env (clear values and secrets) added to {@code ENV}; any other file is
 * sent as it is. Read before anything runs on a host, so a missing file stops the command first.
 */
public final class AccessoryFiles {
  private AccessoryFiles() {}

  /**
   * @param environment the process environment ({@link LoadedConfig#environment()})
   * @param accessoryEnv the accessory's variables, secrets resolved
   * @throws ConfigurationException naming the accessory and file when it cannot be read
   */
  public static byte[] content(Accessory accessory, AccessoryPath file, Path workingDir,
      Map<String, String> environment, Map<String, String> accessoryEnv) {
    Path local = workingDir.resolve(file.local());
    try {
      if (!file.local().endsWith("erb")) {
        return Files.readAllBytes(local);
      }
      Map<String, String> env = new HashMap<>(environment);
      env.putAll(accessoryEnv);
      String source = Files.readString(local, StandardCharsets.UTF_8);
      return new ErbRenderer(env, workingDir).render(source, file.local()).text().getBytes(StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigurationException("accessories/" + accessory.name() + "/files: Missing file: " + file.local());
    } catch (IOException e) {
      throw new ConfigurationException("accessories/" + accessory.name() + "/files: cannot read " + file.local()
          + ": " + e.getMessage(), e);
    }
  }
}
