package io.github.bgp.bench;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The signature floor under SM(1) in {@link LoopbackBenchmark}: Ed25519 signatures made, and
 * verified, per second by the whole machine (a thread per core, BouncyCastle, 100-byte payloads
 * like SM's). Divided by the signatures and verifications one agreement needs, it is the most
 * agreements a second the machine could decide if it did nothing but their crypto.
 *
 * <pre>
 * java -jar bgp-bench/target/benchmarks.jar SignatureFloorBenchmark -rf json
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Threads(Threads.MAX)
@Fork(1)
public class SignatureFloorBenchmark {

  /** A key pair, a payload and its signature, one per thread. */
  @State(Scope.Thread)
  public static class Keys {
    Ed25519PrivateKeyParameters key;
    Ed25519PublicKeyParameters publicKey;
    byte[] payload;
    byte[] signature;

    @Setup(Level.Trial)
    public void setUp() {
      SecureRandom random = new SecureRandom();
      key = new Ed25519PrivateKeyParameters(random);
      publicKey = key.generatePublicKey();
      payload = new byte[100];
      random.nextBytes(payload);
      signature = signature(this);
    }
  }

  static byte[] signature(Keys k) {
    Ed25519Signer s = new Ed25519Signer();
    s.init(true, k.key);
    s.update(k.payload, 0, k.payload.length);
    return s.generateSignature();
  }

  /** One signature. */
  @Benchmark
  public byte[] sign(Keys k) {
    return signature(k);
  }

  /** One verification (of a valid signature). */
  @Benchmark
  public boolean verify(Keys k) {
    Ed25519Signer v = new Ed25519Signer();
    v.init(false, k.publicKey);
    v.update(k.payload, 0, k.payload.length);
    if (!v.verifySignature(k.signature)) {
      throw new IllegalStateException("a valid signature did not verify");
    }
    return true;
  }
}
