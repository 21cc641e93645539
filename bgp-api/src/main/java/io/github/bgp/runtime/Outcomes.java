package io.github.bgp.runtime;

import io.github.bgp.api.Decision;
import io.github.bgp.api.DropReason;
import io.github.bgp.api.Guarantee;
import io.github.bgp.api.LogicalMessage;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Note;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds an agreement {@link Outcome} from the nodes' {@link NodeReport}s: the same code for a
 * simulated run, a run of live nodes in one process, and a run whose nodes are separate processes.
 *
 * @since 0.1.0
 */
public final class Outcomes {

  private Outcomes() {}

  /**
   * The outcome of a run from every node's report: the loyal lieutenants' decisions, and every
   * node's messages, frames, bytes, drops and counters summed (rounds: the highest any node sent
   * in), its trace and notes in Lamport order.
   *
   * @param protocol the name of the protocol that ran
   * @param scenario the scenario that ran: it says who the loyal lieutenants are
   * @param guarantee what the protocol promised for the scenario
   * @param reports every node's report, one per node, in any order
   * @return the outcome, as a simulation of the same run would give it; the decisions of nodes
   *     that are not loyal lieutenants are left out
   */
  public static Outcome of(String protocol, Scenario scenario, Guarantee guarantee, List<NodeReport> reports) {
    SortedMap<NodeId, Decision> decisions = new TreeMap<>();
    SortedMap<NodeId, Long> received = new TreeMap<>();
    Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);
    List<LogicalMessage> traced = new ArrayList<>();
    List<Note> notes = new ArrayList<>();
    SortedMap<String, Long> counters = new TreeMap<>();
    long messages = 0;
    long frames = 0;
    long bytes = 0;
    int rounds = 0;
    List<NodeId> loyal = scenario.loyalLieutenants();
    for (NodeReport r : reports) {
      if (loyal.contains(r.node())) {
        r.decision().ifPresent(d -> decisions.put(r.node(), d));
      }
      received.merge(r.node(), r.messagesReceived(), Long::sum);
      r.dropped().forEach((reason, count) -> dropped.merge(reason, count, Long::sum));
      traced.addAll(r.trace());
      notes.addAll(r.notes());
      r.counters().forEach((name, count) -> counters.merge(name, count, Long::sum));
      messages += r.messagesSent();
      frames += r.framesSent();
      bytes += r.bytesSent();
      rounds = Math.max(rounds, r.lastRound());
    }
    notes.sort(Comparator.comparingLong(Note::lamport).thenComparing(Note::node));
    TreeSet<NodeId> undecided = new TreeSet<>(loyal);
    undecided.removeAll(decisions.keySet());
    return new Outcome(protocol, scenario, guarantee, decisions, undecided, messages, frames, bytes, rounds,
        received, dropped, traced, notes, counters);
  }
}
