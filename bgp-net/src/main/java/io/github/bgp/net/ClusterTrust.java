package io.github.bgp.net;

import io.github.bgp.api.NodeId;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly the cluster's certificates: a peer is accepted if the certificate it proves it
 * holds (the TLS handshake checks the signature with its key) is byte for byte one of the
 * configured ones, and it is then that node (assumption A2). No certificate authority, no host
 * names: a certificate not in the configuration is refused, whoever signed it.
 */
final class ClusterTrust extends X509ExtendedTrustManager {

  private final String cluster;
  private final Map<ByteBuffer, NodeId> nodes = new HashMap<>();

  ClusterTrust(ClusterConfig config) {
    this.cluster = config.name();
    for (ClusterConfig.Member m : config.members()) {
      X509Certificate c = Certificates.readCertificate(config.certificate(m.id()));
      NodeId earlier = nodes.put(key(c), m.id());
      if (earlier != null) {
        throw new IllegalArgumentException(earlier + " and " + m.id() + " have the same certificate");
      }
    }
  }

  /** The node whose certificate this is, if it is one of the cluster's. */
  Optional<NodeId> node(X509Certificate certificate) {
    return Optional.ofNullable(nodes.get(key(certificate)));
  }

  private void check(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the peer presented no certificate");
    }
    X509Certificate leaf = chain[0];
    if (node(leaf).isEmpty()) {
      throw new UnknownCertificate("the certificate '" + leaf.getSubjectX500Principal().getName()
          + "' is not one of cluster " + cluster + "'s");
    }
    leaf.checkValidity();
  }

  /** A certificate outside the cluster, told apart from other handshake failures in metrics. */
  static final class UnknownCertificate extends CertificateException {
    UnknownCertificate(String message) {
      super(message);
    }
  }

  private static ByteBuffer key(X509Certificate c) {
    try {
      return ByteBuffer.wrap(c.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("cannot encode certificate " + c.getSubjectX500Principal(), e);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
