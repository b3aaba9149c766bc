package kamalproxy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code kamal-proxy}: the sextant test hosts' stand-in for basecamp/kamal-proxy v0.9.2. {@code run} serves;
 * every other command is checked here (as upstream's cobra CLI would) and then sent to the running server.
 */
public final class KamalProxy {
  private KamalProxy() {
  }

  public static void main(String[] args) {
    // Before any HttpClient exists: keep the client's Host header, drop idle target connections early, and
    // resolve target names afresh (a restarted container keeps its name but may get a new address).
    System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    System.setProperty("jdk.httpclient.keepalive.timeout", "4");
    java.security.Security.setProperty("networkaddress.cache.ttl", "0");
    java.security.Security.setProperty("networkaddress.cache.negative.ttl", "0");
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    List<String> argv = List.of(args);
    Cli.Invocation invocation;
    try {
      invocation = Cli.parse(argv);
      if (invocation.name().equals("deploy")) {
        DeployOptions.from(invocation);
      }
    } catch (Cli.HelpRequested help) {
      out.print(help.getMessage());
      System.exit(0);
      return;
    } catch (Cli.UsageException e) {
      System.err.println("Error: " + e.getMessage());
      System.exit(1);
      return;
    }
    if (invocation.name().equals("run")) {
      try {
        Server.run(invocation);
      } catch (IOException | InterruptedException e) {
        System.err.println("Error: " + e.getMessage());
        System.exit(1);
      }
      return;
    }
    try {
      Control.Reply reply = Control.send(argv);
      if (reply.status() == 0) {
        out.print(reply.text());
      } else {
        System.err.println("Error: " + reply.text());
      }
      System.exit(reply.status());
    } catch (IOException e) {
      System.err.println("Error: " + e.getMessage());
      System.exit(1);
    }
  }
}
