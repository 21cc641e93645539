package io.github.bgp.phaseking;

import io.github.bgp.api.Decision;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.spi.Entropy;
import io.github.bgp.spi.Input;
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
 * One general of Phase King, the commander or a lieutenant, loyal or a traitor. Every general
 * takes part in every phase; the commander also has round 1, in which it sends its order.
 *
 * <p>A traitor lies as its strategy says about every message it sends, with the message's path
 * {@code [itself]} and its own entropy: it may send another value, or nothing. Where a loyal
 * general would propose nothing, a traitor whose strategy tells the truth proposes nothing too,
 * and otherwise proposes the value its strategy gives for the value it holds.
 */
final class PkNode implements RoundNode<PkMessage> {

  private final PkSetup run;
  private final NodeId self;
  private final boolean commander;
  private final boolean traitor;
  private final int n;
  private final int m;
  private final List<NodeId> others;
  private final Set<NodeId> fromOthers;
  /** The value this general holds. */
  private Value x;
  /** Its proposal of the current phase, if any. */
  private Optional<Value> proposal = Optional.empty();
  /** How many proposals of {@link #x} it counted in the current phase. */
  private int backing;
  private SortedMap<NodeId, Value> heard = new TreeMap<>();
  private final List<String> evidence = new ArrayList<>();
  private boolean proposed;
  private boolean roundOneClosed;
  private boolean late;

