package io.github.bgp.om;

import io.github.bgp.api.Entropy;
import io.github.bgp.api.Majority;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * OM(m) written as plainly as the paper states it, to check the real implementation against:
 * every message is an object keyed by its path in a map, the decision is the recursive
 * majority. It shares no code with the implementation except the strategy (the contract) and
 * the definition of a message's entropy.
 */
final class NaiveOm {

  private final Scenario s;
  private final int rounds;
  /** received.get(i).get(path) = the value lieutenant i received along path. */
  private final Map<Integer, Map<List<Integer>, Value>> received = new HashMap<>();

  NaiveOm(Scenario s) {
    this.s = s;
    this.rounds = Math.min(s.m(), s.generals() - 2) + 1;
  }

  /** Each loyal lieutenant's decision. */
  SortedMap<NodeId, Value> decisions() {
    int n = s.generals();
    for (int i = 1; i < n; i++) {
      received.put(i, new HashMap<>());
    }
    // Round 1: the commander's order.
    List<List<Integer>> frontier = new ArrayList<>();
    for (int to = 1; to < n; to++) {
      send(List.of(0), to, s.order());
    }
    frontier.add(List.of(0));
    // Rounds 2..R: every lieutenant relays what it received along each path not containing it.
    for (int k = 2; k <= rounds; k++) {
      List<List<Integer>> next = new ArrayList<>();
      for (List<Integer> path : frontier) {
        for (int relay = 1; relay < n; relay++) {
          if (path.contains(relay)) {
            continue;
          }
          List<Integer> extended = new ArrayList<>(path);
          extended.add(relay);
          next.add(extended);
          Value honest = received.get(relay).getOrDefault(path, s.fallback());
          for (int to = 1; to < n; to++) {
            if (!extended.contains(to)) {
              send(extended, to, honest);
            }
          }
        }
      }
      frontier = next;
    }
    SortedMap<NodeId, Value> decisions = new TreeMap<>();
    for (NodeId l : s.loyalLieutenants()) {
      decisions.put(l, decide(l.index(), List.of(0)));
    }
    return decisions;
  }

  private void send(List<Integer> path, int to, Value honest) {
    int from = path.get(path.size() - 1);
    Optional<Value> value = Optional.of(honest);
    if (s.isTraitor(NodeId.of(from))) {
      long entropy = Entropy.message(s.seed(), path.size(), NodeId.of(from), NodeId.of(to),
          path.stream().map(NodeId::of).toList());
      value = s.strategy().send(new Message(path, to, honest, entropy));
    }
    value.ifPresent(v -> received.get(to).put(List.copyOf(path), v));
  }

  /** The value lieutenant i settles on for the sub-instance led along path. */
  private Value decide(int i, List<Integer> path) {
    Value own = received.get(i).getOrDefault(path, s.fallback());
    if (path.size() == rounds) {
      return own;
    }
    List<Value> votes = new ArrayList<>();
    votes.add(own);
    for (int j = 1; j < s.generals(); j++) {
      if (j != i && !path.contains(j)) {
        List<Integer> child = new ArrayList<>(path);
        child.add(j);
        votes.add(decide(i, child));
      }
    }
    Majority majority = s.majority();
    return majority.choose(votes);
  }

  private final class Message implements Strategy.Outgoing {
    private final List<Integer> path;
    private final int to;
    private final Value honest;
    private final long entropy;

    Message(List<Integer> path, int to, Value honest, long entropy) {
      this.path = path;
      this.to = to;
      this.honest = honest;
      this.entropy = entropy;
    }

    @Override
    public NodeId from() {
      return NodeId.of(path.get(path.size() - 1));
    }

    @Override
    public NodeId to() {
      return NodeId.of(to);
    }

    @Override
    public int round() {
      return path.size();
    }

    @Override
    public List<NodeId> path() {
      return path.stream().map(NodeId::of).toList();
    }

    @Override
    public Value honest() {
      return honest;
    }

    @Override
    public long entropy() {
      return entropy;
    }
  }
}
