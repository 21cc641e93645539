package io.github.bgp.sm.internal;

import io.github.bgp.api.NodeId;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.sm.Signature;
import io.github.bgp.sm.Signatures;
import io.github.bgp.sm.SignedValue;
import io.github.bgp.spi.Adversary;
import io.github.bgp.spi.Builtin;
import io.github.bgp.spi.Entropy;
import io.github.bgp.spi.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * A lieutenant's relay in the protocols that sign chains (SM(m), Dolev-Strong): each value it
 * relays countersigned once and sent to its peers ({@link #relay}), and, for a traitor, what its
 * strategy says instead of the honest countersigned value and the chain it builds for another
 * value. Traitors share their keys, so every traitor's signature on the chain is made again over
 * the new value; a loyal signer's cannot be, so it is copied, signed over the old value, and loyal
 * lieutenants reject the chain. Which values a lieutenant relays, whether a peer already on a chain
 * receives it, and what it accepts stay with each protocol.
 *
 * @since 0.1.0
 */
public final class SignedRelays {

  private SignedRelays() {}

  /**
   * What a relay sends a peer that already signed the chain of a value it relays.
   *
   * @since 0.1.0
   */
  public enum Signers {
    /** Nothing: the value goes only to lieutenants not on its chain (SM(m)). */
    SKIPPED,
    /**
     * The honest relay, from a traitor too: the value goes to every peer (Dolev-Strong), and a
     * strategy is never asked about a path that holds its recipient.
     */
    SENT
  }

  /**
   * Countersigns each of {@code values} once as {@code self} (each counted, {@code signatures.made})
   * and sends every peer, in order, the list it receives in {@code round}, possibly empty: a loyal
   * lieutenant the countersigned values, a traitor what its strategy says of each ({@link #lie}). A
   * traitor whose strategy is silent signs and sends nothing, not even an empty list.
   *
   * @param round the round the relay is sent in
   * @param self the relaying lieutenant
   * @param values the signed values it relays, as it received them
   * @param peers the lieutenants it relays to, in the order frames are sent
   * @param signers what a peer already on a value's chain is sent of it
   * @param adversary who is a traitor, and their strategies
   * @param signatures the instance's keys
   * @param context {@code self}'s context, where signatures are counted
   * @param send what sends one peer its values (in the protocol's own frame)
   * @throws IllegalStateException if a traitor's strategy answers a value of another kind than the original's
   */
  public static void relay(int round, NodeId self, List<SignedValue> values, List<NodeId> peers, Signers signers,
      Adversary adversary, Signatures signatures, Node.Context<?> context,
      BiConsumer<NodeId, List<SignedValue>> send) {
    boolean traitor = adversary.isTraitor(self);
    if (traitor && Builtin.isSilent(adversary.strategy(self))) {
      return;
    }
    List<SignedValue> countersigned = new ArrayList<>(values.size());
    for (SignedValue m : values) {
      countersigned.add(m.with(signatures.sign(self, m.value(), m.chain())));
      context.count("signatures.made", 1);
    }
    for (NodeId to : peers) {
      List<SignedValue> messages = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        SignedValue original = values.get(i);
        boolean signed = (traitor || signers == Signers.SKIPPED) && original.signers().contains(to);
        if (signed && signers == Signers.SKIPPED) {
          continue;
        }
        if (traitor && !signed) {
          lie(round, self, to, original, countersigned.get(i), adversary, signatures, context).ifPresent(messages::add);
        } else {
          messages.add(countersigned.get(i));
        }
      }
      send.accept(to, messages);
    }
  }

  /**
   * What traitor {@code self} relays to {@code to} instead of {@code honest}: nothing, the honest
   * relay, or a chain for another value (see {@link #forge}).
   *
   * @param round the round the relay is sent in
   * @param self the relaying traitor
   * @param to the lieutenant it relays to
   * @param original the signed value as {@code self} received it
   * @param honest {@code original} countersigned by {@code self}
   * @param adversary who is a traitor, and their strategies
   * @param signatures the instance's keys
   * @param context {@code self}'s context, where signatures are counted ({@code signatures.made})
   * @return what {@code self} sends {@code to}, if anything
   * @throws IllegalStateException if the strategy answers a value of another kind than the original's
   */
  public static Optional<SignedValue> lie(int round, NodeId self, NodeId to, SignedValue original,
      SignedValue honest, Adversary adversary, Signatures signatures, Node.Context<?> context) {
    List<NodeId> path = new ArrayList<>(original.signers());
    path.add(self);
    Strategy strategy = adversary.strategy(self);
    long entropy = Entropy.message(adversary.seed(), round, self, to, path);
    Optional<Value> said = strategy.send(new Strategy.Message(self, to, round, path, original.value(), entropy));
    if (said.isEmpty()) {
      return Optional.empty();
    }
    Value v = said.get();
    if (v.kind() != original.value().kind()) {
      throw new IllegalStateException("strategy '" + strategy.name() + "' answered " + v + " in a run of "
          + original.value().kind().name().toLowerCase(Locale.ROOT) + "s");
    }
    return Optional.of(v.equals(original.value()) ? honest
        : forge(v, original.chain(), self, adversary, signatures, context));
  }

  /**
   * A chain for {@code value} along {@code before}'s signers and then {@code traitor}: each
   * signature a traitor's key can make is made over the new value; a loyal signer's is copied from
   * {@code before} and will not verify.
   *
   * @param value the value the traitor relays instead
   * @param before the chain the traitor received
   * @param traitor the relaying traitor, who signs last
   * @param adversary who is a traitor
   * @param signatures the instance's keys
   * @param context the traitor's context, where each signature made is counted ({@code signatures.made})
   * @return {@code value} under the new chain
   */
  public static SignedValue forge(Value value, List<Signature> before, NodeId traitor, Adversary adversary,
      Signatures signatures, Node.Context<?> context) {
    List<Signature> chain = new ArrayList<>();
    for (Signature original : before) {
      NodeId signer = original.signer();
      if (adversary.isTraitor(signer) && signatures.canSignAs(signer)) {
        chain.add(signatures.sign(signer, value, chain));
        context.count("signatures.made", 1);
      } else {
        chain.add(original);
      }
    }
    chain.add(signatures.sign(traitor, value, chain));
    context.count("signatures.made", 1);
    return new SignedValue(value, chain);
  }
}
