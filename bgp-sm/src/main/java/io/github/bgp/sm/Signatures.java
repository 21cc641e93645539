package io.github.bgp.sm;

import io.github.bgp.api.InstanceId;
import io.github.bgp.api.KeyRing;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Value;
import io.github.bgp.spi.Entropy;
import io.github.bgp.spi.Environment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * The Ed25519 keys of one run of a protocol that signs chains (SM(m), Dolev-Strong), and what is
 * signed: the one signing code both share.
 *
 * <p>Signature i of a chain (0 for the commander) is made in round i + 1 over
 *
 * <pre>
 * domain | cluster name | instance id | round | value kind | value | signers 0..i | signature i-1
 * </pre>
 *
 * where the domain names the protocol ({@code "bgp-sm/2"}, {@code "bgp-ds/1"}), so that a signature
 * made for one protocol is never valid in another,
 * (the cluster name as a 16-bit length and UTF-8 bytes; the value as its code, or for an
 * application's bytes as a 32-bit length and the bytes) so it binds the cluster, the run, the round and the value, and, through the previous signature, the whole
 * chain before it: a signature from one run or round cannot be replayed into another, and a
 * value cannot be changed under a signature. Signing uses BouncyCastle's Ed25519 (measured here
 * at about 20,000 signatures a second per core, against about 1,200 for the JDK's); signatures
 * are deterministic, so a run replays byte for byte.
 *
 * @since 0.1.0
 */
public final class Signatures {

  /** SM(m)'s domain. */
  static final String SM = "bgp-sm/2";

  private final byte[] domain;
  private final InstanceId instance;
  private final byte[] cluster;
  private final Ed25519PublicKeyParameters[] publicKeys;
  private final Ed25519PrivateKeyParameters[] privateKeys;

  private Signatures(String domain, String cluster, InstanceId instance, Ed25519PublicKeyParameters[] publicKeys,
      Ed25519PrivateKeyParameters[] privateKeys) {
    this.domain = domain.getBytes(StandardCharsets.US_ASCII);
    this.instance = instance;
    this.cluster = cluster.getBytes(StandardCharsets.UTF_8);
    if (this.cluster.length > 0xFFFF) {
      throw new IllegalArgumentException("a cluster name of " + this.cluster.length + " bytes is too long to sign");
    }
    this.publicKeys = publicKeys;
    this.privateKeys = privateKeys;
  }

  /**
   * The keys of one run of the protocol signing under {@code domain}: the environment's key ring if
   * it has one, otherwise keys derived from {@code seed} (the adversary's), so a simulated run
   * replays exactly. Both protocols derive the same keys from the same seed: one key ring.
   *
   * @param domain the protocol's signing domain, which every payload starts with
   * @param generals n, the nodes that sign
   * @param environment the run's environment: its key ring, cluster and instance
   * @param seed where keys come from if the environment has no ring
   * @return the run's keys
   * @throws IllegalArgumentException if the ring lacks a general's key or holds one that is not Ed25519
   */
  public static Signatures forRun(String domain, int generals, Environment environment, long seed) {
    return environment.keys()
        .map(ring -> fromRing(domain, ring, generals, environment.cluster(), environment.instance()))
        .orElseGet(() -> fromSeed(domain, seed, generals, environment.cluster(), environment.instance()));
  }

  /** Keys for generals 0..n-1 derived from {@code seed}, so a simulated run replays exactly. */
  static Signatures fromSeed(String domain, long seed, int generals, String cluster, InstanceId instance) {
    DerivedKeys keys = generals <= DerivedKeys.MAX_GENERALS ? DerivedKeys.of(seed, generals)
        : DerivedKeys.derive(seed, generals);
    return new Signatures(domain, cluster, instance, keys.publicKeys, keys.privateKeys);
  }

  /**
   * The key pairs a seed derives, remembered for the last {@value Signatures#CACHED_SEEDS} seeds of small
   * runs: deriving a public key costs about a signature, and runs of the same scenario (a load
   * that cycles through a pool of scenarios, a property test) would derive the same keys again
   * for every instance. Never changed once made, so instances share them.
   */
  private record DerivedKeys(long seed, Ed25519PublicKeyParameters[] publicKeys,
      Ed25519PrivateKeyParameters[] privateKeys) {
    static final int MAX_GENERALS = 64;
    private static final Map<Long, DerivedKeys> CACHE = new LinkedHashMap<>(CACHED_SEEDS * 2, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, DerivedKeys> eldest) {
        return size() > CACHED_SEEDS;
      }
    };

    static DerivedKeys of(long seed, int generals) {
      synchronized (CACHE) {
        DerivedKeys k = CACHE.get(seed);
        if (k != null && k.publicKeys.length >= generals) {
          return k.publicKeys.length == generals ? k : k.first(generals);
        }
      }
      DerivedKeys made = derive(seed, generals);
      synchronized (CACHE) {
        CACHE.put(seed, made);
      }
      return made;
    }

    static DerivedKeys derive(long seed, int generals) {
      Ed25519PublicKeyParameters[] pub = new Ed25519PublicKeyParameters[generals];
      Ed25519PrivateKeyParameters[] priv = new Ed25519PrivateKeyParameters[generals];
      for (int g = 0; g < generals; g++) {
        priv[g] = privateKeyOf(seed, g);
        pub[g] = priv[g].generatePublicKey();
      }
      return new DerivedKeys(seed, pub, priv);
    }

    /** The keys of generals 0..n-1 only: general g's key does not depend on how many there are. */
    DerivedKeys first(int n) {
      return new DerivedKeys(seed, Arrays.copyOf(publicKeys, n), Arrays.copyOf(privateKeys, n));
    }
  }

  /** How many seeds' keys {@link DerivedKeys} remembers. */
  private static final int CACHED_SEEDS = 256;

  /** General {@code g}'s private key for {@code seed}: 32 bytes of the seed's entropy. */
  static Ed25519PrivateKeyParameters privateKeyOf(long seed, int g) {
    ByteBuffer bytes = ByteBuffer.allocate(Ed25519PrivateKeyParameters.KEY_SIZE);
    for (int word = 0; word < 4; word++) {
      bytes.putLong(Entropy.of(seed, 0x5349474E, g, word, 0));
    }
    return new Ed25519PrivateKeyParameters(bytes.array(), 0);
  }

  /**
   * The keys of {@code ring}: every general's public key, and the private keys it holds.
   *
   * @throws IllegalArgumentException if a general has no key, or a key is not Ed25519
   */
  static Signatures fromRing(String domain, KeyRing ring, int generals, String cluster, InstanceId instance) {
    Ed25519PublicKeyParameters[] pub = new Ed25519PublicKeyParameters[generals];
    Ed25519PrivateKeyParameters[] priv = new Ed25519PrivateKeyParameters[generals];
    for (int g = 0; g < generals; g++) {
      NodeId id = NodeId.of(g);
      PublicKey publicKey = ring.publicKey(id);
      pub[g] = PARSED_PUBLIC.get(publicKey);
      if (pub[g] == null) {
        pub[g] = ed25519Public(publicKey.getEncoded(), id);
        PARSED_PUBLIC.put(publicKey, pub[g]);
      }
      Optional<PrivateKey> key = ring.privateKey(id);
      if (key.isPresent()) {
        priv[g] = PARSED_PRIVATE.get(key.get());
        if (priv[g] == null) {
          priv[g] = ed25519Private(key.get().getEncoded(), id);
          PARSED_PRIVATE.put(key.get(), priv[g]);
        }
      }
    }
    return new Signatures(domain, cluster, instance, pub, priv);
  }

  /*
   * A ring's keys as BouncyCastle's parameters, for as long as the ring's key objects live. A live node
   * makes a Signatures for every instance: decoding each general's public key costs about a tenth of a
   * verification, and a freshly decoded private key derives its public key again at its first signature
   * (a signature's cost once more), while a parameter object kept derives it once. Keyed by the JDK's
   * key objects (equal when their encodings are), so a rotated ring's new keys are new entries and an
   * old key's entry goes with its last reference.
   */
  private static final Map<PublicKey, Ed25519PublicKeyParameters> PARSED_PUBLIC =
      Collections.synchronizedMap(new WeakHashMap<>());
  private static final Map<PrivateKey, Ed25519PrivateKeyParameters> PARSED_PRIVATE =
      Collections.synchronizedMap(new WeakHashMap<>());

  private static Ed25519PublicKeyParameters ed25519Public(byte[] x509, NodeId id) {
    AsymmetricKeyParameter key;
    try {
      key = PublicKeyFactory.createKey(x509);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("the public key of node " + id + " is not a valid Ed25519 key: " + e.getMessage(), e);
    }
    if (key instanceof Ed25519PublicKeyParameters ed) {
      return ed;
    }
    throw new IllegalArgumentException("the public key of node " + id + " is not an Ed25519 key");
  }

  private static Ed25519PrivateKeyParameters ed25519Private(byte[] pkcs8, NodeId id) {
    AsymmetricKeyParameter key;
    try {
      key = PrivateKeyFactory.createKey(pkcs8);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("the private key of node " + id + " is not a valid Ed25519 key: " + e.getMessage(), e);
    }
    if (key instanceof Ed25519PrivateKeyParameters ed) {
      return ed;
    }
    throw new IllegalArgumentException("the private key of node " + id + " is not an Ed25519 key");
  }

  /**
   * Whether this process holds {@code signer}'s private key.
   *
   * @param signer a general
   * @return whether {@link #sign} can sign as it
   */
  public boolean canSignAs(NodeId signer) {
    return signer.index() < privateKeys.length && privateKeys[signer.index()] != null;
  }

  /**
   * Whether {@code signer} is a general this run knows a key for.
   *
   * @param signer a general
   * @return whether its signatures can be verified
   */
  public boolean knows(NodeId signer) {
    return signer.index() < publicKeys.length;
  }

  /**
   * {@code signer}'s signature extending {@code before} (the signatures already on the value) by
   * one, made in round {@code before.size() + 1}.
   *
   * @param signer the general that signs
   * @param value the value signed
   * @param before the signatures already on the value, the commander's first
   * @return the new signature
   * @throws IllegalStateException if this process does not hold the signer's key
   */
  public Signature sign(NodeId signer, Value value, List<Signature> before) {
    if (!canSignAs(signer)) {
      throw new IllegalStateException("no private key for node " + signer);
    }
    byte[] payload = payload(value, before, signer);
    Ed25519Signer s = new Ed25519Signer();
    s.init(true, privateKeys[signer.index()]);
    s.update(payload, 0, payload.length);
    return new Signature(signer, s.generateSignature());
  }

  /**
   * Whether signature {@code at} of {@code chain} is {@code chain.get(at).signer()}'s, over {@code value}.
   *
   * @param value the value the chain signs
   * @param chain the signatures, the commander's first
   * @param at the index of the signature to check
   * @return whether it is valid
   */
  public boolean verify(Value value, List<Signature> chain, int at) {
    Signature sig = chain.get(at);
    return verify(payload(value, chain.subList(0, at), sig.signer()), sig);
  }

  /**
   * Whether {@code sig} is its signer's over {@code payload} (made by {@link #payload}).
   *
   * @param payload the signed bytes
   * @param sig the signature
   * @return whether it is valid
   */
  public boolean verify(byte[] payload, Signature sig) {
    Ed25519Signer s = new Ed25519Signer();
    s.init(false, publicKeys[sig.signer().index()]);
    s.update(payload, 0, payload.length);
    return s.verifySignature(sig.raw());
  }

  /**
   * The bytes signature {@code before.size()} signs.
   *
   * @param value the value signed
   * @param before the signatures already on the value
   * @param signer the general that signs next
   * @return the bytes it signs: domain, cluster, instance, position, value and the signers so far
   */
  public byte[] payload(Value value, List<Signature> before, NodeId signer) {
    int k = before.size();
    ByteBuffer b = ByteBuffer.allocate(domain.length + 2 + cluster.length + 8 + 4 + 1 + SignedValue.valueSize(value)
        + 2 * (k + 1) + (k > 0 ? Signature.LENGTH : 0));
    b.put(domain).putShort((short) cluster.length).put(cluster).putLong(instance.value()).putInt(k + 1);
    SignedValue.writeValue(b, value);
    for (Signature s : before) {
      b.putShort((short) s.signer().index());
    }
    b.putShort((short) signer.index());
    if (k > 0) {
      b.put(before.get(k - 1).raw());
    }
    return b.array();
  }
}
