package io.github.bgp.sm;

import io.github.bgp.api.Decision;
import io.github.bgp.api.DropReason;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Value;
import io.github.bgp.sm.internal.SignedRelays;
import io.github.bgp.sm.internal.SignedRounds;
import io.github.bgp.sm.internal.VerifiedSignatures;
import io.github.bgp.spi.Node;
import io.github.bgp.spi.RoundNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A lieutenant of SM(m) (Lamport, Shostak and Pease 1982, section 4), loyal or a traitor.
 *
 * <p>It accepts a value that arrives in round k with a valid chain of k distinct signatures,
 * the commander's first and the sender's last, and adds it to its set V; a value new to V whose
 * chain is at most m long it countersigns and relays, in round k + 1, to every lieutenant not
 * on the chain. It relays at most two distinct values: once it holds two, the commander is a
 * proven traitor (it signed both) and a third changes nothing. After the last round it decides
 * {@code choice(V)}: the value if V holds exactly one, otherwise the fallback (RETREAT, or 0
 * for numbers). The choice must not depend on which values a larger V holds: lieutenants relay
 * at most two, so with colluding traitors two loyal lieutenants may hold different sets of
 * three or more, but they always agree on whether they hold one. (SM(m) therefore has no use
 * for the scenario's majority function.)
 *
 * <p>Every frame it receives is checked message by message; a message whose chain is too long
 * or short for its round, does not start with the commander or end with its sender, repeats a
 * signer, names this lieutenant or an unknown general, or carries a signature that does not
 * verify is rejected and counted ({@code messages.rejected}); the rest of its frame still
 * counts. A frame with more messages than a loyal general sends is dropped whole
 * ({@link DropReason#WRONG_SIZE}). Each distinct signature is verified at most once per lieutenant
 * ({@link VerifiedSignatures}).
 */
final class SmLieutenant implements RoundNode<SmFrame> {

  /** The most values a loyal general ever relays, and so the most messages in a loyal frame. */
  static final int MAX_RELAYED = 2;

  private final SmAgreement run;
  private final NodeId self;
  private final List<NodeId> peers;
  private final Set<NodeId> fromPeers;
  private final TreeSet<Value> accepted = new TreeSet<>();
  private final SortedMap<NodeId, Value> heard = new TreeMap<>();
  private final List<SignedValue> toRelay = new ArrayList<>();
  private final VerifiedSignatures verified;
  private int relayed;

  SmLieutenant(SmAgreement run, NodeId self) {
    this.run = run;
    this.self = self;
    this.verified = new VerifiedSignatures(run.signatures());
    this.peers = SignedRounds.peers(run.spec(), self);
    this.fromPeers = Collections.unmodifiableSet(new TreeSet<>(peers));
  }

  @Override
  public int rounds() {
    return run.rounds();
  }

  @Override
  public Set<NodeId> senders(int round) {
    return round == 1 ? Set.of(NodeId.COMMANDER) : fromPeers;
  }

  @Override
  public Optional<DropReason> check(NodeId from, int round, SmFrame frame) {
    return SignedRounds.check(round, frame.messages(), MAX_RELAYED);
  }

  @Override
  public void start(Node.Context<SmFrame> context) {
    // A lieutenant waits for the commander.
  }

  @Override
  public void endRound(int k, Map<NodeId, SmFrame> frames, Node.Context<SmFrame> context) {
    // k <= rounds = m + 1 at most: no longer chain gets here; a chain naming this lieutenant is not new to it.
    SignedRounds.receive(k, frames, SmFrame::messages, verified, run.spec().kind(), Set.of(self), context,
        this::accept);
    if (k < run.rounds()) {
      relay(k, context);
    } else {
      context.decide(decide());
    }
  }

  private void accept(NodeId from, SignedValue m) {
    heard.putIfAbsent(from, m.value());
    if (accepted.add(m.value()) && m.chain().size() <= run.spec().m() && relayed < MAX_RELAYED) {
      toRelay.add(m);
      relayed++;
    }
  }

  /** Sends, to every other lieutenant, a frame of the values accepted this round not signed by it, countersigned. */
  private void relay(int k, Node.Context<SmFrame> context) {
    SignedRelays.relay(k + 1, self, toRelay, peers, SignedRelays.Signers.SKIPPED, run.adversary(), run.signatures(),
        context, (to, messages) -> context.send(to, k + 1, messages.isEmpty() ? SmFrame.EMPTY : new SmFrame(messages)));
    toRelay.clear();
  }

  private Decision decide() {
    List<String> evidence = new ArrayList<>();
    if (accepted.size() >= 2) {
      evidence.add("the commander signed " + describe(accepted) + ": it is a proven traitor");
    }
    return new Decision(run.choice(accepted), heard, evidence);
  }

  private static String describe(TreeSet<Value> values) {
    List<String> names = new ArrayList<>();
    values.forEach(v -> names.add(v.toString()));
    return names.size() == 2 ? "both " + names.get(0) + " and " + names.get(1) : String.join(", ", names);
  }

}
