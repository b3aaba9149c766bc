package io.sextant.config;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Ruby's own ERB, run on JRuby inside this JVM, for templates that need more than the fast path
 * ({@link ErbTemplate}): {@code <% %>} code, method calls, interpolation, backticks, {@code File.read},
 * {@code require}. Renders as Kamal does ({@code ERB.new(text, trim_mode: "-").result}, see
 * {@code render_erb.rb}). JRuby is not part of {@code sextant.jar}: it is taken from the class path when it is
 * there (tests), else from {@code $SEXTANT_JRUBY_JAR}, else from {@code jruby-complete*.jar} in
 * {@code lib/ruby/} beside the jar (where the build copies it: off the class path, which names exactly the jars in
 * {@code lib/}); so only a configuration that needs Ruby pays for it. JRuby takes seconds to boot, so one runtime
 * serves the whole process ({@link #shared}), as Kamal's one Ruby process renders all its files; every render sets
 * {@code ENV} and {@code Dir.pwd} afresh.
 */
final class RubyErb implements RubyEngine, AutoCloseable {
  /** Environment variable naming the JRuby jar, when it is neither on the class path nor beside sextant.jar. */
  static final String JAR_VARIABLE = "SEXTANT_JRUBY_JAR";
  private static final String CONTAINER = "org.jruby.embed.ScriptingContainer";

  /** The process's runtime, once one has started (a failed start is not kept: the next load reports it too). */
  private static RubyErb shared;

  private final Object container;
  private final Object renderer;
  private final Method callMethod;
  private final Method terminate;

  private RubyErb(Object container, Object renderer, Method callMethod, Method terminate) {
    this.container = container;
    this.renderer = renderer;
    this.callMethod = callMethod;
    this.terminate = terminate;
  }

  /** The process's Ruby runtime, started on first use ({@link #start}). */
  static synchronized RubyErb shared(Map<String, String> environment, String needer) {
    if (shared == null) {
      shared = start(environment, needer);
    }
    return shared;
  }

  /**
   * Starts a Ruby runtime; {@code needer} (file and line of the first tag that needs Ruby) goes into the error
   * when no JRuby can be found.
   */
  static RubyErb start(Map<String, String> environment, String needer) {
    ClassLoader loader = rubyClassLoader(environment, needer);
    try {
      Class<?> scopeType = Class.forName("org.jruby.embed.LocalContextScope", true, loader);
      Class<?> containerType = Class.forName(CONTAINER, true, loader);
      Object scope = enumConstant(scopeType, "SINGLETHREAD");
      Object container = containerType.getConstructor(scopeType).newInstance(scope);
      containerType.getMethod("setClassLoader", ClassLoader.class).invoke(container, loader);
      // A template runs once: JRuby's interpreter alone starts faster than compiling to JVM bytecode.
      Class<?> compileMode = Class.forName("org.jruby.RubyInstanceConfig$CompileMode", true, loader);
      containerType.getMethod("setCompileMode", compileMode).invoke(container, enumConstant(compileMode, "OFF"));
      containerType.getMethod("setEnvironment", Map.class).invoke(container, environment);
      Object renderer = containerType.getMethod("runScriptlet", String.class)
          .invoke(container, RubyEngine.script("render_erb.rb"));
      Method callMethod = containerType.getMethod("callMethod", Object.class, String.class, Object[].class);
      return new RubyErb(container, renderer, callMethod, containerType.getMethod("terminate"));
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new ConfigurationException(needer + ": cannot start JRuby to render this ERB: " + rootMessage(e), e);
    }
  }

  @Override
  public synchronized ErbTemplate.Rendered render(String source, String fileName, Map<String, String> environment,
      Path workingDir) {
    List<?> result;
    try {
      result = (List<?>) callMethod.invoke(container, renderer, "render",
          new Object[] {source, environment, workingDir.toAbsolutePath().toString()});
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ConfigurationException(fileName + ": ERB failed in Ruby: " + rootMessage(e), e);
    }
    if (Boolean.TRUE.equals(result.get(0))) {
      return RubyEngine.withSameLines(String.valueOf(result.get(1)), source);
    }
    Integer line = result.get(3) instanceof Number number ? number.intValue() : null;
    throw RubyEngine.failure(fileName, String.valueOf(result.get(1)), String.valueOf(result.get(2)), line);
  }

  @Override
  public void close() {
    try {
      terminate.invoke(container);
    } catch (ReflectiveOperationException e) {
      // Terminating only frees the runtime early; the process ends soon anyway.
    }
  }

  private static ClassLoader rubyClassLoader(Map<String, String> environment, String needer) {
    ClassLoader own = RubyErb.class.getClassLoader();
    try {
      Class.forName(CONTAINER, false, own);
      return own;
    } catch (ClassNotFoundException e) {
      Path jar = findJar(environment).orElseThrow(() -> new ConfigurationException(needer
          + ": this ERB needs Ruby: no ruby on PATH, and JRuby was not found (expected"
          + " lib/ruby/jruby-complete-*.jar beside sextant.jar, or set " + JAR_VARIABLE + ")"));
      try {
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, own);
      } catch (MalformedURLException bad) {
        throw new ConfigurationException(needer + ": cannot load JRuby from " + jar + ": " + bad.getMessage(), bad);
      }
    }
  }

  private static java.util.Optional<Path> findJar(Map<String, String> environment) {
    String named = environment.get(JAR_VARIABLE);
    if (named != null && !named.isBlank()) {
      return java.util.Optional.of(Path.of(named)).filter(Files::isRegularFile);
    }
    Path ownJar;
    try {
      ownJar = Path.of(RubyErb.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return java.util.Optional.empty();
    }
    Path dir = ownJar.getParent();
    if (dir == null) {
      return java.util.Optional.empty();
    }
    return Stream.of(dir.resolve("lib/ruby"), dir.resolve("lib"), dir)
        .filter(Files::isDirectory)
        .flatMap(RubyErb::jrubyJars)
        .findFirst();
  }

  private static Stream<Path> jrubyJars(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(file -> {
        String name = file.getFileName().toString();
        return name.startsWith("jruby-complete") && name.endsWith(".jar");
      }).sorted().toList().stream();
    } catch (IOException e) {
      return Stream.empty();
    }
  }

  private static Object enumConstant(Class<?> type, String name) {
    for (Object constant : type.getEnumConstants()) {
      if (((Enum<?>) constant).name().equals(name)) {
        return constant;
      }
    }
    throw new IllegalArgumentException(type.getName() + " has no " + name);
  }

  private static String rootMessage(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof InvocationTargetException || cause.getCause() != null) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
  }
}
