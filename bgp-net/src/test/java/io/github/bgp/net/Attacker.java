package io.github.bgp.net;

import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.runtime.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Someone at the edge of a cluster's network, with plain JDK sockets: an outsider with no cluster
 * key, or a traitor that owns one genuine node key (the realistic attacker under A2), writing
 * whatever bytes it likes to a live node: frames of the wire protocol (HELLO, DATA, SCHEDULE, and
 * version 1's START, which no node takes any more), floods, junk. It trusts any server
 * certificate: it is not the one being protected. With a traitor's own live node beside it (a
 * member that also runs the protocol, lying as its strategy says), it is the traitor member of
 * the attack tests ({@code StartAttackTest}, {@code ReplayAttackTest}, {@code FloodAttackTest}).
 */
final class Attacker {

  private static final String HOST = "127.0.0.1";
  private static final int READ_TIMEOUT_MILLIS = 5_000;

  private Attacker() {}

  /** A plain TCP connection to {@code port}. */
  static Socket plain(int port) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(HOST, port), READ_TIMEOUT_MILLIS);
    s.setSoTimeout(READ_TIMEOUT_MILLIS);
    s.setTcpNoDelay(true);
    return s;
  }

  /**
   * A TLS 1.3 connection to {@code port} presenting {@code certificate}, proving possession with
   * {@code key} (which need not be the certificate's), its handshake done as far as this side is
   * concerned. Under TLS 1.3 the client finishes before the server has judged its certificate, so
   * a refusal shows up on the next read.
   */
  static SSLSocket tls(int port, PrivateKey key, X509Certificate certificate) throws IOException {
    return tls(plain(port), key, certificate);
  }

  /** TLS over the given connection, which the attacker may still write raw bytes to. */
  static SSLSocket tls(Socket raw, PrivateKey key, X509Certificate certificate) throws IOException {
    SSLSocket s = (SSLSocket) context(key, certificate).getSocketFactory()
        .createSocket(raw, HOST, raw.getPort(), true);
    s.setEnabledProtocols(new String[] {"TLSv1.3"});
    s.setSoTimeout(READ_TIMEOUT_MILLIS);
    s.startHandshake();
    return s;
  }

  /**
   * A TLS 1.3 server on a free port of 127.0.0.1 presenting {@code certificate}, for a node to
   * dial; it asks for no client certificate.
   */
  static SSLServerSocket tlsServer(PrivateKey key, X509Certificate certificate) throws IOException {
    SSLServerSocket s = (SSLServerSocket) context(key, certificate).getServerSocketFactory()
        .createServerSocket(0, 50, InetAddress.getByName(HOST));
    s.setEnabledProtocols(new String[] {"TLSv1.3"});
    s.setSoTimeout(READ_TIMEOUT_MILLIS);
    return s;
  }

  /** The bytes of a HELLO frame saying the sender is {@code node} of {@code cluster}. */
  static byte[] hello(NodeId node, String cluster) {
    return bytes(Wire.hello(UnpooledByteBufAllocator.DEFAULT, node, cluster));
  }

  /** The bytes of a wire version 1 START frame: "everyone start at {@code epochMillis}". */
  static byte[] start(long epochMillis) {
    return java.nio.ByteBuffer.allocate(Wire.LENGTH + 9).putInt(9).put(Wire.RETIRED_START).putLong(epochMillis)
        .array();
  }

  /** The bytes of a SCHEDULE frame announcing {@code a}. */
  static byte[] schedule(Announcement a) {
    return bytes(Wire.schedule(UnpooledByteBufAllocator.DEFAULT, a));
  }

  /** The bytes of a well-formed DATA frame. */
  static byte[] data(InstanceId instance, int round, NodeId from, NodeId to, byte[] payload) {
    return bytes(Wire.data(UnpooledByteBufAllocator.DEFAULT,
        new Frame(instance, round, from, to, 1, ByteBuffer.wrap(payload))));
  }

  /** Writes and flushes. */
  static void send(Socket s, byte[]... frames) throws IOException {
    for (byte[] f : frames) {
      s.getOutputStream().write(f);
    }
    s.getOutputStream().flush();
  }

  /**
   * Writes as much as the node reads before it hangs up: an attacker does not care that the rest
   * found the connection closed.
   */
  static void sendTillHungUp(Socket s, byte[]... frames) {
    try {
      send(s, frames);
    } catch (SSLException | java.net.SocketException hungUp) {
      // the node closed the connection over what it read first
    } catch (IOException e) {
      throw new IllegalStateException("writing to the node failed oddly: " + e, e);
    }
  }

  /**
   * Waits until the node hangs up (the read ends, or fails as TLS reports the refusal), and says
   * whether it did within the read timeout.
   */
  static boolean hungUpOn(Socket s) {
    try {
      InputStream in = s.getInputStream();
      byte[] sink = new byte[4096];
      while (in.read(sink) >= 0) {
        // a node never writes on a connection it accepted, beyond TLS's own records
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SSLException | java.net.SocketException e) {
      return true; // an alert, or a reset: the node closed it
    } catch (IOException e) {
      throw new IllegalStateException("reading from the node failed oddly: " + e, e);
    }
  }

  /** Closes, ignoring that the node may have closed first (TLS then cannot say goodbye). */
  static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException alreadyGone) {
      // nothing to do
    }
  }

  private static byte[] bytes(ByteBuf b) {
    try {
      return ByteBufUtil.getBytes(b);
    } finally {
      b.release();
    }
  }

  private static SSLContext context(PrivateKey key, X509Certificate certificate) {
    try {
      SSLContext c = SSLContext.getInstance("TLSv1.3");
      c.init(new KeyManager[] {new FixedKey(key, certificate)}, new TrustManager[] {new TrustAnyone()}, null);
      return c;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot make a TLS 1.3 context: " + e.getMessage(), e);
    }
  }

  /** Always presents one certificate, and signs with one key, matching or not. */
  private static final class FixedKey extends X509ExtendedKeyManager {
    private static final String ALIAS = "attacker";
    private final PrivateKey key;
    private final X509Certificate certificate;

    FixedKey(PrivateKey key, X509Certificate certificate) {
      this.key = key;
      this.certificate = certificate;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {ALIAS};
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return ALIAS;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
      return ALIAS;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return new String[] {ALIAS};
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return ALIAS;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return new X509Certificate[] {certificate};
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return key;
    }
  }

  /** Accepts any server. */
  private static final class TrustAnyone extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
