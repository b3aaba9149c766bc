package io.sextant.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Runs a multi-step task per host (or per other item naming a host, such as a {@link BootLane}), in parallel (at
 * most 16 at once, started in list order), and returns the outcomes in list order (an outcome may be {@code null}).
 * Each task runs its steps over the shared {@code SshHosts} sessions; a task that throws gets the outcome
 * {@code onError} makes of the exception, so every host is always accounted for.
 */
final class HostTasks {
  private static final int MAX_PARALLEL = 16;

  private HostTasks() {}

  static <K, T> List<T> forEach(List<K> hosts, Function<K, T> task, BiFunction<K, Throwable, T> onError) {
    if (hosts.size() == 1) {
      return java.util.Collections.singletonList(runOne(hosts.get(0), task, onError));
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(hosts.size(), MAX_PARALLEL)),
        runnable -> {
          Thread thread = new Thread(runnable, "sextant-host-task");
          thread.setDaemon(true); // a stuck host must never keep the JVM alive
          return thread;
        });
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (K host : hosts) {
        futures.add(pool.submit(() -> runOne(host, task, onError)));
      }
      List<T> outcomes = new ArrayList<>();
      for (int i = 0; i < hosts.size(); i++) {
        outcomes.add(await(futures.get(i), hosts.get(i), onError));
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private static <K, T> T runOne(K host, Function<K, T> task, BiFunction<K, Throwable, T> onError) {
    try {
      return task.apply(host);
    } catch (RuntimeException e) {
      return onError.apply(host, e);
    }
  }

  private static <K, T> T await(Future<T> future, K host, BiFunction<K, Throwable, T> onError) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return onError.apply(host, e);
    } catch (ExecutionException e) {
      return onError.apply(host, e.getCause());
    }
  }

  /**
   * The exception's message, or its class when it has none; a connection error without its host prefix, as the
   * caller's line names the host already.
   */
  static String reason(Throwable e) {
    if (e instanceof io.sextant.ssh.ConnectionException connection) {
      return connection.reason();
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }
}
