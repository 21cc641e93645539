package io.github.bgp.bench;

import io.github.bgp.api.Outcome;
import io.github.bgp.api.Protocols;
import io.github.bgp.sim.Simulation;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pure-crypto floor under {@link SmBenchmark}: exactly as many Ed25519 signatures and
 * verifications (BouncyCastle, 100-byte payloads like SM's) as one SM(m) run of the same
 * parameters makes, which it learns by running the scenario once. The score is the time of that
 * much crypto; SmBenchmark's score over it is what the protocol costs beyond signing.
 *
 * <pre>
 * java -jar bgp-bench/target/benchmarks.jar 'SmBenchmark|Ed25519Benchmark' -rf json
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class Ed25519Benchmark {

  /** As many signatures and verifications as one SM(m) run with {@link SmBenchmark.Params} makes. */
  @State(Scope.Benchmark)
  public static class Crypto {
    long signs;
    long verifies;
    Ed25519PrivateKeyParameters key;
    Ed25519PublicKeyParameters publicKey;
    byte[] payload;
    byte[] signature;

    @Setup(Level.Trial)
    public void setUp(SmBenchmark.Params p) {
      Outcome o = Simulation.run(Protocols.agreement("sm"), p.scenario());
      signs = o.counter("signatures.made");
      verifies = o.counter("signatures.verified");
      key = new Ed25519PrivateKeyParameters(new SecureRandom());
      publicKey = key.generatePublicKey();
      payload = new byte[100];
      new SecureRandom().nextBytes(payload);
      signature = sign();
    }

    byte[] sign() {
      Ed25519Signer s = new Ed25519Signer();
      s.init(true, key);
      s.update(payload, 0, payload.length);
      return s.generateSignature();
    }
  }

  /** As many signatures and verifications as one run makes. */
  @Benchmark
  public int crypto(Crypto c) {
    int valid = 0;
    for (long i = 0; i < c.signs; i++) {
      valid += c.sign()[0] & 1;
    }
    for (long i = 0; i < c.verifies; i++) {
      Ed25519Signer v = new Ed25519Signer();
      v.init(false, c.publicKey);
      v.update(c.payload, 0, c.payload.length);
      valid += v.verifySignature(c.signature) ? 1 : 0;
    }
    return valid;
  }
}
