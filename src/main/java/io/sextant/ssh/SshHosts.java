package io.sextant.ssh;

import io.sextant.commands.RemoteFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

/**
 * The SSH connections of one Sextant run: at most one session per host, opened on first use and reused for every
 * later command on that host; commands on several hosts run in parallel on a bounded pool. Nothing SSH-related is
 * created until a command actually needs a host, so commands that never connect pay nothing.
 *
 * <p>Thread-safe. Do not call {@link #runAll} from inside a {@code commandForHost} function (the pool is bounded).
 */
public final class SshHosts implements AutoCloseable {
  private final SshSettings settings;
  private final Runnable beforeFirstConnect;
  private final OutputListener listener;
  private final Map<String, Object> hostLocks = new ConcurrentHashMap<>();
  private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final Semaphore connectPermits;
  private final Object startLock = new Object();
  private final Object beforeFirstConnectLock = new Object();
  /** Hosts whose early connection ({@link #startConnecting}) has not begun yet. */
  private final Set<String> earlyHosts = ConcurrentHashMap.newKeySet();
  /** Why an early connection failed, until the first command for that host reports it. */
  private final Map<String, RuntimeException> earlyFailures = new ConcurrentHashMap<>();
  /** Hosts this command could not connect to (as named by the caller), for {@link #notFailedToConnect}. */
  private final Set<String> failedToConnect = ConcurrentHashMap.newKeySet();
  private SshClientFactory.Client client;
  private boolean beforeFirstConnectDone;
  private RuntimeException beforeFirstConnectFailure;
  private ExecutorService pool;
  private volatile boolean closed;
  /** The warm agent's sessions while it takes commands; {@code null} once it did not (then in-process). */
  private volatile WarmSessions warm;

