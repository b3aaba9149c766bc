package io.sextant.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Continuous HTTP traffic through kamal-proxy for zero-downtime checks: a fixed number of clients, each sending
 * {@code GET /} with a {@code Host} header to the hosts in turn, one connection per request (so every request
 * meets the proxy's routing as it is at that moment). Counts every answer by body, and keeps every failure
 * (an I/O error or a status other than 200) with its time and host.
 */
final class HttpLoad implements AutoCloseable {
  private final List<String> hosts;
  private final String hostHeader;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> clients = new ArrayList<>();
  private final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private final AtomicLong requests = new AtomicLong();

  /**
   * @param hosts the addresses to send to (port 80)
   * @param hostHeader the {@code Host} header kamal-proxy routes by
   * @param clientCount how many clients send at once
   */
  HttpLoad(List<String> hosts, String hostHeader, int clientCount) {
    this.hosts = List.copyOf(hosts);
    this.hostHeader = hostHeader;
    for (int i = 0; i < clientCount; i++) {
      int offset = i;
      Thread client = new Thread(() -> loop(offset), "http-load-" + i);
      client.setDaemon(true);
      clients.add(client);
      client.start();
    }
  }

  private void loop(int offset) {
    long n = offset;
    while (running.get()) {
      String host = hosts.get((int) (n++ % hosts.size()));
      requests.incrementAndGet();
      try {
        Answer answer = get(host, hostHeader);
        if (answer.status() == 200) {
          answers.computeIfAbsent(answer.body().strip(), key -> new AtomicLong()).incrementAndGet();
        } else {
          failures.add(System.currentTimeMillis() + " " + host + ": HTTP " + answer.status() + " " + answer.body());
        }
      } catch (IOException e) {
        failures.add(System.currentTimeMillis() + " " + host + ": " + e);
      }
    }
  }

  /** A status and body. */
  record Answer(int status, String body) {}

  /** One {@code GET /} to {@code host}:80 with {@code Host: hostHeader}, HTTP/1.1, connection closed after. */
  static Answer get(String host, String hostHeader) throws IOException {
    return get(host, hostHeader, "/");
  }

  /** As {@link #get(String, String)}, for {@code path}. */
  static Answer get(String host, String hostHeader, String path) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, 80), 5000);
      socket.setSoTimeout(10000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      in.transferTo(response);
      String text = response.toString(StandardCharsets.UTF_8);
      int headerEnd = text.indexOf("\r\n\r\n");
      if (!text.startsWith("HTTP/1.") || headerEnd < 0) {
        throw new IOException("not an HTTP answer: " + text.lines().findFirst().orElse("(empty)"));
      }
      int status = Integer.parseInt(text.substring(9, 12));
      String head = text.substring(0, headerEnd).toLowerCase(java.util.Locale.ROOT);
      String body = text.substring(headerEnd + 4);
      if (head.contains("transfer-encoding: chunked")) {
        body = unchunk(body);
      }
      return new Answer(status, body);
    }
  }

  private static String unchunk(String body) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (true) {
      int lineEnd = body.indexOf("\r\n", at);
      if (lineEnd < 0) {
        return out.toString();
      }
      int size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].strip(), 16);
      if (size == 0) {
        return out.toString();
      }
      out.append(body, lineEnd + 2, Math.min(body.length(), lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
  }

  /** Requests sent so far. */
  long requests() {
    return requests.get();
  }

  /** How many 200 answers had each body (stripped). */
  Map<String, Long> answers() {
    Map<String, Long> copy = new java.util.TreeMap<>();
    answers.forEach((body, count) -> copy.put(body, count.get()));
    return copy;
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  /** Forgets the answers counted so far (failures are kept). */
  void resetAnswers() {
    answers.clear();
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    for (Thread client : clients) {
      client.join(15000);
    }
  }
}
