package kamalproxy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The custom certificates of TLS services ({@code --tls-certificate-path}/{@code --tls-private-key-path}), chosen
 * per handshake by the requested server name, as kamal-proxy's static certificate manager. Keys: PKCS#8
 * ({@code BEGIN PRIVATE KEY}, RSA or EC) and PKCS#1 ({@code BEGIN RSA PRIVATE KEY}).
 */
final class Certificates extends X509ExtendedKeyManager {
  /** A loaded certificate chain and its key. */
  record Pair(X509Certificate[] chain, PrivateKey key) {
  }

  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
  /** DER prefix turning a PKCS#1 RSA key into PKCS#8 (version 0, rsaEncryption, then the key as OCTET STRING). */
  private static final byte[] RSA_ALGORITHM = {0x02, 0x01, 0x00, 0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48,
      (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

  private final Map<String, Pair> byService = new ConcurrentHashMap<>();
  private volatile Routes routes = Routes.of(List.of());

  /** Loads a certificate chain and key as kamal-proxy's LoadX509KeyPair would accept them, or throws. */
  static Pair load(String certificatePath, String keyPath) throws IOException, GeneralSecurityException {
    X509Certificate[] chain = CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(Path.of(certificatePath))))
        .toArray(new X509Certificate[0]);
    if (chain.length == 0) {
      throw new GeneralSecurityException("no certificate in " + certificatePath);
    }
    Matcher pem = PEM.matcher(Files.readString(Path.of(keyPath)));
    while (pem.find()) {
      byte[] der = Base64.getMimeDecoder().decode(pem.group(2));
      if (pem.group(1).equals("PRIVATE KEY")) {
        String algorithm = chain[0].getPublicKey().getAlgorithm();
        return new Pair(chain, KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der)));
      }
      if (pem.group(1).equals("RSA PRIVATE KEY")) {
        byte[] octets = derHeader(0x04, der.length);
        byte[] body = concat(RSA_ALGORITHM, octets, der);
        byte[] pkcs8 = concat(derHeader(0x30, body.length), body);
        return new Pair(chain, KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
      }
    }
    throw new GeneralSecurityException("no PKCS#8 or PKCS#1 private key in " + keyPath);
  }

  /** Installs the certificates of the current services (called whenever the services change). */
  void update(Map<String, Pair> pairs, Routes current) {
    byService.keySet().retainAll(pairs.keySet());
    byService.putAll(pairs);
    routes = current;
  }

  boolean isEmpty() {
    return byService.isEmpty();
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    String host = "";
    SSLSession session = engine.getHandshakeSession();
    if (session instanceof ExtendedSSLSession) {
      for (SNIServerName name : ((ExtendedSSLSession) session).getRequestedServerNames()) {
        if (name instanceof SNIHostName) {
          host = ((SNIHostName) name).getAsciiName();
        }
      }
    }
    Routes.Match match = routes.find(host, "/");
    String alias = match != null && byService.containsKey(match.service().name())
        ? match.service().name() : byService.keySet().stream().sorted().findFirst().orElse(null);
    Pair pair = alias == null ? null : byService.get(alias);
    return pair != null && pair.key().getAlgorithm().equals(keyType) ? alias : null;
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return null;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    Pair pair = byService.get(alias);
    return pair == null ? null : pair.chain();
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    Pair pair = byService.get(alias);
    return pair == null ? null : pair.key();
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return byService.keySet().toArray(new String[0]);
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return new String[0];
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }

  private static byte[] derHeader(int tag, int length) {
    if (length < 0x80) {
      return new byte[] {(byte) tag, (byte) length};
    }
    if (length < 0x100) {
      return new byte[] {(byte) tag, (byte) 0x81, (byte) length};
    }
    return new byte[] {(byte) tag, (byte) 0x82, (byte) (length >> 8), (byte) length};
  }

  private static byte[] concat(byte[]... parts) {
    int size = 0;
    for (byte[] part : parts) {
      size += part.length;
    }
    byte[] out = new byte[size];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }
}