  /**
   * @param beforeFirstConnect run exactly once, before the first connection of this run (the {@code pre-connect}
   *     hook); if it throws, no host is contacted and every command fails with that exception
   * @param listener receives every output line of every command (use {@link OutputListener#NONE} for none)
   */
  public SshHosts(SshSettings settings, Runnable beforeFirstConnect, OutputListener listener) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.beforeFirstConnect = Objects.requireNonNull(beforeFirstConnect, "beforeFirstConnect");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.connectPermits = new Semaphore(settings.maxConcurrentStarts(), true);
  }

  public SshHosts(SshSettings settings) {
    this(settings, () -> { }, OutputListener.NONE);
  }

  /**
   * As {@link #SshHosts(SshSettings, Runnable, OutputListener)}, with every exec handed to {@code warm} (a Sextant
   * agent) until it is unavailable; from then on this instance connects in-process, as without it.
   */
  public SshHosts(SshSettings settings, Runnable beforeFirstConnect, OutputListener listener, WarmSessions warm) {
    this(settings, beforeFirstConnect, listener);
    this.warm = warm;
  }

  /**
   * Starts, on a daemon thread, the part of the first connection's work that needs no host (security provider
   * registration, client factories, key-exchange code): call it as early as possible in a command that will
   * connect, so that it overlaps argument parsing and configuration loading. A command that ends up not
   * connecting only wastes that thread's CPU time.
   */
  public static void warmUpInBackground() {
    Thread thread = new Thread(SshClientFactory::warmUp, "sextant-ssh-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  public SshSettings settings() {
    return settings;
  }

  /**
   * Starts connecting to {@code hosts} right away, each on its own daemon thread, so that the connections overlap
   * whatever the command still prepares. Unlike every other connection these do NOT wait for
   * {@code beforeFirstConnect}: call this only when it has nothing to do before a connection (no {@code pre-connect}
   * script can run). It still runs, on the calling thread, before the first command gets its session. A failure is
   * reported by the first command on that host, as its own connection's would be; a host no command uses is
   * never reported.
   */
  public void startConnecting(List<String> hosts) {
    if (closed || warm != null) { // the agent's sessions are already up, or open on the first exec
      return;
    }
    for (String host : hosts) {
      HostAddress address;
      try {
        address = HostAddress.parse(host, settings);
      } catch (IllegalArgumentException e) {
        continue; // reported by the command that uses the host
      }
      if (sessions.containsKey(address.name()) || !earlyHosts.add(address.name())) {
        continue;
      }
      Thread thread = new Thread(() -> connectEarly(address), "sextant-ssh-connect-" + address.name());
      thread.setDaemon(true); // a host that does not answer must never keep the JVM alive
      thread.start();
    }
  }

  /**
   * Runs {@code command} on {@code host} and returns what it did, whatever its exit code.
   *
   * @throws ConnectionException when the host cannot be reached or refuses us (one-line message)
   */
  public RemoteResult run(String host, String command) {
    return run(host, command, null, listener);
  }

  /** As {@link #run(String, String)} with {@code stdin} fed to the command (then end of input). */
  public RemoteResult run(String host, String command, byte[] stdin) {
    return run(host, command, stdin, listener);
  }

  /**
   * {@code hosts} without those this command already failed to connect to: for best-effort work at its end (the
   * audit line), which would otherwise wait out the connect timeout of a host known to be down a second time.
   */
  public List<String> notFailedToConnect(List<String> hosts) {
    return hosts.stream().filter(host -> !failedToConnect.contains(host)).toList();
  }

  /** Where output lines go by default (printed with {@code -v}). */
  public OutputListener listener() {
    return listener;
  }

  /** As {@link #run(String, String)} with output lines sent to {@code lines} instead of the default listener. */
  public RemoteResult run(String host, String command, byte[] stdin, OutputListener lines) {
    WarmSessions agent = warm;
    if (agent != null) {
      runBeforeFirstConnect();
      try {
        return agent.run(settings, host, command, stdin, lines);
      } catch (ConnectionException e) {
        failedToConnect.add(host); // the agent could not connect (a lost agent is WarmSessions.Lost, below)
        throw e;
      } catch (WarmSessions.Unavailable e) {
        warm = null; // the agent said why (once); this and every later command run in-process
      } catch (WarmSessions.Lost e) {
        warm = null; // what the command still does (e.g. releasing its lock) runs in-process
        throw new ConnectionException(host, e.getMessage(), e);
      }
    }
    return runInProcess(host, command, stdin, lines, null);
  }

  /**
   * As {@link #run(String, String, byte[], OutputListener)}, always on this process's own session, telling
   * {@code running} how to abandon the command once its channel is open (the agent does when its client goes).
   */
  public RemoteResult runInProcess(String host, String command, byte[] stdin, OutputListener lines,
      java.util.function.Consumer<AutoCloseable> running) {
    HostAddress address = HostAddress.parse(host, settings);
    ClientSession session;
    try {
      session = session(address);
    } catch (ConnectionException e) {
      failedToConnect.add(host);
      throw e;
    }
    try {
      return exec(host, session, command, stdin, lines, running);
    } catch (IOException e) {
      sessions.remove(address.name(), session);
      throw new ConnectionException(host, "connection lost: " + message(e), e);
    }
  }

  /** Runs {@code command} on {@code host}; a non-zero exit becomes a {@link RemoteException} naming {@code step}. */
  public RemoteResult runOrThrow(String step, String host, String command) {
    RemoteResult result = runCatching(host, command, null);
    if (!result.ok()) {
      throw new RemoteException(step, List.of(result));
    }
    return result;
  }

  /**
   * Runs a command on every host in parallel (at most {@link SshSettings#parallelism()} at once) and returns one
   * result per host, in the order of {@code hosts}. A host that cannot be reached gets a result with exit code
   * {@link RemoteResult#NOT_RUN} and the reason as stderr; the other hosts still run.
   */
  public List<RemoteResult> runAll(List<String> hosts, Function<String, String> commandForHost) {
    if (hosts.size() == 1) {
      String host = hosts.get(0);
      return List.of(runCatching(host, commandForHost.apply(host), null));
    }
    List<Future<RemoteResult>> futures = new ArrayList<>();
    ExecutorService executor = pool();
    for (String host : hosts) {
      String command = commandForHost.apply(host);
      futures.add(executor.submit(() -> runCatching(host, command, null)));
    }
    List<RemoteResult> results = new ArrayList<>();
    for (int i = 0; i < futures.size(); i++) {
      results.add(await(hosts.get(i), futures.get(i)));
    }
    return results;
  }

  /** As {@link #runAll}, with {@code stdin} fed to every host's command (e.g. a password, never on a command line). */
  public List<RemoteResult> runAll(List<String> hosts, String command, byte[] stdin) {
    List<Future<RemoteResult>> futures = new ArrayList<>();
    for (String host : hosts) {
      futures.add(pool().submit(() -> runCatching(host, command, stdin)));
    }
    List<RemoteResult> results = new ArrayList<>();
    for (int i = 0; i < futures.size(); i++) {
      results.add(await(hosts.get(i), futures.get(i)));
    }
    return results;
  }

  /** As {@link #runAll} but throws a {@link RemoteException} (one line per failed host) if any host failed. */
  public List<RemoteResult> runAllOrThrow(String step, List<String> hosts, Function<String, String> commandForHost) {
    List<RemoteResult> results = runAll(hosts, commandForHost);
    List<RemoteResult> failures = results.stream().filter(r -> !r.ok()).toList();
    if (!failures.isEmpty()) {
      throw new RemoteException(step, failures);
    }
    return results;
  }

  /**
   * Writes {@code content} to {@code remotePath} on {@code host} with permissions {@code mode} (octal text, e.g.
   * {@code "600"}); never readable by others while being written.
   */
  public void upload(String host, byte[] content, String remotePath, String mode) {
    RemoteResult result = run(host, RemoteFiles.writeStdinTo(remotePath, mode), content);
    if (!result.ok()) {
      throw new RemoteException("upload of " + remotePath, List.of(result));
    }
  }

  /**
   * Makes {@code host}'s sshd listen on its {@code 127.0.0.1:remotePort} and send every connection back, through
   * the session the commands use (no extra connection), to this machine's {@code 127.0.0.1:localPort}. Close the
   * result to stop the host listening.
   *
   * @throws ConnectionException when the host cannot be reached or refuses the forward
   */
  public RemotePortForward forwardRemotePort(String host, int remotePort, int localPort) {
    HostAddress address = HostAddress.parse(host, settings);
    return RemotePortForward.open(host, session(address), remotePort, localPort);
  }

  /**
   * {@link #forwardRemotePort(String, int, int)} on every host, in parallel. When a host fails, the forwards
   * already opened are closed again and a {@link RemoteException} names every host that failed.
   */
  public List<RemotePortForward> forwardRemotePort(List<String> hosts, int remotePort, int localPort) {
    ExecutorService executor = pool();
    List<Future<RemotePortForward>> futures = new ArrayList<>();
    for (String host : hosts) {
      futures.add(executor.submit(() -> forwardRemotePort(host, remotePort, localPort)));
    }
    List<RemotePortForward> opened = new ArrayList<>();
    List<RemoteResult> failures = new ArrayList<>();
    for (int i = 0; i < futures.size(); i++) {
      try {
        opened.add(futures.get(i).get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failures.add(new RemoteResult(hosts.get(i), RemoteResult.NOT_RUN, "", "interrupted"));
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        String reason = cause instanceof ConnectionException c ? c.reason() : message(cause);
        failures.add(new RemoteResult(hosts.get(i), RemoteResult.NOT_RUN, "", reason));
      }
    }
    if (!failures.isEmpty()) {
      opened.forEach(RemotePortForward::closeQuietly);
      throw new RemoteException("port forwarding", failures);
    }
    return opened;
  }

  /** How many SSH connections this instance has opened so far (one per host unless a session was lost). */
  public int connectionsOpened() {
    return connections.get();
  }

  /** Closes every session at once (also used on Ctrl-C: running commands end with "connection lost"). */
  @Override
  public void close() {
    closed = true;
    for (ClientSession session : sessions.values()) {
      session.close(true);
    }
    sessions.clear();
    ExecutorService executor;
    SshClientFactory.Client started;
    synchronized (startLock) {
      executor = pool;
      started = client;
      client = null;
    }
    if (executor != null) {
      executor.shutdownNow();
    }
    if (started != null) {
      started.close();
    }
  }

  private RemoteResult runCatching(String host, String command, byte[] stdin) {
    try {
      return run(host, command, stdin, listener);
    } catch (ConnectionException e) {
      return e.failures().get(0);
    } catch (IllegalArgumentException e) {
      return new RemoteResult(host, RemoteResult.NOT_RUN, "", message(e));
    }
  }

  private static RemoteResult await(String host, Future<RemoteResult> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new RemoteResult(host, RemoteResult.NOT_RUN, "", "interrupted");
    } catch (ExecutionException e) {
      return new RemoteResult(host, RemoteResult.NOT_RUN, "", message(e.getCause()));
    }
  }

  private ClientSession session(HostAddress address) {
    runBeforeFirstConnect(); // outside the host's lock: a connection started early goes on meanwhile
    synchronized (hostLock(address.name())) {
      ClientSession existing = sessions.get(address.name());
      if (existing != null && existing.isOpen() && !existing.isClosing()) {
        return existing;
      }
      earlyHosts.remove(address.name()); // a connection started early but not begun yet is ours to make now
      RuntimeException early = earlyFailures.remove(address.name());
      if (early != null) {
        throw early; // the early attempt was this command's connection: its failure is reported as ours would be
      }
      return open(address);
    }
  }

  private Object hostLock(String name) {
    return hostLocks.computeIfAbsent(name, k -> new Object());
  }

  /** Connects (under the host's lock), counts and keeps the session. */
  private ClientSession open(HostAddress address) {
    SshClientFactory.Client started = client();
    try {
      connectPermits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectionException(address.name(), "interrupted while connecting", e);
    }
    try {
      ClientSession session = started.connect(address);
      connections.incrementAndGet();
      sessions.put(address.name(), session);
      if (closed) {
        session.close(true);
        throw new ConnectionException(address.name(), "connection closed: Sextant is stopping", null);
      }
      return session;
    } finally {
      connectPermits.release();
    }
  }

  /** The early connection to {@code host}, unless a command for it came first; a failure is kept for that command. */
  private void connectEarly(HostAddress address) {
    synchronized (hostLock(address.name())) {
      if (!earlyHosts.remove(address.name())) {
        return;
      }
      try {
        open(address);
      } catch (RuntimeException e) {
        earlyFailures.put(address.name(), e);
      }
    }
  }

  /** Runs {@code beforeFirstConnect} once; its failure fails every later connection attempt. */
  private void runBeforeFirstConnect() {
    synchronized (beforeFirstConnectLock) {
      if (beforeFirstConnectFailure != null) {
        throw beforeFirstConnectFailure;
      }
      if (!beforeFirstConnectDone) {
        if (closed) {
          throw new IllegalStateException("SSH connections already closed");
        }
        try {
          beforeFirstConnect.run();
        } catch (RuntimeException e) {
          beforeFirstConnectFailure = e;
          throw e;
        }
        beforeFirstConnectDone = true;
      }
    }
  }

  private SshClientFactory.Client client() {
    synchronized (startLock) {
      if (closed) {
        throw new IllegalStateException("SSH connections already closed");
      }
      if (client == null) {
        client = SshClientFactory.start(settings);
      }
      return client;
    }
  }

  private ExecutorService pool() {
    synchronized (startLock) {
      if (pool == null) {
        AtomicInteger count = new AtomicInteger();
        pool = Executors.newFixedThreadPool(settings.parallelism(), runnable -> {
          Thread thread = new Thread(runnable, "sextant-ssh-" + count.incrementAndGet());
          thread.setDaemon(true); // a stuck host must never keep the JVM alive after the command ends
          return thread;
        });
      }
      return pool;
    }
  }

  private RemoteResult exec(String host, ClientSession session, String command, byte[] stdin, OutputListener lines,
      java.util.function.Consumer<AutoCloseable> running) throws IOException {
    LineSplitter out = new LineSplitter(host, false, lines);
    LineSplitter err = new LineSplitter(host, true, lines);
    try (ChannelExec channel = session.createExecChannel(command)) {
      channel.setOut(out);
      channel.setErr(err);
      if (stdin != null) {
        channel.setIn(new ByteArrayInputStream(stdin));
      }
      channel.open().verify(settings.connectTimeout());
      if (running != null) {
        running.accept(() -> channel.close(true));
      }
      if (stdin == null) {
        channel.getInvertedIn().close(); // end of input: a command reading stdin must not wait forever
      }
      channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), 0L);
      out.finish();
      err.finish();
      Integer status = channel.getExitStatus();
      if (status != null) {
        return new RemoteResult(host, status, out.text(), err.text());
      }
      String signal = channel.getExitSignal();
      if (signal != null) {
        return new RemoteResult(host, 128 + signalNumber(signal), out.text(),
            err.text() + (err.text().isEmpty() || err.text().endsWith("\n") ? "" : "\n") + "killed by SIG" + signal);
      }
      if (!session.isOpen()) {
        throw new IOException("session closed before the command finished");
      }
      return new RemoteResult(host, RemoteResult.NOT_RUN, out.text(), "no exit status received");
    }
  }

  private static int signalNumber(String name) {
    switch (name) {
      case "HUP": return 1;
      case "INT": return 2;
      case "QUIT": return 3;
      case "KILL": return 9;
      case "PIPE": return 13;
      case "ALRM": return 14;
      case "TERM": return 15;
      default: return 0;
    }
  }

  static String message(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      if (root instanceof UnknownHostException || root instanceof ConnectException
          || root instanceof NoRouteToHostException) {
        break;
      }
      root = root.getCause();
    }
    if (root instanceof UnknownHostException) {
      return "unknown host " + root.getMessage();
    }
    if (root instanceof ConnectException) {
      return "connection refused";
    }
    String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return text.replace('\n', ' ');
  }

  static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + "s" : (millis / 1000.0) + "s";
  }
}
