package io.sextant.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads one configuration file as Kamal does: ERB first ({@link ErbRenderer}), then YAML 1.1 with anchors and
 * {@code <<} merge keys (snakeyaml's {@link SafeConstructor}, the same semantics as Ruby's Psych). The result is
 * a tree of {@code Map<String,Object>} (keys as Ruby's {@code to_s} prints them), {@code List<Object>} and scalars,
 * plus the line of every key.
 */
final class YamlSource {
  private YamlSource() {}

  /** A parsed file: its top-level mapping and where each path was written. */
  record Document(Map<String, Object> root, SourceMap locations) {}

  static Document read(Path file, String displayName, ErbRenderer erb) {
    String text;
    try {
      byte[] bytes = Files.readAllBytes(file);
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new ConfigurationException(displayName + ": not valid UTF-8 text");
    } catch (IOException e) {
      throw new ConfigurationException(displayName + ": cannot read: " + e.getMessage(), e);
    }
    return parse(text, displayName, erb);
  }

  /** Parses {@code text} with the ERB fast path and Ruby's ERB in the current directory. */
  static Document parse(String text, String displayName, Map<String, String> env) {
    return parse(text, displayName, new ErbRenderer(env, Path.of("").toAbsolutePath()));
  }

  static Document parse(String text, String displayName, ErbRenderer erb) {
    ErbTemplate.Rendered rendered = erb.render(text, displayName);
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true);
    options.setWarnOnDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    options.setMaxAliasesForCollections(50);
    NodeConstructor constructor = new NodeConstructor(options);
    Node node;
    Object value;
    WholeTextReader reader = new WholeTextReader(rendered.text());
    try {
      // Yaml.compose's own wiring, with a reader that stays linear on long lines
      Composer composer = new Composer(new ParserImpl(reader, options), new Resolver(), options);
      node = composer.getSingleNode();
      value = node == null ? null : constructor.construct(node);
    } catch (MarkedYAMLException e) {
      Mark mark = markToShow(e);
      int line = mark == null ? 0 : rendered.sourceLine(mark.getLine() + 1);
      String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
      String context = e.getContext() != null ? e.getContext() + ": " : "";
      throw new ConfigurationException(prefix(displayName, line) + "invalid YAML: " + context + oneLine(problem));
    } catch (YAMLException e) {
      if (String.valueOf(e.getMessage()).startsWith("The incoming YAML document exceeds the limit")) {
        // snakeyaml's bound on the work a file can cause; Psych has none. Where reading stopped helps find an
        // unclosed bracket that swallowed the rest of the file.
        throw new ConfigurationException(prefix(displayName, rendered.sourceLine(reader.getLine() + 1))
            + "invalid YAML: more than " + options.getCodePointLimit() + " characters, the most Sextant reads"
            + " (stopped at this line)");
      }
      throw new ConfigurationException(displayName + ": invalid YAML: " + oneLine(String.valueOf(e.getMessage())));
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new ConfigurationException(displayName + ": invalid YAML: " + oneLine(String.valueOf(e.getMessage())));
    } catch (StackOverflowError e) {
      throw new ConfigurationException(displayName + ": invalid YAML: nested too deeply");
    }
    SourceMap locations = new SourceMap(displayName);
    if (value == null) {
      throw new ConfigurationException(displayName + ": is empty (expected a mapping with service:, image:, servers: ...)");
    }
    if (!(value instanceof Map<?, ?>)) {
      throw new ConfigurationException(displayName + ": must be a YAML mapping of keys (service:, image:, ...), not "
          + Scalars.typeName(value));
    }
    locations.put("", new SourceMap.Location(displayName, 0));
    recordMarks(node, "", displayName, rendered, locations, new IdentityHashMap<>(), 0);
    Object normalized = normalize(value, new IdentityHashMap<>(), displayName, 0);
    @SuppressWarnings("unchecked")
    Map<String, Object> root = (Map<String, Object>) normalized;
    return new Document(root, locations);
  }

  /**
   * Where the reader should look: the problem's place, except when the file ended inside something (an unclosed
   * quote or bracket): then where that something began, as Psych reports it.
   */
  private static Mark markToShow(MarkedYAMLException e) {
    Mark problem = e.getProblemMark();
    String what = e.getProblem();
    if (e.getContextMark() != null && (problem == null || what != null && (what.contains("end of stream") || what.contains("<stream end>")))) {
      return e.getContextMark();
    }
    return problem;
  }

  private static String prefix(String file, int line) {
    return line > 0 ? file + ":" + line + ": " : file + ": ";
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\n\\s*", " ").trim();
  }

  /** Copies the constructed tree into plain maps with string keys, refusing cycles (recursive aliases). */
  private static Object normalize(Object value, IdentityHashMap<Object, Boolean> active, String file, int depth) {
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      if (active.containsKey(value) || depth > 100) {
        throw new ConfigurationException(file + ": invalid YAML: recursive alias (an anchor used inside itself)");
      }
      active.put(value, Boolean.TRUE);
      try {
        if (value instanceof Map<?, ?> map) {
          Map<String, Object> copy = new LinkedHashMap<>();
          for (Map.Entry<?, ?> entry : map.entrySet()) {
            copy.put(keyString(entry.getKey()), normalize(entry.getValue(), active, file, depth + 1));
          }
          return copy;
        }
        List<Object> copy = new ArrayList<>();
        for (Object element : (List<?>) value) {
          copy.add(normalize(element, active, file, depth + 1));
        }
        return copy;
      } finally {
        active.remove(value);
      }
    }
    if (value instanceof java.util.Set<?> set) {
      return normalize(new ArrayList<>(set), active, file, depth);
    }
    return value;
  }

  private static String keyString(Object key) {
    if (key instanceof Map<?, ?> || key instanceof List<?>) {
      return String.valueOf(key);
    }
    return Scalars.toS(key);
  }

  private static void recordMarks(Node node, String path, String file, ErbTemplate.Rendered rendered,
      SourceMap locations, IdentityHashMap<Node, Boolean> active, int depth) {
    if (active.containsKey(node) || depth > 100) {
      return;
    }
    active.put(node, Boolean.TRUE);
    try {
      if (node instanceof MappingNode mapping) {
        for (NodeTuple tuple : mapping.getValue()) {
          Node keyNode = tuple.getKeyNode();
          String key = keyNode instanceof ScalarNode scalar ? scalar.getValue() : "?";
          String childPath = path.isEmpty() ? key : path + "/" + key;
          Mark mark = keyNode.getStartMark();
          if (mark != null) {
            locations.put(childPath, new SourceMap.Location(file, rendered.sourceLine(mark.getLine() + 1)));
          }
          recordMarks(tuple.getValueNode(), childPath, file, rendered, locations, active, depth + 1);
        }
      } else if (node instanceof SequenceNode sequence) {
        List<Node> items = sequence.getValue();
        for (int index = 0; index < items.size(); index++) {
          Node item = items.get(index);
          String childPath = path.isEmpty() ? String.valueOf(index) : path + "/" + index;
          Mark mark = item.getStartMark();
          if (mark != null) {
            locations.put(childPath, new SourceMap.Location(file, rendered.sourceLine(mark.getLine() + 1)));
          }
          recordMarks(item, childPath, file, rendered, locations, active, depth + 1);
        }
      }
    } finally {
      active.remove(node);
    }
  }

  /** SafeConstructor with its document construction reachable from a composed node (keeps the marks). */
  private static final class NodeConstructor extends SafeConstructor {
    NodeConstructor(LoaderOptions options) {
      super(options);
    }

    Object construct(Node node) {
      return constructDocument(node);
    }
  }
}
