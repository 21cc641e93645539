package io.github.bgp.sm;

import io.github.bgp.api.KeyRing;
import io.github.bgp.api.NodeId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Ed25519 keys in standard files, for real deployments: PEM files (a private key as PKCS#8,
 * {@code -----BEGIN PRIVATE KEY-----}; a public key as X.509 SubjectPublicKeyInfo,
 * {@code -----BEGIN PUBLIC KEY-----}), and PKCS#12 keystores (one entry per node, alias
 * {@code node-<id>}, with a self-signed certificate for the node's id). PEM parsing and
 * certificates are BouncyCastle's; the keys are the JDK's {@link java.security} types, ready for
 * a {@link KeyRing}.
 *
 * <p>A directory ring holds {@code node-<id>.pub.pem} for every node of the cluster and
 * {@code node-<id>.key.pem} for the keys this process may use (on a real node, only its own).
 * Every problem is an {@link IllegalArgumentException} naming the file and what is wrong with it.
 *
 * @since 0.1.0
 */
public final class KeyFiles {

  private KeyFiles() {}

  /**
   * Fresh Ed25519 key pairs for generals 0..n-1, from the system's random source.
   *
   * @param generals n, the nodes to make a key pair for, at least 1
   * @return each node's key pair
   * @throws IllegalArgumentException if {@code generals} is less than 1
   * @throws IllegalStateException if this JDK cannot make Ed25519 keys (every JDK from 15 on can)
   */
  public static Map<NodeId, KeyPair> generate(int generals) {
    if (generals < 1) {
      throw new IllegalArgumentException("need at least one general to make keys for, got " + generals);
    }
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
      g.initialize(255, new SecureRandom());
      Map<NodeId, KeyPair> keys = new TreeMap<>();
      for (int i = 0; i < generals; i++) {
        keys.put(NodeId.of(i), g.generateKeyPair());
      }
      return keys;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot make Ed25519 keys: " + e.getMessage(), e);
    }
  }

  /**
   * A ring of every public key and every private key of {@code pairs} (a simulation's view).
   *
   * @param pairs the nodes' key pairs
   * @return a ring that can verify and sign for every node of {@code pairs}
   */
  public static KeyRing ring(Map<NodeId, KeyPair> pairs) {
    Map<NodeId, PublicKey> pub = new TreeMap<>();
    Map<NodeId, PrivateKey> priv = new TreeMap<>();
    pairs.forEach((id, pair) -> {
      pub.put(id, pair.getPublic());
      priv.put(id, pair.getPrivate());
    });
    return KeyRing.of(pub, priv);
  }

  /**
   * Writes {@code pairs} into {@code dir} as {@code node-<id>.pub.pem} and {@code node-<id>.key.pem}.
   *
   * @param pairs the nodes' key pairs
   * @param dir the directory, created if it is not there
   * @throws IllegalArgumentException naming the directory or file if it cannot be created or written
   */
  public static void writeDirectory(Map<NodeId, KeyPair> pairs, Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot create the key directory " + dir + ": " + e.getMessage(), e);
    }
    pairs.forEach((id, pair) -> {
      writePem(pair.getPublic(), dir.resolve(publicFile(id)));
      writePem(pair.getPrivate(), dir.resolve(privateFile(id)));
    });
  }

  /**
   * Reads the ring in {@code dir} for a cluster of {@code generals}: every node's public key, and
   * whichever private keys are there.
   *
   * @param dir the directory {@link #writeDirectory} wrote
   * @param generals n, the nodes whose public keys must be there
   * @return the ring
   * @throws IllegalArgumentException if a public key is missing or any file is not an Ed25519 key
   */
  public static KeyRing readDirectory(Path dir, int generals) {
    Map<NodeId, PublicKey> pub = new TreeMap<>();
    Map<NodeId, PrivateKey> priv = new TreeMap<>();
    for (int i = 0; i < generals; i++) {
      NodeId id = NodeId.of(i);
      pub.put(id, readPublicKey(dir.resolve(publicFile(id))));
      Path key = dir.resolve(privateFile(id));
      if (Files.exists(key)) {
        priv.put(id, readPrivateKey(key));
      }
    }
    return KeyRing.of(pub, priv);
  }

  static String publicFile(NodeId id) {
    return "node-" + id + ".pub.pem";
  }

  static String privateFile(NodeId id) {
    return "node-" + id + ".key.pem";
  }

  /**
   * Writes a key as PEM (PKCS#8 for a private key, X.509 for a public one).
   *
   * @param key an Ed25519 private or public key
   * @param file the file, created afresh (owner-only for a private key)
   * @throws IllegalArgumentException naming the file if it cannot be written
   */
  public static void writePem(java.security.Key key, Path file) {
    try {
      if (key instanceof PrivateKey) {
        createOwnerOnly(file);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write the key file " + file + ": " + e.getMessage(), e);
    }
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
        JcaPEMWriter pem = new JcaPEMWriter(w)) {
      pem.writeObject(key instanceof PrivateKey
          ? PrivateKeyInfo.getInstance(key.getEncoded())
          : SubjectPublicKeyInfo.getInstance(key.getEncoded()));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write the key file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Creates {@code file} afresh, readable and writable by its owner only where the file system can say so. */
  private static void createOwnerOnly(Path file) throws IOException {
    Files.deleteIfExists(file);
    try {
      Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
  }

  /**
   * Reads an Ed25519 public key from a PEM file ({@code BEGIN PUBLIC KEY}).
   *
   * @param file the PEM file
   * @return the key
   * @throws IllegalArgumentException naming the file if it is missing or unreadable, or holds
   *     something else than an Ed25519 public key
   */
  public static PublicKey readPublicKey(Path file) {
    Object o = readPem(file);
    if (!(o instanceof SubjectPublicKeyInfo info)) {
      throw new IllegalArgumentException(file + " holds " + kind(o) + ", not a public key (BEGIN PUBLIC KEY)");
    }
    try {
      return ed25519(new JcaPEMKeyConverter().getPublicKey(info), file);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " does not hold a usable public key: " + e.getMessage(), e);
    }
  }

  /**
   * Reads an Ed25519 private key from a PEM file ({@code BEGIN PRIVATE KEY}, PKCS#8).
   *
   * @param file the PEM file
   * @return the key
   * @throws IllegalArgumentException naming the file if it is missing or unreadable, or holds
   *     something else than an Ed25519 private key
   */
  public static PrivateKey readPrivateKey(Path file) {
    Object o = readPem(file);
    if (!(o instanceof PrivateKeyInfo info)) {
      throw new IllegalArgumentException(file + " holds " + kind(o) + ", not a private key (BEGIN PRIVATE KEY)");
    }
    try {
      return ed25519(new JcaPEMKeyConverter().getPrivateKey(info), file);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " does not hold a usable private key: " + e.getMessage(), e);
    }
  }

  private static <K extends java.security.Key> K ed25519(K key, Path file) {
    String algorithm = key.getAlgorithm();
    if (!algorithm.equals("Ed25519") && !algorithm.equals("EdDSA")) {
      throw new IllegalArgumentException(file + " holds an " + algorithm + " key, not an Ed25519 key");
    }
    return key;
  }

  private static Object readPem(Path file) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
      Object o = p.readObject();
      if (o == null) {
        throw new IllegalArgumentException(file + " holds no PEM object (expected -----BEGIN ... KEY-----)");
      }
      return o;
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no key file " + file, e);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(file + " is not a readable PEM file: " + e.getMessage(), e);
    }
  }

  private static String kind(Object pem) {
    return "a " + pem.getClass().getSimpleName();
  }

  /**
   * Writes {@code pairs} into a PKCS#12 keystore: one entry per node, alias {@code node-<id>}, its
   * private key with a self-signed certificate whose subject names the node.
   *
   * @param pairs the nodes' key pairs
   * @param file the keystore file, created afresh and owner-only
   * @param password the keystore's and every entry's password
   * @throws IllegalArgumentException naming the file if the keystore cannot be made or written
   */
  public static void writeKeyStore(Map<NodeId, KeyPair> pairs, Path file, char[] password) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, password);
      for (Map.Entry<NodeId, KeyPair> e : pairs.entrySet()) {
        store.setKeyEntry(alias(e.getKey()), e.getValue().getPrivate(), password,
            new Certificate[] {selfSigned(e.getKey(), e.getValue())});
      }
      createOwnerOnly(file);
      try (OutputStream out = Files.newOutputStream(file)) {
        store.store(out, password);
      }
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalArgumentException("cannot write the keystore " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a PKCS#12 keystore written by {@link #writeKeyStore}: every {@code node-<id>} entry's
   * certificate gives the node's public key, and its private key too where the password opens it.
   *
   * @param file the keystore file
   * @param password the password of the keystore and of the private keys to read
   * @return the ring
   * @throws IllegalArgumentException naming the file if it cannot be read, the password is wrong,
   *     an alias is not {@code node-<id>}, or a key is not Ed25519
   */
  public static KeyRing readKeyStore(Path file, char[] password) {
    KeyStore store;
    try (InputStream in = Files.newInputStream(file)) {
      store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no keystore file " + file, e);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot open the keystore " + file + " (wrong password, or not PKCS#12): "
          + e.getMessage(), e);
    }
    Map<NodeId, PublicKey> pub = new LinkedHashMap<>();
    Map<NodeId, PrivateKey> priv = new LinkedHashMap<>();
    try {
      for (Enumeration<String> aliases = store.aliases(); aliases.hasMoreElements();) {
        String alias = aliases.nextElement();
        NodeId id = nodeOf(alias, file);
        Certificate cert = store.getCertificate(alias);
        if (cert == null) {
          throw new IllegalArgumentException(file + " entry " + alias + " has no certificate");
        }
        pub.put(id, ed25519(cert.getPublicKey(), file)); // one alias per id: node-<id> without leading zeros
        if (store.isKeyEntry(alias)) {
          if (!(store.getKey(alias, password) instanceof PrivateKey key)) {
            throw new IllegalArgumentException(file + " entry " + alias + " holds a key that is not a private key");
          }
          priv.put(id, ed25519(key, file));
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read the keys in " + file + ": " + e.getMessage(), e);
    }
    return KeyRing.of(pub, priv);
  }

  static String alias(NodeId id) {
    return "node-" + id;
  }

  private static NodeId nodeOf(String alias, Path file) {
    if (!alias.matches("node-(0|[1-9][0-9]{0,8})")) {
      throw new IllegalArgumentException(file + " has an entry '" + alias + "'; expected aliases node-<id>");
    }
    return NodeId.of(Integer.parseInt(alias.substring(5)));
  }

  private static X509Certificate selfSigned(NodeId id, KeyPair pair)
      throws OperatorCreationException, GeneralSecurityException {
    X500Name name = new X500Name("CN=bgp node " + id);
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(id.index() + 1L),
        Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(3650))), name,
        pair.getPublic());
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("Ed25519").build(pair.getPrivate())));
  }
}
