package io.github.bgp.net;

import io.github.bgp.api.KeyRing;
import io.github.bgp.api.NodeId;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A node's identity on the network: an Ed25519 key pair and an X.509 certificate binding its
 * public key to its node id, made and read with BouncyCastle and the JDK (no hand-written
 * ASN.1). The same key signs TLS 1.3 handshakes and, under SM(m), the generals' messages, so a
 * cluster's certificates are its {@link KeyRing}.
 *
 * <p>Files are PEM: {@code node-<id>.crt.pem} (the certificate) and {@code node-<id>.key.pem}
 * (the private key, PKCS#8, to be kept on that node only).
 *
 * @since 0.1.0
 */
public final class Certificates {

  private static final Duration VALIDITY = Duration.ofDays(3650);

  private Certificates() {}

  /**
   * One node's private key and certificate: what its {@link NettyTransport} proves it is that node
   * with, in every TLS handshake. The record itself checks nothing; {@link #read(NodeId, Path, Path)}
   * checks that the key belongs to the certificate, and the transport that the certificate is the one
   * the cluster's configuration gives the node.
   *
   * @param id the node the keys are for
   * @param privateKey its Ed25519 private key, to be kept on that node only
   * @param certificate its X.509 certificate, carrying the public key every peer checks it by
   * @since 0.1.0
   */
  public record NodeKeys(NodeId id, PrivateKey privateKey, X509Certificate certificate) {}

  /**
   * The certificate file name of {@code id}.
   *
   * @param id the node
   * @return {@code node-<id>.crt.pem}
   */
  public static String certificateFile(NodeId id) {
    return "node-" + id + ".crt.pem";
  }

  /**
   * The private key file name of {@code id}.
   *
   * @param id the node
   * @return {@code node-<id>.key.pem}
   */
  public static String keyFile(NodeId id) {
    return "node-" + id + ".key.pem";
  }

  /**
   * A fresh Ed25519 key pair from the system's random source.
   *
   * @return the key pair
   * @throws IllegalStateException if this JDK cannot make Ed25519 keys (every JDK from 15 on can)
   */
  public static KeyPair newKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
      g.initialize(255, new SecureRandom());
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot make Ed25519 keys: " + e.getMessage(), e);
    }
  }

  /**
   * A self-signed certificate for node {@code id} of {@code cluster}: subject
   * {@code CN=bgp node <id>, O=<cluster>}, valid for ten years, for TLS clients and servers. A
   * cluster trusts exactly its configured certificates, so no certificate authority is needed.
   *
   * @param id the node
   * @param cluster the cluster's name
   * @param pair the node's key pair
   * @return the certificate
   * @throws IllegalStateException if the certificate cannot be made or signed with the pair's private
   *     key (one that is not an Ed25519 key, say)
   */
  public static X509Certificate selfSigned(NodeId id, String cluster, KeyPair pair) {
    X500Name name = new X500Name("CN=bgp node " + id + ", O=" + cluster.replaceAll("[,=+<>#;\"\\\\]", "_"));
    Instant now = Instant.now();
    try {
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
          new BigInteger(64, new SecureRandom()).add(BigInteger.ONE), Date.from(now.minus(Duration.ofMinutes(5))),
          Date.from(now.plus(VALIDITY)), name, pair.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false,
          new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("Ed25519").build(pair.getPrivate())));
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot make a certificate for " + id + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes a certificate or a private key as PEM.
   *
   * @param certificateOrKey an X.509 certificate or a private key
   * @param file the file, created afresh (owner-only for a key)
   * @throws IOException if the file cannot be written
   */
  public static void writePem(Object certificateOrKey, Path file) throws IOException {
    Object pem = certificateOrKey instanceof PrivateKey k ? PrivateKeyInfo.getInstance(k.getEncoded()) : certificateOrKey;
    if (certificateOrKey instanceof PrivateKey) {
      createOwnerOnly(file); // readable by nobody else from the first byte
    }
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter out = new JcaPEMWriter(w)) {
      out.writeObject(pem);
    }
  }

  /**
   * Reads an X.509 certificate (PEM or DER).
   *
   * @param file the certificate's file
   * @return the certificate
   * @throws IllegalArgumentException naming the file if it is missing or not a certificate
   */
  public static X509Certificate readCertificate(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no certificate file " + file, e);
    } catch (IOException | CertificateException | ClassCastException e) {
      throw new IllegalArgumentException(file + " is not an X.509 certificate: " + e.getMessage(), e);
    }
  }

  /**
   * Reads an Ed25519 private key from a PEM file ({@code BEGIN PRIVATE KEY}, PKCS#8), which must
   * be readable by its owner only ({@link #requireOwnerOnly}).
   *
   * @param file the key's file
   * @return the key
   * @throws IllegalArgumentException naming the file if it is missing, readable by others, or
   *     holds something else
   */
  public static PrivateKey readPrivateKey(Path file) {
    return readPrivateKey(file, false);
  }

  /**
   * Reads an Ed25519 private key; {@code readableByOthers} lets a key that others may read be
   * used all the same (the operator said so, knowing whoever reads it can be this node).
   *
   * @param file the key's file
   * @param readableByOthers whether to accept a key file others may read
   * @return the key
   * @throws IllegalArgumentException naming the file if it is missing, readable by others (unless
   *     allowed), or holds something else than an Ed25519 private key
   */
  public static PrivateKey readPrivateKey(Path file, boolean readableByOthers) {
    if (!readableByOthers) {
      requireOwnerOnly(file);
    }
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
      Object o = p.readObject();
      if (!(o instanceof PrivateKeyInfo info)) {
        throw new IllegalArgumentException(file + " holds " + (o == null ? "no PEM object" : "a " + o.getClass()
            .getSimpleName()) + ", not a private key (-----BEGIN PRIVATE KEY-----)");
      }
      PrivateKey key = new JcaPEMKeyConverter().getPrivateKey(info);
      if (!key.getAlgorithm().equals("Ed25519") && !key.getAlgorithm().equals("EdDSA")) {
        throw new IllegalArgumentException(file + " holds an " + key.getAlgorithm() + " key, not an Ed25519 key");
      }
      return key;
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no private key file " + file, e);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " is not a readable PEM private key: " + e.getMessage(), e);
    }
  }

  /**
   * Refuses a private key file that its group or others may read or write (a mode broader than
   * 0600), where the file system has POSIX permissions: whoever can read a node's key can be that
   * node, which is the one thing A2 rests on.
   *
   * @param file the private key's file
   * @throws IllegalArgumentException naming the file and its mode
   */
  public static void requireOwnerOnly(Path file) {
    java.util.Set<java.nio.file.attribute.PosixFilePermission> mode;
    try {
      mode = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException notPosix) {
      return; // the file system cannot say: its own access control applies
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no private key file " + file, e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the permissions of " + file + ": " + e.getMessage(), e);
    }
    java.util.Set<java.nio.file.attribute.PosixFilePermission> owner = java.util.EnumSet.of(
        java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    if (!owner.containsAll(mode)) {
      throw new IllegalArgumentException("the private key " + file + " has mode "
          + java.nio.file.attribute.PosixFilePermissions.toString(mode) + ": others may read it, and whoever can is"
          + " this node to the cluster; chmod 600 it (or allow it explicitly)");
    }
  }

  /**
   * Reads node {@code id}'s key and certificate, and checks that they belong together.
   *
   * @param id the node
   * @param keyFile its private key's file
   * @param certificateFile its certificate's file
   * @return the key and the certificate
   * @throws IllegalArgumentException if a file is missing or unreadable, the key is readable by
   *     others, or the key does not match the certificate
   */
  public static NodeKeys read(NodeId id, Path keyFile, Path certificateFile) {
    return read(id, keyFile, certificateFile, false);
  }

  /**
   * As {@link #read(NodeId, Path, Path)}; {@code readableByOthers} allows a key others may read.
   *
   * @param id the node
   * @param keyFile its private key's file
   * @param certificateFile its certificate's file
   * @param readableByOthers whether to accept a key file others may read
   * @return the key and the certificate
   * @throws IllegalArgumentException if a file is missing or unreadable, the key is readable by
   *     others (unless allowed), or the key does not match the certificate
   */
  public static NodeKeys read(NodeId id, Path keyFile, Path certificateFile, boolean readableByOthers) {
    PrivateKey key = readPrivateKey(keyFile, readableByOthers);
    X509Certificate certificate = readCertificate(certificateFile);
    if (!matches(key, certificate.getPublicKey())) {
      throw new IllegalArgumentException("the private key " + keyFile + " does not belong to the certificate "
          + certificateFile + " of " + id);
    }
    return new NodeKeys(id, key, certificate);
  }

  /** Whether {@code key} is the private half of {@code publicKey}: it signs what the public key verifies. */
  static boolean matches(PrivateKey key, PublicKey publicKey) {
    try {
      byte[] probe = "bgp key check".getBytes(StandardCharsets.US_ASCII);
      java.security.Signature s = java.security.Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(probe);
      byte[] signature = s.sign();
      s.initVerify(publicKey);
      s.update(probe);
      return s.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /**
   * The cluster's key ring: every node's public key from its certificate, and the private keys
   * given (a node's own; for colluding traitors, their accomplices' too).
   *
   * @param cluster the cluster, whose certificates give the public keys
   * @param privateKeys the private keys this process may sign with, by node
   * @return the ring
   */
  public static KeyRing ring(ClusterConfig cluster, Map<NodeId, PrivateKey> privateKeys) {
    Map<NodeId, PublicKey> pub = new TreeMap<>();
    for (ClusterConfig.Member m : cluster.members()) {
      pub.put(m.id(), readCertificate(cluster.certificate(m.id())).getPublicKey());
    }
    return KeyRing.of(pub, privateKeys);
  }

  /**
   * Makes a cluster of {@code nodes} in {@code dir}: a key pair and a certificate per node, and
   * the {@code cluster.json} that names them, with node i on {@code host} at {@code basePort + i}
   * (or on port 0, to be chosen at start, when {@code basePort} is 0).
   *
   * @param dir the directory, created if it is not there
   * @param name the cluster's name
   * @param nodes how many nodes, at least 2
   * @param host the host every node listens on
   * @param basePort node 0's port; node i listens on {@code basePort + i}
   * @param roundTimeoutMillis the length of a round
   * @return the configuration written to {@code dir/cluster.json}
   * @throws IOException if a file cannot be written
   * @throws IllegalArgumentException if there are fewer than 2 nodes, a port would fall outside 0 to
   *     65535, or the configuration is invalid (see {@link ClusterConfig}: the round's length, the name)
   */
  public static ClusterConfig makeCluster(Path dir, String name, int nodes, String host, int basePort,
      long roundTimeoutMillis) throws IOException {
    if (nodes < 2) {
      throw new IllegalArgumentException("a cluster needs at least 2 nodes, got " + nodes);
    }
    if (basePort < 0 || (long) basePort + nodes - 1 > 65535) {
      throw new IllegalArgumentException("ports " + basePort + " to " + ((long) basePort + nodes - 1)
          + " are not all valid");
    }
    Files.createDirectories(dir);
    java.util.List<ClusterConfig.Member> members = new java.util.ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      NodeId id = NodeId.of(i);
      KeyPair pair = newKeyPair();
      writePem(selfSigned(id, name, pair), dir.resolve(certificateFile(id)));
      Path key = dir.resolve(keyFile(id));
      writePem(pair.getPrivate(), key);
      members.add(new ClusterConfig.Member(id, host, basePort == 0 ? 0 : basePort + i, Path.of(certificateFile(id))));
    }
    ClusterConfig config = new ClusterConfig(name, ClusterConfig.Security.TLS, roundTimeoutMillis,
        ClusterConfig.DEFAULT_MAX_FRAME_BYTES, members, dir.toAbsolutePath());
    config.write(dir.resolve("cluster.json"));
    return config;
  }

  /** Creates {@code file} afresh, readable and writable by its owner only where the file system can say so. */
  private static void createOwnerOnly(Path file) throws IOException {
    Files.deleteIfExists(file);
    try {
      Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file); // the file keeps the directory's permissions
    }
  }
}
