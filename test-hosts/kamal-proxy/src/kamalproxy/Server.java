package kamalproxy;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;

/** {@code kamal-proxy run}: the HTTP listener, the control socket and the saved state. */
final class Server {
  private Server() {
  }

  static void run(Cli.Invocation invocation) throws IOException, InterruptedException {
    Log.debugEnabled(invocation.bool("debug"));
    String home = System.getenv("HOME");
    Path configDirectory = Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home"),
        ".config", "kamal-proxy");
    Files.createDirectories(configDirectory);
    ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable);
      thread.setDaemon(true);
      return thread;
    });
    Router router = new Router(new StateFile(configDirectory.resolve("sextant-kamal-proxy.state")), threads);
    router.restore();
    int port = (int) invocation.number("http-port");
    HttpServer http = HttpServer.create(new InetSocketAddress(port), 1024);
    ProxyHandler handler = new ProxyHandler(router);
    http.createContext("/", handler);
    http.setExecutor(threads);
    http.start();
    int httpsPort = (int) invocation.number("https-port");
    HttpsServer https = HttpsServer.create(new InetSocketAddress(httpsPort), 1024);
    https.setHttpsConfigurator(new HttpsConfigurator(tlsContext(router.tls())));
    https.createContext("/", handler);
    https.setExecutor(threads);
    https.start();
    ServerSocketChannel control = Control.listen(argv -> execute(router, argv), threads);
    Log.info("Server started", "http", port, "https", httpsPort,
        "note", "sextant test harness: HTTPS with custom certificates only; no ACME, HTTP/3 or metrics");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      Log.info("Server stopping");
      try {
        control.close();
      } catch (IOException e) {
        // Closing on the way out: nothing left to do about it.
      }
      https.stop(0);
      http.stop(1);
      // Upstream exits 0 on SIGTERM; without this the JVM would report 143 (`docker ps -a`: Exited (143)).
      Runtime.getRuntime().halt(0);
    }, "shutdown"));
    Thread.currentThread().join();
  }

  private static SSLContext tlsContext(Certificates certificates) throws IOException {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {certificates}, null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /** Runs one client command line on the server. */
  static Control.Reply execute(Router router, List<String> argv) {
    try {
      Cli.Invocation in = Cli.parse(argv);
      String service = in.args().isEmpty() ? "" : in.args().get(0);
      switch (in.name()) {
        case "deploy":
          router.deploy(DeployOptions.from(in), argv);
          return new Control.Reply(0, "");
        case "remove":
          router.remove(service);
          return new Control.Reply(0, "");
        case "stop":
          router.stop(service, in.duration("drain-timeout"), in.string("message"));
          return new Control.Reply(0, "");
        case "pause":
          router.pause(service, in.duration("drain-timeout"), in.duration("max-pause"));
          return new Control.Reply(0, "");
        case "resume":
          router.resume(service);
          return new Control.Reply(0, "");
        case "list":
          return new Control.Reply(0, router.list());
        default:
          return new Control.Reply(1, in.name() + " is not supported by the sextant test harness's kamal-proxy");
      }
    } catch (ProxyException | Cli.UsageException e) {
      return new Control.Reply(1, e.getMessage());
    } catch (Cli.HelpRequested e) {
      return new Control.Reply(0, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Control.Reply(1, "interrupted");
    } catch (RuntimeException e) {
      Log.error("Command failed", "args", argv, "error", String.valueOf(e));
      return new Control.Reply(1, String.valueOf(e));
    }
  }
}
