package io.github.bgp.dolevstrong;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.AgreementSpec;
import io.github.bgp.api.Guarantee;
import io.github.bgp.api.Value;
import io.github.bgp.spi.Adversary;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Setup;
import java.util.Set;

/**
 * Dolev-Strong authenticated broadcast (Dolev and Strong, 1983): the signed counterpart to SM(m),
 * on the same Ed25519 key ring. The commander signs its order once and sends it to every
 * lieutenant. In round r (1..m+1) a lieutenant extracts a value that arrives with a chain of r
 * valid signatures by distinct generals, the commander's first and the sender's last; a value new
 * to its extracted set it signs and sends, in round r + 1, to every other lieutenant (at most two
 * values: two prove the commander a traitor, and a third changes nothing). After round m + 1 it
 * decides the value if it extracted exactly one, the fallback otherwise. A traitor cannot forge a
 * loyal general's signature, so with at most m traitors, whatever n, every loyal lieutenant ends
 * with the same extracted set (a value a loyal one extracts in round r &le; m it relays; one it
 * extracts in round m + 1 carries m + 1 signatures, one of them loyal, who relayed it already).
 *
 * <p>Beside SM(m) in this library: the commander signs each value once, as SM's does (one
 * {@code SignedOrders}); a relay goes to every other lieutenant, signers included,
 * as the paper sends it to all; a chain may name its receiver (it is then not new to it). Messages are O(n²) per round
 * and carry up to m + 1 signatures. With nobody lying (and m &ge; 1, n &ge; 3) a run sends
 * {@code (n - 1)²} logical messages and makes {@code n} signatures, and the lieutenants verify
 * {@code (n - 1)²} (each distinct signature once): {@link #loyalMessages}, {@link #loyalSignatures}.
 * Signatures bind the cluster, the instance, the round and the value
 * under the domain {@code "bgp-ds/1"}, so none made for SM, or for another run, verifies here.
 * The counters {@code signatures.made}, {@code signatures.verified} and {@code messages.rejected}
 * are SM's.
 *
 * <p>Registered under the name {@code dolev-strong}: {@code Protocols.agreement("dolev-strong")}.
 *
 * @since 0.1.0
 */
public final class DolevStrong implements AgreementProtocol {

  /** The provider that {@link io.github.bgp.api.Protocols} instantiates through {@code ServiceLoader}. */
  public DolevStrong() {}

  /** The name this protocol is registered under. */
  public static final String NAME = "dolev-strong";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return "Dolev-Strong authenticated broadcast with Ed25519 (1983): IC1 and IC2 for any n with at most m traitors,"
        + " in m+1 rounds";
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.SIGNATURES);
  }

  /**
   * The logical messages a run sends when nobody lies: the order to each of the n - 1 lieutenants,
   * and, if there is a second round (m &ge; 1 and n &ge; 3), each relaying it once to the n - 2
   * others: {@code (n - 1)²}; {@code n - 1} otherwise.
   *
   * @param generals n, the commander and the lieutenants
   * @param m the traitors tolerated
   * @return the messages of a run without lies
   */
  public static long loyalMessages(int generals, int m) {
    long l = generals - 1L;
    return relays(generals, m) ? l * l : l;
  }

  /**
   * The signatures a run makes when nobody lies: the commander's one, and one per lieutenant if it relays.
   *
   * @param generals n, the commander and the lieutenants
   * @param m the traitors tolerated
   * @return the signatures of a run without lies
   */
  public static long loyalSignatures(int generals, int m) {
    return relays(generals, m) ? generals : 1;
  }

  private static boolean relays(int generals, int m) {
    return m >= 1 && generals >= 3;
  }

  /** Every kind: orders, numbers and an application's bytes, each signed as it travels. */
  @Override
  public boolean carries(Value.Kind kind) {
    return true;
  }

  @Override
  public Guarantee guarantee(AgreementSpec s, int traitors) {
    if (traitors > s.m()) {
      return Guarantee.none(String.format("%d traitors are more than the m=%d that Dolev-Strong is run to tolerate:"
          + " m+1 rounds outlast at most m traitors relaying a value at the last moment", traitors, s.m()));
    }
    return Guarantee.holds(String.format("%d traitor%s <= m=%d and signatures cannot be forged: Dolev-Strong guarantees"
        + " IC1 and IC2 with any number of traitors up to m, for any number of generals (here %d)", traitors,
        traitors == 1 ? "" : "s", s.m(), s.generals()));
  }

  @Override
  public Setup<?> create(AgreementSpec spec, Environment environment, Adversary adversary) {
    return new DsSetup(spec, environment, adversary);
  }
}
