package io.github.bgp.cli;

import io.github.bgp.spi.Codec;
import io.github.bgp.api.Commit;
import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.Decision;
import io.github.bgp.api.DropReason;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Node;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Resource;
import io.github.bgp.sim.Faults;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Another {@link CommitProtocol}, watched: it runs exactly as the protocol it wraps, and
 * remembers what each node received, logged and sent, when, and every node's log at the end of
 * the run. {@code bgp 2pc} prints the trace from it and writes the logs to disk.
 *
 * <p>The trace numbers each node's steps as {@link Faults} counts them for {@code --crash}: at
 * the end of each instant a node forces its log if it logged anything (one step), then sends
 * each message (one step each), counted over the whole run, across crashes. The numbering is
 * rebuilt from what the node did at each time and the crashes planned, so it assumes, as the
 * simulator does, that a node's effects at one time are one force followed by its sends; a
 * protocol that logged again at the same time in a second pass (a timer set for "now") would
 * be numbered differently. Two-phase commit never does. Use a recorder for one run only.
 */
final class CommitRecorder implements CommitProtocol {

  /** One line of the trace: at {@code time}, node {@code node} did {@code what}, as its step {@code step} (0: no step). */
  record Line(long time, int node, int step, String what) {}

  /** A force of a node's log: its step and the records it made durable, described. */
  record Force(int node, int step, long time, List<String> records) {}

  private enum Kind { RESTART, RECEIVE, TIMER, PERSIST, SEND }

  /** Something a node did, in the order it did it. */
  private record Action(long time, Kind kind, String text) {}

  private final CommitProtocol protocol;
  private final List<Faults.Crash> crashes;
  private final boolean tracing;
  private List<List<Action>> actions;
  private Map<NodeId, List<byte[]>> logs;
  private Set<NodeId> down;

  private List<Line> lines;
  private List<Force> forces;
  private int[] steps;

  /**
   * Watches a run of {@code protocol} under these crashes (for numbering the steps), keeping a
   * trace of what every node received and sent if {@code tracing} (which costs memory in
   * proportion to the messages); the steps, the forces and the logs are kept either way.
   */
  CommitRecorder(CommitProtocol protocol, List<Faults.Crash> crashes, boolean tracing) {
    this.protocol = protocol;
    this.crashes = List.copyOf(crashes);
    this.tracing = tracing;
  }

  @Override
  public String name() {
    return protocol.name();
  }

  @Override
  public String summary() {
    return protocol.summary();
  }

  @Override
  public Commit<?> create(CommitScenario scenario, Environment environment, Function<NodeId, Resource> resources) {
    if (actions != null) {
      throw new IllegalStateException("a CommitRecorder watches one run only");
    }
    List<List<Action>> all = new ArrayList<>();
    for (int i = 0; i < scenario.nodes(); i++) {
      all.add(new ArrayList<>());
    }
    actions = List.copyOf(all); // one list per node, each touched only by its node's thread
    return watch(protocol.create(scenario, environment, resources));
  }

  @Override
  public Function<NodeId, Resource> scriptedResources(CommitScenario scenario) {
    return protocol.scriptedResources(scenario);
  }

  @Override
  public CommitOutcome outcome(CommitScenario scenario, Map<NodeId, List<byte[]>> logs, Set<NodeId> down,
      long messages, Map<String, Long> counters, List<String> events) {
    Map<NodeId, List<byte[]>> copy = new TreeMap<>();
    logs.forEach((id, records) -> {
      List<byte[]> rs = new ArrayList<>();
      records.forEach(r -> rs.add(r.clone()));
      copy.put(id, List.copyOf(rs));
    });
    this.logs = copy;
    this.down = new TreeSet<>(down);
    return protocol.outcome(scenario, logs, down, messages, counters, events);
  }

  @Override
  public boolean settled(CommitScenario scenario, NodeId node, List<byte[]> records) {
    return protocol.settled(scenario, node, records);
  }

  @Override
  public Map<Long, List<String>> describeLog(List<byte[]> records) {
    return protocol.describeLog(records);
  }

  /** Every node's log at the end of the run, by node: what {@code --log-dir} writes. */
  Map<NodeId, List<byte[]>> logs() {
    checkRun();
    return logs;
  }

  /** The nodes that were down at the end of the run. */
  Set<NodeId> down() {
    checkRun();
    return down;
  }

  /**
   * What every node did, in the order of time, then node.
   *
   * @throws IllegalStateException if this recorder does not trace
   */
  List<Line> trace() {
    if (!tracing) {
      throw new IllegalStateException("this recorder keeps no trace");
    }
    analyze();
    return lines;
  }

  /** How many steps each node took, by node index: the largest step a --crash can name. */
  int[] steps() {
    analyze();
    return steps.clone();
  }

  /** Every force of every node's log, in the order of time, then node. */
  List<Force> forces() {
    analyze();
    return forces;
  }

  private void checkRun() {
    if (logs == null) {
      throw new IllegalStateException("no run has ended yet");
    }
  }

  private <M> Commit<M> watch(Commit<M> commit) {
    return new Commit<>() {
      @Override
      public Codec<M> codec() {
        return commit.codec();
      }

      @Override
      public Node<M> node(NodeId id) {
        return new Watched<>(commit.node(id), commit, actions.get(id.index()));
      }

      @Override
      public int logicalMessages(M message) {
        return commit.logicalMessages(message);
      }

      @Override
      public String describe(M message) {
        return commit.describe(message);
      }
    };
  }

  /** One incarnation of a node, watched. */
  private final class Watched<M> implements Node<M> {
    private final Node<M> node;
    private final Commit<M> commit;
    private final List<Action> seen;