  PkNode(PkSetup run, NodeId self) {
    this.run = run;
    this.self = self;
    this.commander = self.equals(NodeId.COMMANDER);
    this.traitor = run.adversary().isTraitor(self);
    this.n = run.spec().generals();
    this.m = run.spec().m();
    List<NodeId> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (i != self.index()) {
        all.add(NodeId.of(i));
      }
    }
    this.others = List.copyOf(all);
    this.fromOthers = Collections.unmodifiableSet(new TreeSet<>(all));
  }

  @Override
  public int rounds() {
    return run.rounds();
  }

  private static int phase(int round) {
    return (round + 1) / 3;
  }

  /** 0 the values, 1 the proposals, 2 the king's value; for rounds from 2. */
  private static int step(int round) {
    return (round + 1) % 3;
  }

  @Override
  public Set<NodeId> senders(int round) {
    if (round == 1) {
      return commander ? Set.of() : Set.of(NodeId.COMMANDER);
    }
    if (step(round) == 2) {
      NodeId king = run.king(phase(round));
      return king.equals(self) ? Set.of() : Set.of(king);
    }
    return fromOthers;
  }

  @Override
  public void start(Node.Context<PkMessage> context) {
    // The commander waits for its order, the lieutenants for the commander.
  }

  @Override
  public void input(Input input, Node.Context<PkMessage> context) {
    if (!commander) {
      throw new IllegalArgumentException("lieutenant " + self + " of Phase King takes no input, was given " + input);
    }
    if (proposed) {
      throw new IllegalStateException("the commander has proposed its order already");
    }
    Value order = run.spec().check(Input.Propose.of(input));
    if (late) {
      throw new IllegalStateException("the commander's order came after the first phase had begun without it");
    }
    proposed = true;
    x = order;
    for (NodeId to : others) {
      say(1, to, Optional.of(order), context);
    }
    if (roundOneClosed) {
      sendValues(2, context);
    }
  }

  @Override
  public boolean finished() {
    return !commander || proposed || late;
  }

  @Override
  public void endRound(int round, Map<NodeId, PkMessage> frames, Node.Context<PkMessage> context) {
    if (round == 1) {
      roundOneClosed = true;
      if (commander) {
        if (proposed) {
          sendValues(2, context);
        }
        return;
      }
      x = valueOf(frames.get(NodeId.COMMANDER), context).orElse(run.spec().fallback());
      sendValues(2, context);
      return;
    }
    if (x == null) { // the commander's order never came, and its first phase is under way
      late = true;
      x = run.spec().fallback();
      context.count("orders.missing", 1);
    }
    int phase = phase(round);
    switch (step(round)) {
      case 0:
        values(round, frames, context);
        break;
      case 1:
        proposals(round, phase, frames, context);
        break;
      default:
        king(round, phase, frames, context);
        break;
    }
  }

  /** The value a frame carries, if it carries one of the instance's kind. */
  private Optional<Value> valueOf(PkMessage m, Node.Context<PkMessage> context) {
    if (m == null || m.value().isEmpty()) {
      return Optional.empty();
    }
    if (m.value().get().kind() != run.spec().kind()) {
      context.count("messages.rejected", 1);
      return Optional.empty();
    }
    return m.value();
  }

  private void sendValues(int round, Node.Context<PkMessage> context) {
    for (NodeId to : others) {
      say(round, to, Optional.of(x), context);
    }
  }

  /** Round 1 of a phase is over: propose a value that n - m generals hold, if one does. */
  private void values(int round, Map<NodeId, PkMessage> frames, Node.Context<PkMessage> context) {
    TreeMap<Value, Integer> counts = new TreeMap<>();
    counts.merge(x, 1, Integer::sum);
    heard = new TreeMap<>();
    heard.put(self, x);
    for (Map.Entry<NodeId, PkMessage> e : frames.entrySet()) {
      Optional<Value> v = valueOf(e.getValue(), context);
      if (v.isPresent()) {
        counts.merge(v.get(), 1, Integer::sum);
        heard.put(e.getKey(), v.get());
      }
    }
    Map.Entry<Value, Integer> most = most(counts);
    proposal = most.getValue() >= n - m ? Optional.of(most.getKey()) : Optional.empty();
    for (NodeId to : others) {
      say(round + 1, to, proposal, context);
    }
  }

  /** Round 2 of a phase is over: take a value proposed more than m times; the king sends what it holds. */
  private void proposals(int round, int phase, Map<NodeId, PkMessage> frames, Node.Context<PkMessage> context) {
    TreeMap<Value, Integer> counts = new TreeMap<>();
    proposal.ifPresent(v -> counts.merge(v, 1, Integer::sum));
    for (PkMessage p : frames.values()) {
      valueOf(p, context).ifPresent(v -> counts.merge(v, 1, Integer::sum));
    }
    if (!counts.isEmpty()) {
      Map.Entry<Value, Integer> most = most(counts);
      if (most.getValue() > m) {
        x = most.getKey();
      }
    }
    backing = counts.getOrDefault(x, 0);
    if (run.king(phase).equals(self)) {
      for (NodeId to : others) {
        say(round + 1, to, Optional.of(x), context);
      }
    }
  }

  /** Round 3 of a phase is over: without n - m proposals of its value, a general takes the king's. */
  private void king(int round, int phase, Map<NodeId, PkMessage> frames, Node.Context<PkMessage> context) {
    NodeId king = run.king(phase);
    boolean last = phase == m + 1;
    if (!king.equals(self) && backing < n - m) {
      Optional<Value> kings = valueOf(frames.get(king), context);
      x = kings.orElse(run.spec().fallback());
      if (last) {
        evidence.add("took " + (kings.isPresent() ? "king " + king + "'s value" : "the fallback: king " + king
            + " said nothing") + " in the last phase, with " + backing + " proposals of its own");
      }
    } else if (last) {
      evidence.add("kept its value in the last phase" + (king.equals(self) ? ", as its king" : ", with " + backing
          + " proposals of it"));
    }
    if (!last) {
      sendValues(round + 1, context);
    } else {
      context.decide(new Decision(x, heard, evidence));
    }
  }

  /** The value counted most often; of values counted as often, the least. */
  private static Map.Entry<Value, Integer> most(TreeMap<Value, Integer> counts) {
    Map.Entry<Value, Integer> best = null;
    for (Map.Entry<Value, Integer> e : counts.entrySet()) {
      if (best == null || e.getValue() > best.getValue()) {
        best = e;
      }
    }
    return best;
  }

  /** Sends {@code honest} (a value, or nothing) to {@code to}, or what this traitor's strategy says instead. */
  private void say(int round, NodeId to, Optional<Value> honest, Node.Context<PkMessage> context) {
    if (!traitor) {
      context.send(to, round, new PkMessage(honest));
      return;
    }
    Strategy strategy = run.adversary().strategy(self);
    List<NodeId> path = List.of(self);
    Value truth = honest.orElse(x);
    long entropy = Entropy.message(run.adversary().seed(), round, self, to, path);
    Optional<Value> said = strategy.send(new Strategy.Message(self, to, round, path, truth, entropy));
    if (said.isEmpty()) {
      return; // silent
    }
    Value v = said.get();
    if (v.kind() != truth.kind()) {
      throw new IllegalStateException("strategy '" + strategy.name() + "' answered " + v + " in a run of "
          + truth.kind().name().toLowerCase(java.util.Locale.ROOT) + "s");
    }
    if (honest.isEmpty() && v.equals(truth)) {
      context.send(to, round, PkMessage.NOTHING); // the truth is that it proposes nothing
      return;
    }
    if (context.tracing() && !v.equals(truth)) {
      context.note("lie", Map.of("round", Integer.toString(round), "to", to.toString(), "honest",
          honest.map(Value::toString).orElse("nothing"), "said", v.toString()));
    }
    context.send(to, round, PkMessage.of(v));
  }
}
