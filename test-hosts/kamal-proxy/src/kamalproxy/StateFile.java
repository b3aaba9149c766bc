package kamalproxy;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The services saved in the config volume so a restarted container keeps its routes. One line per service:
 * URL-encoded fields separated by spaces: state, stop message, pause timeout (ns), then the deploy command line.
 * A file of its own name ({@code sextant-kamal-proxy.state}): upstream's JSON state is a different format.
 */
final class StateFile {
  record Entry(Service.State state, String message, Duration pauseTimeout, List<String> deployArgs) {
  }

  private final Path path;

  StateFile(Path path) {
    this.path = path;
  }

  Path path() {
    return path;
  }

  List<Entry> read() {
    List<Entry> entries = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(path)) {
        if (line.isBlank()) {
          continue;
        }
        List<String> fields = new ArrayList<>();
        for (String field : line.split(" ", -1)) {
          fields.add(URLDecoder.decode(field, StandardCharsets.UTF_8));
        }
        entries.add(new Entry(Service.State.valueOf(fields.get(0)), fields.get(1),
            Duration.ofNanos(Long.parseLong(fields.get(2))), List.copyOf(fields.subList(3, fields.size()))));
      }
    } catch (NoSuchFileException e) {
      Log.info("No previous state to restore", "path", path);
    } catch (IOException | RuntimeException e) {
      Log.error("Failed to restore saved state", "path", path, "error", String.valueOf(e));
    }
    return entries;
  }

  /** Writes atomically (temp file + rename) so a crash never leaves half a state. */
  void write(Collection<Service> services) {
    StringBuilder text = new StringBuilder();
    for (Service service : services) {
      List<String> fields = new ArrayList<>(Arrays.asList(service.state().name(), service.stopMessage(),
          Long.toString(service.pauseTimeout().toNanos())));
      fields.addAll(service.deployArgs());
      for (int i = 0; i < fields.size(); i++) {
        text.append(i == 0 ? "" : " ").append(URLEncoder.encode(fields.get(i), StandardCharsets.UTF_8));
      }
      text.append('\n');
    }
    try {
      Path temp = path.resolveSibling(path.getFileName() + ".tmp");
      Files.writeString(temp, text);
      Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Log.error("Unable to save state", "path", path, "error", String.valueOf(e));
    }
  }
}