    Watched(Node<M> node, Commit<M> commit, List<Action> seen) {
      this.node = node;
      this.commit = commit;
      this.seen = seen;
    }

    @Override
    public void start(Context<M> context) {
      node.start(new Watching(context, null));
    }

    @Override
    public void recover(List<byte[]> log, Context<M> context) {
      if (tracing) {
        seen.add(new Action(context.now(), Kind.RESTART, "restarts and recovers from its log of "
            + Words.plural(log.size(), "record")));
      }
      node.recover(log, new Watching(context, null));
    }

    @Override
    public void receive(NodeId from, int round, M message, Context<M> context) {
      if (tracing) {
        seen.add(new Action(context.now(), Kind.RECEIVE, "receives " + commit.describe(message) + " from " + from));
      }
      node.receive(from, round, message, new Watching(context, null));
    }

    @Override
    public void timer(long token, Context<M> context) {
      node.timer(token, new Watching(context, tracing ? "a timer fires" : null));
    }

    /** The node's context, noting what it logs and sends ({@code cause} first, if it does anything). */
    private final class Watching implements Context<M> {
      private final Context<M> context;
      private String cause;

      Watching(Context<M> context, String cause) {
        this.context = context;
        this.cause = cause;
      }

      private void note(Kind kind, String text) {
        if (cause != null) {
          seen.add(new Action(context.now(), Kind.TIMER, cause));
          cause = null;
        }
        seen.add(new Action(context.now(), kind, text));
      }

      @Override
      public NodeId self() {
        return context.self();
      }

      @Override
      public long now() {
        return context.now();
      }

      @Override
      public void send(NodeId to, int round, M message) {
        note(Kind.SEND, tracing ? "sends " + commit.describe(message) + " to " + to : null);
        context.send(to, round, message);
      }

      @Override
      public void setTimer(long at, long token) {
        context.setTimer(at, token);
      }

      @Override
      public void decide(Decision decision) {
        context.decide(decision);
      }

      @Override
      public void drop(NodeId from, int round, DropReason reason) {
        context.drop(from, round, reason);
      }

      @Override
      public void persist(byte[] record) {
        note(Kind.PERSIST, describe(record));
        context.persist(record);
      }

      @Override
      public void count(String name, long delta) {
        context.count(name, delta);
      }
    }
  }

  /** {@code txn 1 DECIDED COMMIT}. */
  private String describe(byte[] record) {
    try {
      StringBuilder b = new StringBuilder();
      protocol.describeLog(List.of(record)).forEach((txn, texts) -> b.append("txn ").append(txn).append(' ')
          .append(String.join(", ", texts)));
      return b.toString();
    } catch (IllegalArgumentException e) {
      return "a record of " + Words.plural(record.length, "byte") + " (" + e.getMessage() + ")";
    }
  }

  /** Numbers the steps and lays out the trace, crashing nodes where the planned crashes say. */
  private void analyze() {
    checkRun();
    if (steps != null) {
      return;
    }
    List<Faults.Crash> pending = new ArrayList<>(crashes);
    List<Line> all = new ArrayList<>();
    List<Force> forced = new ArrayList<>();
    int[] taken = new int[actions.size()];
    for (int node = 0; node < actions.size(); node++) {
      List<Action> acts = actions.get(node);
      int step = 0;
      for (int i = 0; i < acts.size(); ) {
        long time = acts.get(i).time();
        List<String> records = new ArrayList<>();
        List<String> sends = new ArrayList<>();
        for (; i < acts.size() && acts.get(i).time() == time; i++) {
          Action a = acts.get(i);
          switch (a.kind()) {
            case PERSIST:
              records.add(a.text());
              break;
            case SEND:
              sends.add(a.text());
              break;
            default:
              all.add(new Line(time, node, 0, a.text()));
              break;
          }
        }
        flush: {
          if (!records.isEmpty()) {
            step++;
            if (crashes(pending, node, step, false, time, all, records)) {
              break flush;
            }
            if (tracing) {
              all.add(new Line(time, node, step, "forces its log: " + String.join("; ", records)));
            }
            forced.add(new Force(node, step, time, List.copyOf(records)));
            if (crashes(pending, node, step, true, time, all, List.of())) {
              break flush;
            }
          }
          for (String send : sends) {
            step++;
            if (crashes(pending, node, step, false, time, all, List.of())) {
              break flush;
            }
            if (tracing) {
              all.add(new Line(time, node, step, send));
            }
            if (crashes(pending, node, step, true, time, all, List.of())) {
              break flush;
            }
          }
        }
      }
      taken[node] = step;
    }
    // Stable: within one time and node, the order the node did things in.
    all.sort(Comparator.comparingLong(Line::time).thenComparingInt(Line::node));
    forced.sort(Comparator.comparingLong(Force::time).thenComparingInt(Force::node));
    lines = List.copyOf(all);
    forces = List.copyOf(forced);
    steps = taken;
  }

  /** Whether a planned crash stops {@code node} at this step; if so, adds it to the trace. */
  private static boolean crashes(List<Faults.Crash> pending, int node, int step, boolean after, long time,
      List<Line> trace, List<String> lost) {
    for (Faults.Crash c : pending) {
      if (c.node().index() == node && c.step() == step && c.after() == after) {
        pending.remove(c);
        String what = "CRASHES just " + (after ? "after" : "before") + " its step " + step
            + (lost.isEmpty() ? "" : ", losing the records it had not forced (" + String.join("; ", lost) + ")")
            + (c.forGood() ? ", and stays down" : "; it restarts at t=" + (time + Math.max(1, c.downFor())));
        trace.add(new Line(time, node, 0, what));
        return true;
      }
    }
    return false;
  }
}
