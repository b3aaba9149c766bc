package io.sextant.proxy;

import io.sextant.SextantException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs a multi-step task on every host in parallel (as Kamal's {@code on(hosts)}), waits for all of them, then
 * reports every failure at once: one failure is rethrown as it is, several become one error with a line per host.
 */
final class EachHost {
  private static final int MAX_PARALLEL = 16;

  private EachHost() {}

  static void run(List<String> hosts, Consumer<String> task) {
    if (hosts.size() == 1) {
      task.accept(hosts.get(0));
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(hosts.size(), MAX_PARALLEL), runnable -> {
      Thread thread = new Thread(runnable, "sextant-proxy-host");
      thread.setDaemon(true); // a stuck host must never keep the JVM alive
      return thread;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      hosts.forEach(host -> futures.add(pool.submit(() -> task.accept(host))));
      List<RuntimeException> failures = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        try {
          futures.get(i).get();
        } catch (ExecutionException e) {
          failures.add(e.getCause() instanceof RuntimeException runtime ? runtime
              : new SextantException(hosts.get(i) + ": " + e.getCause(), SextantException.COMMAND_FAILED));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SextantException("Interrupted", SextantException.COMMAND_FAILED, e);
        }
      }
      if (failures.size() == 1) {
        throw failures.get(0);
      }
      if (!failures.isEmpty()) {
        throw new SextantException(String.join("\n", failures.stream().map(EachHost::describe).toList()),
            SextantException.COMMAND_FAILED);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static String describe(RuntimeException e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }
}
