package io.github.bgp.sm.internal;

import io.github.bgp.api.NodeId;
import io.github.bgp.api.Value;
import io.github.bgp.sm.Signature;
import io.github.bgp.sm.Signatures;
import io.github.bgp.sm.SignedValue;
import io.github.bgp.spi.Node;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The signatures one lieutenant has verified in one instance of a protocol that signs chains
 * (SM(m), Dolev-Strong), so that it verifies each distinct signature once: a relay carries again
 * every signature made before it. Each is remembered by its signer and its bytes, with the bytes
 * it was verified over, and counts as verified again only over those same bytes.
 *
 * <p>A signature already verified over other bytes (another value, chain, round or instance) is
 * refused without another verification. Ed25519 signatures bind what they sign through SHA-512,
 * and a general's signature over one payload is valid over another only if their hashes collide
 * (modulo the group order): such a signature is one a traitor copied from a message it changed,
 * which a verification would refuse as well. A signature not verified before is always verified.
 *
 * <p>The lieutenant keeps its own, so it ends with the instance; it holds only signatures that
 * verified, at most every signature of the messages the lieutenant's rounds admit (each frame's
 * size is checked first), so no peer can make it grow beyond the instance's bounded frames.
 *
 * @since 0.1.0
 */
public final class VerifiedSignatures {

  private final Signatures signatures;
  private final Map<Signature, byte[]> verified = new HashMap<>();

  /**
   * An empty record of verifications under {@code signatures}.
   *
   * @param signatures the instance's keys and payloads
   */
  public VerifiedSignatures(Signatures signatures) {
    this.signatures = signatures;
  }

  /**
   * Whether signature {@code at} of {@code chain} is its signer's over {@code value} and the
   * signatures before it, verifying it (and counting {@code signatures.verified}) unless this
   * lieutenant verified it over the same bytes already.
   *
   * @param value the value the chain signs
   * @param chain the signatures, the commander's first, each signer known to the instance
   * @param at the index of the signature to check
   * @param context the lieutenant's context, where verifications are counted
   * @return whether it is valid
   */
  public boolean verify(Value value, List<Signature> chain, int at, Node.Context<?> context) {
    Signature sig = chain.get(at);
    byte[] payload = signatures.payload(value, chain.subList(0, at), sig.signer());
    byte[] known = verified.get(sig);
    if (known != null) {
      return Arrays.equals(known, payload);
    }
    context.count("signatures.verified", 1);
    if (!signatures.verify(payload, sig)) {
      return false;
    }
    verified.put(sig, payload);
    return true;
  }

  /**
   * Whether {@code m}, received from {@code from} in round {@code round}, is a message the round
   * admits: a chain of {@code round} signatures, the commander's first and {@code from}'s last, of
   * distinct signers known to the instance and none of them in {@code refused}, over a value of
   * {@code kind}, each signature verifying (see {@link #verify}). The shape is checked before any
   * signature is verified.
   *
   * @param from the general the message came from
   * @param round the round it arrived in, from 1
   * @param m the signed value
   * @param kind the kind of value the instance agrees on
   * @param refused signers a chain must not name (the receiver, where a protocol relays only new chains)
   * @param context the lieutenant's context, where verifications are counted
   * @return whether it is valid
   */
  public boolean admits(NodeId from, int round, SignedValue m, Value.Kind kind, Set<NodeId> refused,
      Node.Context<?> context) {
    List<Signature> chain = m.chain();
    if (chain.size() != round || !chain.get(0).signer().equals(NodeId.COMMANDER)
        || !chain.get(round - 1).signer().equals(from) || m.value().kind() != kind) {
      return false;
    }
    Set<NodeId> signers = new HashSet<>();
    for (Signature s : chain) {
      if (!signatures.knows(s.signer()) || refused.contains(s.signer()) || !signers.add(s.signer())) {
        return false;
      }
    }
    for (int at = 0; at < round; at++) {
      if (!verify(m.value(), chain, at, context)) {
        return false;
      }
    }
    return true;
  }

  /**
   * How many distinct signatures have verified.
   *
   * @return the signatures remembered
   */
  public int size() {
    return verified.size();
  }
}
