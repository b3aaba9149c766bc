package io.sextant.console;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Where the libraries' own log lines go (the SSH library logs through SLF4J; this is its provider, registered in
 * {@code META-INF/services}): errors always, warnings too with {@code --verbose}, nothing below, to
 * {@code System.err} as {@code LEVEL logger - message}. The threshold is read at every call, not fixed when a logger
 * is made, because the warm agent's one JVM runs many commands, each with its own {@code --verbose}; it is the
 * JVM's one setting, like the logging it governs.
 */
public final class LibraryLogs implements SLF4JServiceProvider {
  private static volatile boolean verbose;

  private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
  private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, LibraryLogger::new);
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();

  /** Shows the libraries' warnings from now on ({@code --verbose}), or only their errors again. */
  public static void verbose(boolean on) {
    verbose = on;
  }

  /** Whether the libraries' warnings are shown. */
  public static boolean verbose() {
    return verbose;
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99"; // any 2.0.x API
  }

  @Override
  public void initialize() {
    // nothing to set up: loggers are made on first use
  }

  /** One library logger: the level check and the line. */
  static final class LibraryLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    LibraryLogger(String name) {
      this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
      return false;
    }

    @Override
    public boolean isDebugEnabled() {
      return false;
    }

    @Override
    public boolean isInfoEnabled() {
      return false;
    }

    @Override
    public boolean isWarnEnabled() {
      return verbose;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
        Throwable throwable) {
      String line = level + " " + name + " - " + MessageFormatter.basicArrayFormat(pattern, arguments);
      PrintStream err = System.err; // looked up every time: in the agent it is the command's client
      synchronized (err) {
        err.println(line);
        if (throwable != null) {
          throwable.printStackTrace(err);
        }
      }
      err.flush();
    }
  }
}
