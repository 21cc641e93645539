package io.github.bgp.bench;

import io.github.bgp.api.NodeId;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.spi.Entropy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The baseline: OM(m) the way the usual implementations write it (the seeds' Go program, the
 * 2007 C++ one): one object per logical message carrying its level, value, path and forwarding
 * list, a queue of them, and at every general a map from path to value, folded recursively at
 * the end. It is a faithful OM(m) (its tests hold it to the same decisions and message counts
 * as bgp's), so the speed-up measured against it is a fair one: same algorithm, same lies,
 * different representation.
 */
public final class NaiveOralMessages {

  /** One logical message, as the seeds' notes draw it. */
  record Message(int level, Value value, List<Integer> path, List<Integer> others, int to) {}

  private final Scenario scenario;
  private final int rounds;
  private final List<Map<List<Integer>, Value>> received = new ArrayList<>();
  private long messages;

  private NaiveOralMessages(Scenario scenario) {
    this.scenario = scenario;
    this.rounds = Math.min(scenario.m(), scenario.generals() - 2) + 1;
  }

  /** Runs the scenario; returns each loyal lieutenant's decision. */
  public static Result run(Scenario scenario) {
    NaiveOralMessages om = new NaiveOralMessages(scenario);
    return om.execute();
  }

  /**
   * What a baseline run decided, and how many logical messages it sent.
   *
   * @param decisions each loyal lieutenant's value
   * @param heard each loyal lieutenant's final majority by source: the commander's order as it
   *     arrived, and for every other lieutenant the outcome of the OM(m-1) that one led
   * @param messages the logical messages sent
   */
  public record Result(SortedMap<NodeId, Value> decisions, SortedMap<NodeId, SortedMap<NodeId, Value>> heard,
      long messages) {}

  private Result execute() {
    int n = scenario.generals();
    for (int i = 0; i < n; i++) {
      received.add(new HashMap<>());
    }
    Queue<Message> queue = new ArrayDeque<>();
    List<Integer> lieutenants = new ArrayList<>();
    for (int l = 1; l < n; l++) {
      lieutenants.add(l);
    }
    for (int to : lieutenants) {
      send(queue, List.of(0), to, scenario.order(), others(lieutenants, List.of(0), to));
    }
    while (!queue.isEmpty()) {
      Message m = queue.poll();
      received.get(m.to()).put(m.path(), m.value());
      if (m.level() == 0) {
        continue;
      }
      // Relay to each general not yet on the path: "path + me, others without the next one".
      List<Integer> path = new ArrayList<>(m.path());
      path.add(m.to());
      for (int next : m.others()) {
        send(queue, path, next, m.value(), others(lieutenants, path, next));
      }
    }
    SortedMap<NodeId, Value> decisions = new TreeMap<>();
    SortedMap<NodeId, SortedMap<NodeId, Value>> heard = new TreeMap<>();
    for (NodeId l : scenario.loyalLieutenants()) {
      SortedMap<NodeId, Value> atRoot = new TreeMap<>();
      decisions.put(l, decide(l.index(), List.of(0), atRoot));
      heard.put(l, atRoot);
    }
    return new Result(decisions, heard, messages);
  }

  private static List<Integer> others(List<Integer> lieutenants, List<Integer> path, int to) {
    List<Integer> others = new ArrayList<>();
    for (int l : lieutenants) {
      if (l != to && !path.contains(l)) {
        others.add(l);
      }
    }
    return others;
  }

  private void send(Queue<Message> queue, List<Integer> path, int to, Value honest, List<Integer> others) {
    int from = path.get(path.size() - 1);
    Optional<Value> value = Optional.of(honest);
    if (scenario.isTraitor(NodeId.of(from))) {
      List<NodeId> ids = new ArrayList<>();
      for (int g : path) {
        ids.add(NodeId.of(g));
      }
      long entropy = Entropy.message(scenario.seed(), path.size(), NodeId.of(from), NodeId.of(to), ids);
      value = scenario.strategy().send(new Strategy.Message(NodeId.of(from), NodeId.of(to), path.size(), ids, honest, entropy));
    }
    // A silent traitor sends nothing; the receiver will use the default, and relays it.
    Value v = value.orElse(null);
    if (v != null) {
      messages++;
    }
    queue.add(new Message(rounds - path.size(), v == null ? scenario.fallback() : v, List.copyOf(path), others, to));
  }

  /** Lieutenant i's value for {@code path}; at the root, what it heard goes into {@code heard} (else null). */
  private Value decide(int i, List<Integer> path, SortedMap<NodeId, Value> heard) {
    Value own = received.get(i).getOrDefault(path, scenario.fallback());
    if (heard != null) {
      heard.put(NodeId.COMMANDER, own);
    }
    if (path.size() == rounds) {
      return own;
    }
    List<Value> votes = new ArrayList<>();
    votes.add(own);
    for (int j = 1; j < scenario.generals(); j++) {
      if (j != i && !path.contains(j)) {
        List<Integer> child = new ArrayList<>(path);
        child.add(j);
        Value v = decide(i, child, null);
        votes.add(v);
        if (heard != null) {
          heard.put(NodeId.of(j), v);
        }
      }
    }
    return scenario.majority().choose(votes);
  }

}
