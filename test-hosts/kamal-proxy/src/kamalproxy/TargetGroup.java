package kamalproxy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The targets of one deploy (kamal-proxy's load balancer): their addresses, one HTTP client of their own (so a
 * new deploy never reuses a connection or DNS answer of an old one), health checks, and a count of requests in
 * flight so a replaced group can be drained.
 */
final class TargetGroup {
  private final List<String> addresses;
  private final HttpClient client;
  private final AtomicInteger inflight = new AtomicInteger();
  private final AtomicInteger next = new AtomicInteger();
  private final Object drained = new Object();

  TargetGroup(List<String> addresses, Executor executor) {
    this.addresses = List.copyOf(addresses);
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER)
        .executor(executor).build();
  }

  List<String> addresses() {
    return addresses;
  }

  HttpClient client() {
    return client;
  }

  /** Round robin over the group's targets. */
  String pick() {
    return addresses.get(Math.floorMod(next.getAndIncrement(), addresses.size()));
  }

  void enter() {
    inflight.incrementAndGet();
  }

  void leave() {
    if (inflight.decrementAndGet() == 0) {
      synchronized (drained) {
        drained.notifyAll();
      }
    }
  }

  int inflight() {
    return inflight.get();
  }

  /** Waits until no request is in flight on this group, at most {@code timeout}; true when drained. */
  boolean drain(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (drained) {
      while (inflight.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        drained.wait(Math.max(1, left / 1_000_000), 0);
      }
    }
    return true;
  }

  /**
   * Health-checks every target every {@code interval} until all answer 2xx on the health path, or
   * {@code deployTimeout} passes (then kamal-proxy's own error text).
   */
  void awaitHealthy(DeployOptions options) throws ProxyException, InterruptedException {
    long deadline = System.nanoTime() + options.deployTimeout().toNanos();
    for (String address : addresses) {
      while (!healthy(address, options)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new ProxyException("target failed to become healthy within configured timeout ("
              + GoDuration.format(options.deployTimeout()) + ")");
        }
        Thread.sleep(Math.max(1, Math.min(left / 1_000_000, options.healthInterval().toMillis())));
      }
    }
  }

  private boolean healthy(String address, DeployOptions options) throws InterruptedException {
    String hostPort = address;
    if (options.healthPort() > 0) {
      int colon = address.lastIndexOf(':');
      hostPort = (colon > 0 ? address.substring(0, colon) : address) + ":" + options.healthPort();
    }
    String path = options.healthPath().startsWith("/") ? options.healthPath() : "/" + options.healthPath();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + hostPort + path))
        .timeout(options.healthTimeout().isZero() ? Duration.ofSeconds(5) : options.healthTimeout())
        .header("User-Agent", "kamal-proxy").GET();
    if (!options.healthHost().isEmpty()) {
      request.header("Host", options.healthHost());
    }
    try {
      int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status >= 200 && status <= 299) {
        return true;
      }
      Log.info("Healthcheck failed", "url", "http://" + hostPort + path, "error", "unexpected status (" + status + ")");
    } catch (IOException | IllegalArgumentException e) {
      Log.info("Healthcheck failed", "url", "http://" + hostPort + path, "error", String.valueOf(e.getMessage()));
    }
    return false;
  }
}
