package io.sextant.ssh;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.digest.Digest;
import org.apache.sshd.common.kex.AbstractDH;
import org.apache.sshd.common.kex.BuiltinKEM;
import org.apache.sshd.common.kex.DHFactory;
import org.apache.sshd.common.kex.KeyEncapsulationMethod;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.apache.sshd.common.kex.MontgomeryCurve;
import org.apache.sshd.common.kex.XDH;

/**
 * The post-quantum half of the first connection's key exchange, generated before the server asks for it. A
 * new JVM takes 45–60 ms to generate its first sntrup761 key pair (its code still cold) and 10–25 ms for
 * ML-KEM-768, on the connection's critical path between the server's KEXINIT and the client's reply.
 * {@link #prepare} generates one of each on the SSH warm-up thread, through MINA's own KEM clients, while the
 * command still parses its arguments and configuration; the hybrid key exchanges built here hand a prepared
 * client to the first exchange that uses that KEM, and every later exchange generates its own as MINA does.
 * Each key pair is used once: the same fresh ephemeral key, only made earlier. The one for the KEM the server
 * does not offer is never used (its CPU time was spent on the warm-up thread).
 */
final class PreparedKems {
  /** Hybrid key exchange name → its KEM and exchange hash (as MINA's {@code BuiltinDHFactories} define them). */
  private static final Map<String, Hybrid> HYBRIDS = Map.of(
      "mlkem768x25519-sha256", new Hybrid(BuiltinKEM.mlkem768, BuiltinDigests.sha256),
      "sntrup761x25519-sha512", new Hybrid(BuiltinKEM.sntrup761, BuiltinDigests.sha512),
      "sntrup761x25519-sha512@openssh.com", new Hybrid(BuiltinKEM.sntrup761, BuiltinDigests.sha512));
  private static final Map<BuiltinKEM, Prepared> PREPARED = Map.of(
      BuiltinKEM.mlkem768, new Prepared(BuiltinKEM.mlkem768),
      BuiltinKEM.sntrup761, new Prepared(BuiltinKEM.sntrup761));

  private PreparedKems() {}

  /** Generates one ML-KEM-768 and one sntrup761 key pair for the next exchanges, on the calling thread. */
  static void prepare() {
    PREPARED.get(BuiltinKEM.mlkem768).prepare(); // cheap, and the first choice
    PREPARED.get(BuiltinKEM.sntrup761).prepare();
  }

  /** The same list with each X25519 hybrid replaced by one that uses a prepared key pair when there is one. */
  static List<KeyExchangeFactory> preparedHybrids(List<KeyExchangeFactory> factories) {
    return factories.stream()
        .map(f -> HYBRIDS.containsKey(f.getName()) ? ClientBuilder.DH2KEX.apply(new HybridFactory(f.getName()))
            : f)
        .toList();
  }

  /** Whether a prepared key pair for {@code kem} is waiting to be used (for tests). */
  static boolean isPrepared(BuiltinKEM kem) {
    return PREPARED.get(kem).next.get() != null;
  }

  private record Hybrid(BuiltinKEM kem, BuiltinDigests hash) {}

  /** An X25519 + KEM hybrid exactly as MINA builds it, except for where the KEM client comes from. */
  private static final class HybridFactory implements DHFactory {
    private final String name;
    private final Hybrid hybrid;

    HybridFactory(String name) {
      this.name = name;
      this.hybrid = HYBRIDS.get(name);
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean isGroupExchange() {
      return false;
    }

    @Override
    public boolean isSupported() {
      return MontgomeryCurve.x25519.isSupported() && hybrid.hash().isSupported() && hybrid.kem().isSupported();
    }

    @Override
    public AbstractDH create(Object... params) throws Exception {
      if (params != null && params.length > 0) {
        throw new IllegalArgumentException("No accepted parameters for " + name);
      }
      Prepared kem = PREPARED.get(hybrid.kem());
      BuiltinDigests hash = hybrid.hash();
      return new XDH(MontgomeryCurve.x25519, true) { // raw: the X25519 secret as a string, as in MINA's hybrids
        @Override
        public KeyEncapsulationMethod getKeyEncapsulation() {
          return kem;
        }

        @Override
        public Digest getHash() {
          return hash.create();
        }
      };
    }
  }

  /** A KEM whose next client may already hold its key pair. */
  private static final class Prepared implements KeyEncapsulationMethod {
    private final BuiltinKEM kem;
    private final AtomicReference<CompletableFuture<Client>> next = new AtomicReference<>();

    Prepared(BuiltinKEM kem) {
      this.kem = kem;
    }

    /** Generates the next client's key pair here, unless one is already prepared or being prepared. */
    void prepare() {
      CompletableFuture<Client> pending = new CompletableFuture<>();
      if (!next.compareAndSet(null, pending)) {
        return;
      }
      try {
        Client client = kem.getClient();
        client.init(); // MINA's client generates its key pair here
        pending.complete(client);
      } catch (RuntimeException | LinkageError e) {
        pending.completeExceptionally(e);
      }
    }

    @Override
    public Client getClient() {
      CompletableFuture<Client> prepared = next.getAndSet(null);
      return prepared == null ? kem.getClient() : new PreparedClient(kem, prepared);
    }

    @Override
    public Server getServer() {
      return kem.getServer();
    }
  }

  /** Waits for the prepared client (its generation may still be running) instead of generating another. */
  private static final class PreparedClient implements KeyEncapsulationMethod.Client {
    private final BuiltinKEM kem;
    private final CompletableFuture<KeyEncapsulationMethod.Client> prepared;
    private KeyEncapsulationMethod.Client client;

    PreparedClient(BuiltinKEM kem, CompletableFuture<KeyEncapsulationMethod.Client> prepared) {
      this.kem = kem;
      this.prepared = prepared;
    }

    @Override
    public void init() {
      try {
        client = prepared.join();
      } catch (CompletionException | java.util.concurrent.CancellationException e) {
        client = kem.getClient(); // preparing failed: do what MINA does
        client.init();
      }
    }

    @Override
    public byte[] getPublicKey() {
      return client.getPublicKey();
    }

    @Override
    public byte[] extractSecret(byte[] encapsulated) {
      return client.extractSecret(encapsulated);
    }

    @Override
    public int getEncapsulationLength() {
      return client.getEncapsulationLength();
    }
  }
}
