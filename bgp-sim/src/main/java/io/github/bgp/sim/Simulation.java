package io.github.bgp.sim;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.Decision;
import io.github.bgp.api.Guarantee;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.KeyRing;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Note;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Resource;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Step;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import io.github.bgp.runtime.Calls;
import io.github.bgp.runtime.Effects;
import io.github.bgp.runtime.NodeDriver;
import io.github.bgp.runtime.NodeReport;
import io.github.bgp.runtime.Outcomes;
import io.github.bgp.runtime.Outgoing;
import io.github.bgp.spi.Call;
import io.github.bgp.spi.Entropy;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Input;
import io.github.bgp.spi.Setup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The embedded runtime: a deterministic network of n nodes in virtual time, each node a
 * {@link NodeDriver} over the protocol's state machine, exactly as a live node runs it.
 *
 * <p>Every node starts at time 0; the application's inputs are events too (the commander's
 * order at time 0, each transaction submitted at its start). A frame takes
 * {@link Builder#latency latency} time units to arrive (more, if the run's {@link Faults} delay
 * it); round r ends at the latest at {@code r * roundTimeout}, so a missing message is detected
 * at the deadline (A3). Within one instant each node handles its events in the order they were
 * scheduled; then each node, in the order of ids, carries out what it asked for, through the
 * driver (the log forced first, then the frames, then the rest). A run is therefore a function
 * of its protocol, scenario, faults and seed: the same seed gives the same outcome and the same
 * trace, byte for byte, whether the nodes of an instant ran on one core or on all of them.
 *
 * <p>By default every frame goes through the protocol's codec on its way, so every simulation
 * tests the wire format too; {@link Builder#codec codec(false)} hands messages over as they are
 * (a run that only counts, or one too large to encode). Nodes crash where the {@link Faults} say
 * (before or after any step: a force or a send), lose what they had not forced, and restart from
 * their log; a commit run lists every step of every node in its outcome.
 *
 * <pre>{@code
 * Outcome outcome = Simulation.run(Protocols.agreement("om"),
 *     Scenario.builder(7).traitors(3, 4).strategy(Strategy.SPLIT).build());
 * CommitOutcome commit = Simulation.builder()
 *     .faults(Faults.NONE.with(new Faults.Crash(NodeId.of(0), 2, true, 50)))
 *     .build().execute(Protocols.commit("2pc"), CommitScenario.builder(3).commit(1, 0).build());
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Simulation {

  /** Heap kept aside for everything but the run itself when checking that a run fits. */
  private static final long HEAP_RESERVE = 64L << 20;

  /** Above this many logical messages a run refuses to record a trace (each is an object). */
  public static final long TRACE_LIMIT = 2_000_000;

  /** An instant carrying at least this many payload bytes is worth spreading over the cores. */
  private static final long PARALLEL_PAYLOAD = 256 * 1024;

  /**
   * How long a resource takes to answer a call, in virtual time; a negative delay: never.
   *
   * @since 0.1.0
   */
  @FunctionalInterface
  public interface ResourceDelay {
    /** Answers arrive one latency after the call. */
    ResourceDelay NONE = (node, call) -> 0;

    /**
     * The delay, beyond the latency, before {@code node}'s resource answers {@code call}; negative: never (blocked).
     *
     * @param node the participant whose resource is called
     * @param call the call
     * @return the delay in virtual time units
     */
    long delay(NodeId node, Call call);
  }

  private final boolean trace;
  private final long roundTimeout;
  private final long latency;
  private final boolean parallel;
  private final boolean codec;
  private final KeyRing keys;
  private final Faults faults;
  private final long until;
  private final ResourceDelay resourceDelay;

  private Simulation(Builder b) {
    this.keys = b.keys;
    this.trace = b.trace;
    this.roundTimeout = b.roundTimeout;
    this.latency = b.latency;
    this.parallel = b.parallel;
    this.codec = b.codec;
    this.faults = b.faults;
    this.until = b.until;
    this.resourceDelay = b.resourceDelay;
  }

  /**
   * Runs {@code scenario} under {@code protocol} with the default settings (no trace).
   *
   * @param protocol the agreement protocol
   * @param scenario what to run
   * @return the run's outcome
   */
  public static Outcome run(AgreementProtocol protocol, Scenario scenario) {
    return builder().build().execute(protocol, scenario);
  }

  /**
   * A simulation's settings, to change and {@link Builder#build build}.
   *
   * @return a builder with the defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  private Environment environment(long seed) {
    Environment.Builder env = Environment.builder(InstanceId.fromSeed(seed)).roundTimeout(roundTimeout);
    if (keys != null) {
      env.keys(keys);
    }
    return env.build();
  }

  /**
   * Runs {@code scenario} under {@code protocol}: the commander is given the scenario's order at
   * time 0, the traitors lie as the scenario's strategy says.
   *
   * <p>The only {@link Builder#faults faults} an agreement run takes are partitions: network
   * faults, whose lost frames the rounds' deadlines detect as missing messages. Its other faults
   * are its traitors, whom the scenario's strategy drives.
   *
   * @param protocol the agreement protocol
   * @param scenario what to run
   * @return the run's outcome
   * @throws IllegalArgumentException if the run cannot be done: it would not fit in this JVM's
   *     heap, or a trace of it would be too large; or if this simulation was built with faults
   *     other than partitions, or with {@link Builder#until until}, which apply to commit runs only
   */
  public Outcome execute(AgreementProtocol protocol, Scenario scenario) {
    if (!faults.partitionsOnly() || until > 0) {
      throw new IllegalArgumentException("lost, duplicated or late messages, crashes and until apply to commit runs"
          + " only; an agreement run takes partitions, and its other faults are its traitors (Scenario.traitors and"
          + " strategy), got faults " + faults + (until > 0 ? ", until " + until : ""));
    }
    Environment environment = environment(scenario.seed());
    Setup<?> setup = protocol.create(scenario.spec(), environment, scenario.adversary());
    Guarantee guarantee = protocol.guarantee(scenario);
    checkFits(protocol.name(), scenario, setup);
    Run<?> run = new Run<>(setup, scenario.generals(), 0, scenario.seed(), environment.instance(), trace, false,
        id -> null, null);
    run.input(0, NodeId.COMMANDER, new Input.Propose(scenario.order()));
    run.execute();
    Outcome o = Outcomes.of(protocol.name(), scenario, guarantee, run.reports());
    if (run.runtime.isEmpty()) {
      return o;
    }
    TreeMap<String, Long> counters = new TreeMap<>(o.counters()); // the network's (frames lost to partitions)
    run.runtime.forEach((k, v) -> counters.merge(k, v, Long::sum));
    return new Outcome(o.protocol(), o.scenario(), o.guarantee(), o.decisions(), o.undecided(), o.messages(),
        o.frames(), o.bytes(), o.rounds(), o.received(), o.dropped(), o.trace(), o.notes(), counters);
  }

  /**
   * Runs a commit workload, every participant's resource voting as the scenario says.
   *
   * @param protocol the commit protocol
   * @param scenario the workload and its votes
   * @return what the nodes' logs show
   */
  public CommitOutcome execute(CommitProtocol protocol, CommitScenario scenario) {
    return execute(protocol, scenario, scripted(scenario));
  }

  /**
   * Resources that vote as {@code scenario} says and keep nothing else.
   *
   * @param scenario the workload and its votes
   * @return a resource per participant
   */
  public static Function<NodeId, Resource> scripted(CommitScenario scenario) {
    return id -> new ScriptedResource(scenario, id);
  }

  /**
   * Runs a commit workload with these resources (one per participant), under the builder's
   * faults, until every node is quiet or the builder's time limit (by default, long enough for
   * every transaction's timeouts, the crashes' downtime and many retries). Each transaction is
   * submitted to the coordinator at its start; each step of each node is in the outcome.
   *
   * @param protocol the commit protocol
   * @param scenario the workload
   * @param resources each participant's resource
   * @return what the nodes' logs show
   */
  public CommitOutcome execute(CommitProtocol protocol, CommitScenario scenario, Function<NodeId, Resource> resources) {
    return run(protocol, scenario, resources).outcome();
  }

  /**
   * A commit run with everything it left: the outcome (with every step), every node's log at the
   * end (what it had forced), and, if traced, every note the nodes made (each message received,
   * each timer fired, each state transition) and every crash and restart, in order of time, then
   * node.
   *
   * @param outcome what the logs show, with the run's counters, events and steps
   * @param logs each node's forced records at the end, by node
   * @param notes what happened, for a trace (empty unless the simulation traces)
   * @since 0.1.0
   */
  public record CommitRun(CommitOutcome outcome, java.util.SortedMap<NodeId, List<byte[]>> logs, List<Note> notes) {
    /**
     * Copies the logs and the notes.
     *
     * @param outcome the run's outcome
     * @param logs each node's forced records at the end (copied)
     * @param notes what happened (copied)
     */
    public CommitRun {
      Objects.requireNonNull(outcome, "outcome");
      logs = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(logs));
      notes = List.copyOf(notes);
    }
  }

  /**
   * Runs a commit workload as {@link #execute(CommitProtocol, CommitScenario, Function)} does,
   * keeping its logs and notes.
   *
   * @param protocol the commit protocol
   * @param scenario the workload
   * @param resources each participant's resource
   * @return the outcome with the logs and notes
   * @throws IllegalStateException if the protocol runs fewer nodes than the coordinator and the
   *     participants
   */
  public CommitRun run(CommitProtocol protocol, CommitScenario scenario, Function<NodeId, Resource> resources) {
    Environment environment = environment(scenario.seed());
    Setup<?> setup = protocol.create(scenario.spec(), environment);
    int nodes = protocol.nodes(scenario.spec());
    if (nodes < scenario.nodes()) {
      throw new IllegalStateException(protocol.name() + " runs " + nodes + " nodes, fewer than the coordinator and "
          + scenario.participants() + " participants");
    }
    Run<?> run = new Run<>(setup, nodes, scenario.participants(), scenario.seed(), environment.instance(), trace, true,
        resources, protocol);
    for (CommitScenario.Txn t : scenario.transactions()) {
      run.input(t.start(), NodeId.COMMANDER, new Input.Submit(t.transaction()));
    }
    run.horizon = until > 0 ? until : defaultHorizon(scenario);
    run.execute();
    run.checkNamedCrashesHappened();
    Map<NodeId, List<byte[]>> logs = new TreeMap<>();
    TreeSet<NodeId> down = new TreeSet<>();
    for (int i = 0; i < nodes; i++) {
      logs.put(NodeId.of(i), run.logs.get(i).records());
      if (!run.up[i]) {
        down.add(NodeId.of(i));
      }
    }
    Set<Long> expected = new HashSet<>();
    scenario.transactions().forEach(t -> expected.add(t.transaction().id()));
    CommitOutcome outcome = protocol.outcome(scenario.spec(), logs, down, expected)
        .withRun(run.messages(), run.counters(), run.events, run.steps);
    return new CommitRun(outcome, new TreeMap<>(logs), run.notes());
  }

  /** Long enough for every transaction, every crash's downtime and many retries. */
  private long defaultHorizon(CommitScenario s) {
    long lastStart = 0;
    for (CommitScenario.Txn t : s.transactions()) {
      lastStart = Math.max(lastStart, t.start());
    }
    long downtime = 0;
    for (Faults.Crash c : faults.crashes()) {
      downtime += Math.max(0, c.downFor());
    }
    for (Faults.NamedCrash c : faults.named()) {
      downtime += Math.max(0, c.downFor());
    }
    for (Faults.Partition p : faults.partitions()) {
      downtime += p.until() - p.from();
    }
    CommitScenario.Timeouts t = s.timeouts();
    return lastStart + t.votes() + t.request() + downtime + 20 * (t.retry() + latency + faults.delay()) + 100;
  }

  private void checkFits(String protocol, Scenario scenario, Setup<?> setup) {
    long need = setup.estimatedBytes();
    long max = Runtime.getRuntime().maxMemory();
    long limit = max - Math.min(HEAP_RESERVE, max / 4);
    if (need > limit) {
      throw new IllegalArgumentException(String.format(
          "%s with n=%d, m=%d sends %s messages and needs about %s of heap, but this JVM's heap is %s"
              + " (-Xmx); raise it (for ./bgp: BGP_JAVA_OPTS=-Xmx...) or run a smaller scenario",
          protocol, scenario.generals(), scenario.m(), count(setup.expectedMessages()), bytes(need),
          bytes(max)));
    }
    if (trace && setup.expectedMessages() > TRACE_LIMIT) {
      throw new IllegalArgumentException(String.format(
          "a trace of %,d messages is too large to record (the limit is %,d); trace a smaller scenario",
          setup.expectedMessages(), TRACE_LIMIT));
    }
  }

  static String count(long n) {
    if (n == Setup.UNKNOWN) {
      return "an unknown number of";
    }
    return n == Long.MAX_VALUE ? "more than 9.2e18" : String.format("%,d", n);
  }

  static String bytes(long n) {
    if (n == Long.MAX_VALUE) {
      return "more than 8 EB";
    }
    if (n >= 1L << 30) {
      return String.format("%.1f GB", n / (double) (1L << 30));
    }
    return String.format("%d MB", Math.max(1, n >> 20));
  }

  /**
   * One run: the event queue, the nodes' drivers, and what they did.
   *
   * <p>Time advances in instants. All the events of one instant are grouped by the node they
   * happen at, and each node handles its own in the order they were scheduled; the nodes are
   * independent within an instant (a frame sent now arrives at the earliest one latency later),
   * so they may run side by side. Then each node, in the order of ids, carries out its effects
   * through its driver and the crash gate; what it sent, the timers it set and its calls are
   * scheduled in that order, so the run is the same, event for event, on one thread or many.
   */
  private final class Run<M> {
    private final Setup<M> setup;
    private final int n;
    private final long seed;
    private final InstanceId instance;
    private final boolean tracing;
    private final boolean durable;
    private final List<Resource> resources = new ArrayList<>();
    private final PriorityQueue<Event<M>> queue = new PriorityQueue<>();
    private final List<NodeDriver<M>> drivers = new ArrayList<>();
    private final List<MemoryLog> logs = new ArrayList<>();
    private final boolean[] up;
    private final int[] incarnation;
    private final long[] sent;
    private final List<Faults.Crash> pending;
    private final List<Faults.NamedCrash> pendingNamed;
    private final CommitProtocol milestones;
    private final List<String> events = new ArrayList<>();
    private final List<Note> restartNotes = new ArrayList<>();
    private final List<Note> crashNotes = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    private final Map<String, Long> runtime = new TreeMap<>();
    private final List<NodeDriver<M>> retired = new ArrayList<>();
    private long now;
    private long seq;
    private long horizon = Long.MAX_VALUE;

    /**
     * @param participants nodes 1..participants have a resource
     * @param milestones the commit protocol whose records named crashes follow, or null
     */
    Run(Setup<M> setup, int n, int participants, long seed, InstanceId instance, boolean tracing, boolean durable,
        Function<NodeId, Resource> resourceOf, CommitProtocol milestones) {
      this.setup = setup;
      this.n = n;
      this.seed = seed;
      this.instance = instance;
      this.tracing = tracing;
      this.durable = durable;
      this.up = new boolean[n];
      this.incarnation = new int[n];
      this.sent = new long[n];
      this.pending = new ArrayList<>(faults.crashes());
      this.pendingNamed = new ArrayList<>(faults.named());
      this.milestones = milestones;
      for (Faults.Crash c : pending) {
        if (c.node().index() >= n) {
          throw new IllegalArgumentException("a crash is planned for node " + c.node() + ", but the run has nodes 0.."
              + (n - 1));
        }
      }
      for (Faults.NamedCrash c : pendingNamed) {
        if (c.node().index() >= n) {
          throw new IllegalArgumentException("a crash " + c.point().word() + " is planned for node " + c.node()
              + ", but the run has nodes 0.." + (n - 1));
        }
      }
      for (Faults.Partition p : faults.partitions()) {
        if (p.highest() >= n) {
          throw new IllegalArgumentException("partition " + p + " names node " + p.highest() + ", but the run has nodes"
              + " 0.." + (n - 1));
        }
      }
      for (int i = 0; i < n; i++) {
        resources.add(i >= 1 && i <= participants ? resourceOf.apply(NodeId.of(i)) : null);
        logs.add(new MemoryLog());
        drivers.add(driver(i, 1));
        up[i] = true;
      }
    }

    private NodeDriver<M> driver(int node, int firstStep) {
      return new NodeDriver<>(NodeId.of(node), instance, setup, NodeDriver.Options.defaults()
          .tracing(tracing).durable(durable).recordSteps(durable).firstStep(firstStep));
    }

    /**
     * @throws IllegalArgumentException if a named crash never happened: its node never forced the
     *     record it follows
     */
    void checkNamedCrashesHappened() {
      if (!pendingNamed.isEmpty()) {
        List<String> missed = new ArrayList<>();
        for (Faults.NamedCrash c : pendingNamed) {
          missed.add("node " + c.node() + " " + c.point().word() + " (node " + c.node() + " never forced a "
              + c.point().milestone().name() + " record" + (milestones == null ? "" : " of " + milestones.name())
              + ")");
        }
        throw new IllegalArgumentException("the run never reached the named crash" + (missed.size() == 1 ? " " : "es ")
            + String.join(", ", missed));
      }
    }

    void input(long at, NodeId node, Input input) {
      queue.add(Event.input(at, seq++, node.index(), input));
    }

    void execute() {
      for (NodeDriver<M> d : drivers) {
        d.start(0);
      }
      flush();
      while (!queue.isEmpty() && queue.peek().time <= horizon) {
        now = queue.peek().time;
        Map<Integer, List<Event<M>>> byNode = new TreeMap<>();
        long payload = 0;
        while (!queue.isEmpty() && queue.peek().time == now) {
          Event<M> e = queue.poll();
          byNode.computeIfAbsent(e.node, k -> new ArrayList<>()).add(e);
          payload += e.message != null ? e.message.size() : 0;
        }
        // Restarts first, one node at a time in node order, so that the events they log (and what
        // their recovery does) do not depend on thread timing; then each node's share of the instant.
        byNode.forEach((node, list) -> {
          if (list.stream().anyMatch(e -> e.restart)) {
            restart(node);
          }
        });
        List<Runnable> work = new ArrayList<>();
        byNode.forEach((node, list) -> work.add(() -> handle(node, list)));
        runAll(work, payload >= PARALLEL_PAYLOAD);
        flush();
      }
      if (!queue.isEmpty()) {
        runtime.put("events.past.horizon", (long) queue.size());
      }
    }

    /** One node's events of an instant, after its restart if it had one. */
    private void handle(int node, List<Event<M>> list) {
      NodeDriver<M> d = drivers.get(node);
      for (Event<M> e : list) {
        if (e.restart) {
          continue;
        }
        if (!up[node]) {
          count(e.message != null ? "messages.to.down.nodes" : e.input != null ? "inputs.to.down.nodes"
              : "timers.of.down.nodes");
          continue;
        }
        if (e.message != null) {
          if (codec) {
            d.receive(e.message.frame(), now);
          } else {
            d.receive(e.message, now);
          }
        } else if (e.input != null) {
          if (d.isDone()) {
            count("inputs.after.done");
          } else {
            d.input(e.input, now);
          }
        } else if (e.incarnation == incarnation[node]) {
          d.timer(e.token, now);
        }
      }
    }

    private void restart(int node) {
      up[node] = true;
      NodeDriver<M> fresh = driver(node, drivers.get(node).lastStep() + 1);
      drivers.set(node, fresh);
      fresh.recover(logs.get(node).recovered(), now);
      events.add("t=" + now + " node " + node + " restarts from its log of " + logs.get(node).recovered().size()
          + " records");
      if (tracing) {
        restartNotes.add(Note.of(NodeId.of(node), now, 0, "restart", Map.of("records",
            Integer.toString(logs.get(node).recovered().size()))));
      }
      count("restarts");
    }

    /** Runs each node's share of an instant, side by side when it is worth a thread. */
    private void runAll(List<Runnable> work, boolean heavy) {
      if (parallel && heavy && work.size() > 1) {
        work.parallelStream().forEach(Runnable::run);
      } else {
        work.forEach(Runnable::run);
      }
    }

    /** Carries out every node's effects, in the order of node ids, and schedules what follows. */
    private void flush() {
      for (int i = 0; i < n; i++) {
        NodeDriver<M> d = drivers.get(i);
        if (!up[i] || !d.hasReady()) {
          continue;
        }
        NodeEffects effects = new NodeEffects(i);
        boolean lived = d.carryOut(d.ready(), effects, now);
        if (!lived) {
          crash(i, effects.crashing, effects.crashPoint);
        }
      }
    }

    /** What one node's effects do in the simulation. */
    private final class NodeEffects implements Effects<M> {
      private final int node;
      private Faults.Crash crashing;
      private Faults.Point crashPoint;
      private final java.util.EnumSet<CommitProtocol.Milestone> forced =
          java.util.EnumSet.noneOf(CommitProtocol.Milestone.class);

      NodeEffects(int node) {
        this.node = node;
      }

      @Override
      public boolean before(Step step) {
        return !crashesAt(step, false);
      }

      @Override
      public boolean after(Step step) {
        if (durable) {
          steps.add(step); // carried out, whether or not the node lives on
        }
        if (step.kind() == Step.Kind.FORCE && !forced.isEmpty()) {
          for (Faults.NamedCrash c : pendingNamed) {
            if (c.node().index() == node && forced.contains(c.point().milestone())) {
              pendingNamed.remove(c);
              crashing = new Faults.Crash(c.node(), step.number(), true, c.downFor());
              crashPoint = c.point();
              forced.clear();
              return false;
            }
          }
          forced.clear();
        }
        return !crashesAt(step, true);
      }

      private boolean crashesAt(Step step, boolean after) {
        for (Faults.Crash c : pending) {
          if (c.node().index() == node && c.step() == step.number() && c.after() == after) {
            pending.remove(c);
            crashing = c;
            return true;
          }
        }
        return false;
      }

      @Override
      public void force(List<byte[]> records) {
        MemoryLog log = logs.get(node);
        records.forEach(log::append);
        log.force();
        if (milestones != null && !pendingNamed.isEmpty()) {
          for (byte[] r : records) {
            milestones.milestone(r).ifPresent(forced::add);
          }
        }
      }

      @Override
      public void send(Outgoing<M> m) {
        if (m.to().index() >= n) {
          throw new IllegalArgumentException(m.from() + " sent a frame to " + m.to() + ", who is not in this run of " + n
              + " nodes");
        }
        Run.this.schedule(m);
      }

      @Override
      public void schedule(long timer, long at) {
        queue.add(Event.timer(Math.max(at, now), seq++, node, incarnation[node], timer));
      }

      @Override
      public void call(Call call) {
        Resource r = resources.get(node);
        if (r == null) {
          throw new IllegalStateException("node " + node + " has no resource for " + call);
        }
        long delay = resourceDelay.delay(NodeId.of(node), call);
        count("resource.calls");
        if (delay < 0) {
          count("resource.calls.unanswered");
          return;
        }
        queue.add(Event.input(now + latency + delay, seq++, node, answer(r, call)));
      }

      @Override
      public void decided(Decision decision) {}

      @Override
      public void outcome(long txn, Verdict verdict) {}
    }

    /** Carries out {@code call} on {@code r} at once; the answer arrives as an event. */
    private Input.Answer answer(Resource r, Call call) {
      Input.Answer a = Calls.make(r, call, "", instance);
      if (a.heuristic().isPresent()) {
        count("resource.heuristics");
      } else if (a.failure().isPresent()) {
        count("resource.failures");
      }
      return a;
    }

    /** Sends a frame through the network: lost, duplicated or late as the faults say. */
    private void schedule(Outgoing<M> m) {
      int from = m.from().index();
      if (!faults.partitions().isEmpty() && faults.partitioned(m.from(), m.to(), now)) {
        count("messages.partitioned");
        return;
      }
      long e = Entropy.of(seed, 0x4E37, from, m.to().index(), sent[from]++);
      if (faults.loss() > 0 && uniform(e) < faults.loss()) {
        count("messages.lost");
        return;
      }
      long delay = faults.delay() > 0 ? Math.floorMod(Entropy.mix(e + 1), faults.delay() + 1) : 0;
      queue.add(Event.message(now + latency + delay, seq++, m));
      if (faults.duplicate() > 0 && uniform(Entropy.mix(e + 2)) < faults.duplicate()) {
        count("messages.duplicated");
        queue.add(Event.message(now + latency + delay + 1, seq++, m));
      }
    }

    private double uniform(long bits) {
      return (bits >>> 11) * 0x1.0p-53;
    }

    private void crash(int node, Faults.Crash c, Faults.Point point) {
      up[node] = false;
      incarnation[node]++;
      logs.get(node).crash();
      retired.add(drivers.get(node));
      count("crashes");
      events.add("t=" + now + " node " + node + " crashes " + (c.after() ? "after" : "before") + " its step "
          + c.step() + (point == null ? "" : " (" + point.word() + ")") + (c.forGood() ? " and stays down" : "; it restarts at t=" + (now + c.downFor())));
      if (tracing) {
        Map<String, String> fields = new TreeMap<>(Map.of("step", Integer.toString(c.step()),
            "when", c.after() ? "after" : "before", "restart", c.forGood() ? "never"
                : Long.toString(now + Math.max(1, c.downFor()))));
        if (point != null) {
          fields.put("point", point.word());
        }
        crashNotes.add(Note.of(NodeId.of(node), now, 0, "crash", fields));
      }
      if (!c.forGood()) {
        queue.add(Event.restart(now + Math.max(1, c.downFor()), seq++, node));
      }
    }

    private void count(String name) {
      synchronized (runtime) {
        runtime.merge(name, 1L, Long::sum);
      }
    }

    /** Every incarnation of every node, each once (a node that crashed for good is in both lists). */
    private List<NodeDriver<M>> everyDriver() {
      List<NodeDriver<M>> all = new ArrayList<>(retired);
      for (NodeDriver<M> d : drivers) {
        if (retired.stream().noneMatch(r -> r == d)) {
          all.add(d);
        }
      }
      return all;
    }

    long messages() {
      long m = 0;
      for (NodeDriver<M> d : everyDriver()) {
        m += d.report().messagesSent();
      }
      return m;
    }

    /** The runtime's counters and the nodes', summed over every incarnation of every node. */
    Map<String, Long> counters() {
      Map<String, Long> all = new TreeMap<>(runtime);
      long frames = 0;
      for (NodeDriver<M> d : everyDriver()) {
        NodeReport r = d.report();
        r.counters().forEach((k, v) -> all.merge(k, v, Long::sum));
        frames += r.framesSent();
      }
      all.putIfAbsent("log.forces", 0L);
      all.put("frames", frames);
      return all;
    }

    /**
     * Every incarnation's notes and the runtime's, by time, then node, each node's in the order it
     * made them: at one time, a restart comes before what the node did, a crash after.
     */
    List<Note> notes() {
      List<Note> all = new ArrayList<>(restartNotes);
      for (NodeDriver<M> d : everyDriver()) {
        all.addAll(d.report().notes());
      }
      all.addAll(crashNotes);
      all.sort(java.util.Comparator.comparingLong(Note::time).thenComparing(Note::node));
      return all;
    }

    /** The current incarnation of every node's report, in node order. */
    List<NodeReport> reports() {
      List<NodeReport> reports = new ArrayList<>();
      for (NodeDriver<M> d : drivers) {
        reports.add(d.report());
      }
      return reports;
    }
  }

  /** A message arriving, a timer firing, an input, or a node restarting. */
  private static final class Event<M> implements Comparable<Event<M>> {
    final long time;
    final long seq;
    final Outgoing<M> message;
    final Input input;
    final int node;
    final int incarnation;
    final long token;
    final boolean restart;

    private Event(long time, long seq, Outgoing<M> message, Input input, int node, int incarnation, long token,
        boolean restart) {
      this.time = time;
      this.seq = seq;
      this.message = message;
      this.input = input;
      this.node = node;
      this.incarnation = incarnation;
      this.token = token;
      this.restart = restart;
    }

    static <M> Event<M> message(long time, long seq, Outgoing<M> m) {
      return new Event<>(time, seq, m, null, m.to().index(), 0, 0, false);
    }

    static <M> Event<M> input(long time, long seq, int node, Input input) {
      return new Event<>(time, seq, null, input, node, 0, 0, false);
    }

    static <M> Event<M> timer(long time, long seq, int node, int incarnation, long timer) {
      return new Event<>(time, seq, null, null, node, incarnation, timer, false);
    }

    static <M> Event<M> restart(long time, long seq, int node) {
      return new Event<>(time, seq, null, null, node, 0, 0, true);
    }

    @Override
    public int compareTo(Event<M> o) {
      int c = Long.compare(time, o.time);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  /** A resource that votes as the scenario says and keeps nothing else. */
  private static final class ScriptedResource implements Resource {
    private final Map<Long, Vote> votes = new TreeMap<>();

    ScriptedResource(CommitScenario scenario, NodeId id) {
      for (CommitScenario.Txn t : scenario.transactions()) {
        votes.put(t.transaction().id(), t.votes().get(id.index() - 1) == Verdict.COMMIT ? Vote.COMMIT : Vote.ABORT);
      }
    }

    @Override
    public Vote prepare(Transaction t) {
      Vote v = votes.get(t.id());
      if (v == null) {
        throw new IllegalArgumentException("no transaction " + t.id() + " in this scenario");
      }
      return v;
    }

    @Override
    public void commit(Transaction t) {}

    @Override
    public void abort(Transaction t) {}
  }

  /**
   * Settings of a {@link Simulation}.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private boolean trace;
    private long roundTimeout = Environment.DEFAULT_ROUND_TIMEOUT;
    private long latency = 1;
    private boolean parallel = true;
    private boolean codec = true;
    private KeyRing keys;
    private Faults faults = Faults.NONE;
    private long until;
    private ResourceDelay resourceDelay = ResourceDelay.NONE;

    private Builder() {}

    /**
     * The cluster's keys, for protocols that sign; without them a signing protocol derives keys
     * from the scenario's seed.
     *
     * @param keys the key ring
     * @return this builder
     */
    public Builder keys(KeyRing keys) {
      this.keys = Objects.requireNonNull(keys, "keys");
      return this;
    }

    /**
     * Whether the nodes of one instant may run on several cores when there is enough work (the
     * default); the run is the same either way, event for event.
     *
     * @param parallel whether to use several cores
     * @return this builder
     */
    public Builder parallel(boolean parallel) {
      this.parallel = parallel;
      return this;
    }

    /**
     * Whether every frame goes through the protocol's codec (the default: every run tests the
     * wire format); without, messages are handed over as they are, and the bytes counted are what
     * the codec says it would write. The run's decisions are the same either way.
     *
     * @param codec whether frames go through the codec
     * @return this builder
     */
    public Builder codec(boolean codec) {
      this.codec = codec;
      return this;
    }

    /**
     * Records every logical message with its Lamport timestamps, and every note, in the outcome.
     *
     * @param trace whether to trace
     * @return this builder
     */
    public Builder trace(boolean trace) {
      this.trace = trace;
      return this;
    }

    /**
     * The length of a round in virtual time units; {@value Environment#DEFAULT_ROUND_TIMEOUT} by default.
     *
     * @param roundTimeout the round's length, more than the latency
     * @return this builder
     */
    public Builder roundTimeout(long roundTimeout) {
      this.roundTimeout = roundTimeout;
      return this;
    }

    /**
     * How long a frame takes to arrive, in virtual time units; 1 by default.
     *
     * @param latency the frames' latency, at least 1
     * @return this builder
     */
    public Builder latency(long latency) {
      this.latency = latency;
      return this;
    }

    /**
     * What goes wrong: lost, duplicated and late messages, crashes at numbered steps or named points,
     * partitions (the only faults an agreement run takes); {@link Faults#NONE} by default.
     *
     * @param faults the faults to inject
     * @return this builder
     */
    public Builder faults(Faults faults) {
      this.faults = Objects.requireNonNull(faults, "faults");
      return this;
    }

    /**
     * How long resources take to answer (commit runs); by default one latency.
     *
     * @param delay how long each resource call takes beyond the latency
     * @return this builder
     */
    public Builder resourceDelay(ResourceDelay delay) {
      this.resourceDelay = Objects.requireNonNull(delay, "delay");
      return this;
    }

    /**
     * Stops the run at this time even if events remain (protocols that retry forever, a node
     * blocked for good); for commit runs the default is long enough for every timeout and crash.
     *
     * @param time the virtual time to stop at, positive
     * @return this builder
     * @throws IllegalArgumentException if {@code time} is not positive
     */
    public Builder until(long time) {
      if (time <= 0) {
        throw new IllegalArgumentException("the run must last a positive time, got " + time);
      }
      this.until = time;
      return this;
    }

    /**
     * Builds the simulation.
     *
     * @return the simulation
     * @throws IllegalArgumentException unless {@code 0 < latency < roundTimeout} (a frame must be
     *     able to arrive within its round)
     */
    public Simulation build() {
      if (latency <= 0 || latency >= roundTimeout) {
        throw new IllegalArgumentException("the latency must be positive and less than the round timeout, got latency "
            + latency + " and round timeout " + roundTimeout);
      }
      return new Simulation(this);
    }
  }
}
