package io.github.bgp.api;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The keys of a cluster, for protocols that sign: every node's public key, and the private keys
 * this process holds (a real node holds its own; a simulation holds everyone's). Keys are the
 * JDK's {@link java.security} types, so they come from and go to standard encodings (X.509
 * public keys, PKCS#8 private keys) without this API depending on a crypto library.
 *
 * @since 0.1.0
 */
public interface KeyRing {

  /**
   * The public key of {@code node}.
   *
   * @param node a node of the cluster
   * @return its public key
   * @throws IllegalArgumentException if the ring has no key for it
   */
  PublicKey publicKey(NodeId node);

  /**
   * The private key of {@code node}, if this process holds it.
   *
   * @param node a node of the cluster
   * @return its private key, or empty if this process cannot sign for it
   */
  Optional<PrivateKey> privateKey(NodeId node);

  /**
   * The nodes the ring has public keys for, in increasing order.
   *
   * @return an unmodifiable set
   */
  SortedSet<NodeId> nodes();

  /**
   * A ring of these public keys and these private keys (both maps are copied).
   *
   * @param publicKeys every node's public key
   * @param privateKeys the private keys this process holds; empty for a process that only verifies
   * @return the ring, immutable
   * @throws IllegalArgumentException if a private key belongs to a node without a public key
   */
  static KeyRing of(Map<NodeId, PublicKey> publicKeys, Map<NodeId, PrivateKey> privateKeys) {
    TreeMap<NodeId, PublicKey> pub = new TreeMap<>();
    pub.putAll(publicKeys);
    TreeMap<NodeId, PrivateKey> priv = new TreeMap<>();
    priv.putAll(privateKeys);
    for (NodeId id : priv.keySet()) {
      if (!pub.containsKey(id)) {
        throw new IllegalArgumentException("the ring holds a private key for " + id + " but no public key");
      }
    }
    return new Ring(Collections.unmodifiableSortedMap(pub), Collections.unmodifiableSortedMap(priv));
  }

  /**
   * A ring backed by two maps; {@link KeyRing#of} makes one from immutable, sorted copies.
   *
   * @param publicKeys every node's public key
   * @param privateKeys the private keys this process holds
   * @since 0.1.0
   */
  record Ring(Map<NodeId, PublicKey> publicKeys, Map<NodeId, PrivateKey> privateKeys) implements KeyRing {
    /**
     * Checks the maps are there; they are used as given, not copied.
     *
     * @param publicKeys every node's public key
     * @param privateKeys the private keys this process holds
     * @throws NullPointerException if either map is null
     */
    public Ring {
      Objects.requireNonNull(publicKeys, "publicKeys");
      Objects.requireNonNull(privateKeys, "privateKeys");
    }

    @Override
    public PublicKey publicKey(NodeId node) {
      PublicKey key = publicKeys.get(node);
      if (key == null) {
        throw new IllegalArgumentException("no public key for node " + node + "; the ring has keys for " + nodes());
      }
      return key;
    }

    @Override
    public Optional<PrivateKey> privateKey(NodeId node) {
      return Optional.ofNullable(privateKeys.get(node));
    }

    @Override
    public SortedSet<NodeId> nodes() {
      return Collections.unmodifiableSortedSet(new TreeSet<>(publicKeys.keySet()));
    }

    @Override
    public String toString() {
      return "KeyRing" + nodes() + " (private keys for " + privateKeys.keySet() + ")";
    }
  }
}
