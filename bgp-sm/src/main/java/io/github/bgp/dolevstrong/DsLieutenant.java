package io.github.bgp.dolevstrong;

import io.github.bgp.api.Decision;
import io.github.bgp.api.DropReason;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Value;
import io.github.bgp.sm.SignedValue;
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
 * A lieutenant of Dolev-Strong, loyal or a traitor.
 *
 * <p>In round r it extracts a value that arrives with a chain of exactly r signatures by distinct
 * known generals, the commander's first and the sender's last, each verifying; a message that
 * breaks any of these is rejected and counted ({@code messages.rejected}), and the rest of its
 * frame still counts. A value new to its extracted set (at most two in all) it signs and relays in
 * round r + 1 to every other lieutenant, while r is not the last round. After the last round it
 * decides the value if it extracted exactly one, the fallback otherwise. Each distinct signature
 * is verified once ({@link VerifiedSignatures}). A traitor relays what its strategy says: a lie
 * under a chain of traitors only is signed validly (traitors share keys); any other lie carries
 * signatures that do not match it.
 */
final class DsLieutenant implements RoundNode<DsFrame> {

  private final DsSetup run;
  private final NodeId self;
  private final List<NodeId> peers;
  private final Set<NodeId> fromPeers;
  private final TreeSet<Value> extracted = new TreeSet<>();
  private final SortedMap<NodeId, Value> heard = new TreeMap<>();
  private final List<SignedValue> toRelay = new ArrayList<>();
  private final VerifiedSignatures verified;

  DsLieutenant(DsSetup run, NodeId self) {
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
  public Optional<DropReason> check(NodeId from, int round, DsFrame frame) {
    return SignedRounds.check(round, frame.messages(), DsSetup.MAX_RELAYED);
  }

  @Override
  public void start(Node.Context<DsFrame> context) {
    // A lieutenant waits for the commander.
  }

  @Override
  public void endRound(int r, Map<NodeId, DsFrame> frames, Node.Context<DsFrame> context) {
    // A chain may name its receiver.
    SignedRounds.receive(r, frames, DsFrame::messages, verified, run.spec().kind(), Set.of(), context, this::extract);
    if (r < run.rounds()) {
      relay(r + 1, context);
    } else {
      List<String> evidence = new ArrayList<>();
      if (extracted.size() >= 2) {
        evidence.add("the commander signed " + extracted + ": it is a proven traitor");
      }
      Value decided = extracted.size() == 1 ? extracted.first() : run.spec().fallback();
      context.decide(new Decision(decided, heard, evidence));
    }
  }

  private void extract(NodeId from, SignedValue m) {
    heard.putIfAbsent(from, m.value());
    if (extracted.size() < DsSetup.MAX_RELAYED && extracted.add(m.value())) {
      toRelay.add(m);
    }
  }

  /** Sends every other lieutenant the values extracted this round, with this lieutenant's signature added. */
  private void relay(int round, Node.Context<DsFrame> context) {
    SignedRelays.relay(round, self, toRelay, peers, SignedRelays.Signers.SENT, run.adversary(), run.signatures(),
        context, (to, messages) -> context.send(to, round, messages.isEmpty() ? DsFrame.EMPTY : new DsFrame(messages)));
    toRelay.clear();
  }
}
