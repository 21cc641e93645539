package io.github.bgp.sim;

import io.github.bgp.api.Agreement;
import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.Codec;
import io.github.bgp.api.Commit;
import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.Entropy;
import io.github.bgp.api.Environment;
import io.github.bgp.api.Frame;
import io.github.bgp.api.Guarantee;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.KeyRing;
import io.github.bgp.api.LogicalMessage;
import io.github.bgp.api.Node;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.NodeReport;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Resource;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The embedded runtime: a deterministic network of n nodes in virtual time.
 *
 * <p>Every node starts at time 0. A frame takes {@link Builder#latency latency} time units to
 * arrive (more, if the run's {@link Faults} delay it); round r ends at the latest at
 * {@code r * roundTimeout}, so a missing message is detected at the deadline (A3) and the
 * receiver uses the default. Within one instant each node handles its events in the order they
 * were scheduled; then each node, in the order of ids, carries out what it asked for: its log is
 * forced if it persisted anything (the records of every event of the instant in one force),
 * then its frames leave. A run is therefore a function of its protocol, scenario, faults and
 * seed: the same seed gives the same outcome and the same trace, byte for byte, whether the nodes
 * of an instant ran on one core or on all of them.
 *
 * <p>Every frame goes through the protocol's {@link Codec} on its way, so every simulation tests
 * the wire format too. Nodes crash where the {@link Faults} say (before or after any force or
 * send), lose what they had not forced, and restart from their log.
 *
 * <pre>{@code
 * Outcome outcome = Simulation.run(Protocols.agreement("om"),
 *     Scenario.builder(7).traitors(3, 4).strategy(Strategy.SPLIT).build());
 * CommitOutcome commit = Simulation.builder()
 *     .faults(Faults.NONE.with(new Faults.Crash(NodeId.of(0), 2, true, 50)))
 *     .build().execute(Protocols.byName("2pc", CommitProtocol.class), CommitScenario.builder(3).commit(1, 0).build());
 * }</pre>
 */
public final class Simulation {

  /** Heap kept aside for everything but the run itself when checking that a run fits. */
  private static final long HEAP_RESERVE = 64L << 20;

  /** Above this many logical messages a run refuses to record a trace (each is an object). */
  public static final long TRACE_LIMIT = 2_000_000;

  /** An instant carrying at least this many payload bytes is worth spreading over the cores. */
  private static final long PARALLEL_PAYLOAD = 256 * 1024;

  private final boolean trace;
  private final long roundTimeout;
  private final long latency;
  private final boolean parallel;
  private final KeyRing keys;
  private final Faults faults;
  private final long until;

  private Simulation(Builder b) {
    this.keys = b.keys;
    this.trace = b.trace;
    this.roundTimeout = b.roundTimeout;
    this.latency = b.latency;
    this.parallel = b.parallel;
    this.faults = b.faults;
    this.until = b.until;
  }

  /** Runs {@code scenario} under {@code protocol} with the default settings (no trace). */
  public static Outcome run(AgreementProtocol protocol, Scenario scenario) {
    return builder().build().execute(protocol, scenario);
  }

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
   * Runs {@code scenario} under {@code protocol}.
   *
   * @throws IllegalArgumentException if the run cannot be done: it would not fit in this JVM's
   *     heap, or a trace of it would be too large; or if this simulation was built with
   *     {@link Builder#faults faults} or {@link Builder#until until}, which apply to commit runs
   *     only (an agreement's faults are its traitors, whom the scenario's strategy drives)
   */
  public Outcome execute(AgreementProtocol protocol, Scenario scenario) {
    if (!faults.equals(Faults.NONE) || until > 0) {
      throw new IllegalArgumentException("faults and until apply to commit runs only; an agreement's faults are its"
          + " traitors (Scenario.traitors and strategy), got faults " + faults + (until > 0 ? ", until " + until : ""));
    }
    Environment environment = environment(scenario.seed());
    Agreement<?> agreement = protocol.create(scenario, environment);
    Guarantee guarantee = protocol.guarantee(scenario);
    checkFits(protocol.name(), scenario, agreement);
    Run<?> run = run(agreement, scenario.generals(), scenario.seed(), environment.instance());
    return run.agreementOutcome(protocol.name(), scenario, guarantee);
  }

  private <M> Run<M> run(Agreement<M> agreement, int nodes, long seed, InstanceId instance) {
    Host.Cluster<M> cluster = new Host.Cluster<>() {
      @Override
      public Codec<M> codec() {
        return agreement.codec();
      }

      @Override
      public Node<M> node(NodeId id) {
        return agreement.node(id);
      }

      @Override
      public int logicalMessages(M message) {
        return agreement.logicalMessages(message);
      }

      @Override
      public void describe(NodeId from, NodeId to, int round, M message, LogicalMessage.Sink sink) {
        agreement.describe(from, to, round, message, sink);
      }
    };
    Run<M> run = new Run<>(cluster, nodes, seed, instance, trace);
    run.execute();
    return run;
  }

  /** Runs a commit workload, every participant's resource voting as the scenario says. */
  public CommitOutcome execute(CommitProtocol protocol, CommitScenario scenario) {
    return execute(protocol, scenario, protocol.scriptedResources(scenario));
  }

  /**
   * Runs a commit workload with these resources (one per participant), under the builder's
   * faults, until every node is quiet or the builder's time limit (by default, long enough for
   * every transaction's timeouts, the crashes' downtime and many retries).
   */
  public CommitOutcome execute(CommitProtocol protocol, CommitScenario scenario, Function<NodeId, Resource> resources) {
    Environment environment = environment(scenario.seed());
    Commit<?> commit = protocol.create(scenario, environment, resources);
    return commitRun(protocol, commit, scenario, environment.instance());
  }

  private <M> CommitOutcome commitRun(CommitProtocol protocol, Commit<M> commit, CommitScenario scenario,
      InstanceId instance) {
    Host.Cluster<M> cluster = new Host.Cluster<>() {
      @Override
      public Codec<M> codec() {
        return commit.codec();
      }

      @Override
      public Node<M> node(NodeId id) {
        return commit.node(id);
      }

      @Override
      public int logicalMessages(M message) {
        return commit.logicalMessages(message);
      }

      @Override
      public void describe(NodeId from, NodeId to, int round, M message, LogicalMessage.Sink sink) {}
    };
    Run<M> run = new Run<>(cluster, scenario.nodes(), scenario.seed(), instance, false);
    run.horizon = until > 0 ? until : defaultHorizon(scenario);
    run.execute();
    Map<NodeId, List<byte[]>> logs = new TreeMap<>();
    TreeSet<NodeId> down = new TreeSet<>();
    for (int i = 0; i < scenario.nodes(); i++) {
      logs.put(NodeId.of(i), run.logs.get(i).records());
      if (!run.up[i]) {
        down.add(NodeId.of(i));
      }
    }
    return protocol.outcome(scenario, logs, down, run.messages(), run.counters(), run.events);
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
    CommitScenario.Timeouts t = s.timeouts();
    return lastStart + t.votes() + t.request() + downtime + 20 * (t.retry() + latency + faults.delay()) + 100;
  }

  private void checkFits(String protocol, Scenario scenario, Agreement<?> agreement) {
    long need = agreement.estimatedBytes();
    long max = Runtime.getRuntime().maxMemory();
    long limit = max - Math.min(HEAP_RESERVE, max / 4);
    if (need > limit) {
      throw new IllegalArgumentException(String.format(
          "%s with %d generals and m=%d sends %s messages and needs about %s of heap, but this JVM's heap is %s"
              + " (-Xmx); raise it (for ./bgp: BGP_JAVA_OPTS=-Xmx...) or run a smaller scenario",
          protocol, scenario.generals(), scenario.m(), count(agreement.expectedMessages()), bytes(need),
          bytes(max)));
    }
    if (trace && agreement.expectedMessages() > TRACE_LIMIT) {
      throw new IllegalArgumentException(String.format(
          "a trace of %,d messages is too large to record (the limit is %,d); trace a smaller scenario",
          agreement.expectedMessages(), TRACE_LIMIT));
    }
  }

  static String count(long n) {
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
   * One run: the event queue, the nodes, and what they did.
   *
   * <p>Time advances in instants. All the events of one instant are grouped by the node they
   * happen at, and each node handles its own in the order they were scheduled; the nodes are
   * independent within an instant (a frame sent now arrives at the earliest one latency later),
   * so they may run side by side. Then each node, in the order of ids, carries out its effects
   * (force, sends) through the crash gate; what it sent and the timers it set are scheduled in
   * that order, so the run is the same, event for event, on one thread or many.
   */
  private final class Run<M> implements Host.Gate {
    private final Host.Cluster<M> cluster;
    private final int n;
    private final long seed;
    private final InstanceId instance;
    private final boolean tracing;
    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private final List<Host<M>> hosts = new ArrayList<>();
    private final List<SimTransport> transports = new ArrayList<>();
    private final List<MemoryLog> logs = new ArrayList<>();
    private final boolean[] up;
    private final int[] incarnation;
    private final int[] steps;
    private final long[] sent;
    private final List<Faults.Crash> pending;
    private final List<String> events = new ArrayList<>();
    private final Map<String, Long> runtime = new TreeMap<>();
    private final List<Host<M>> retired = new ArrayList<>();
    private long now;
    private long seq;
    private long horizon = Long.MAX_VALUE;
    /** The crash the gate just decided on, for {@link #crash} to describe. */
    private Faults.Crash crashing;

    Run(Host.Cluster<M> cluster, int n, long seed, InstanceId instance, boolean tracing) {
      this.cluster = cluster;
      this.n = n;
      this.seed = seed;
      this.instance = instance;
      this.tracing = tracing;
      this.up = new boolean[n];
      this.incarnation = new int[n];
      this.steps = new int[n];
      this.sent = new long[n];
      this.pending = new ArrayList<>(faults.crashes());
      for (Faults.Crash c : pending) {
        if (c.node().index() >= n) {
          throw new IllegalArgumentException("a crash is planned for node " + c.node() + ", but the run has nodes 0.."
              + (n - 1));
        }
      }
    }

    void execute() {
      List<Runnable> starts = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        SimTransport t = new SimTransport(NodeId.of(i));
        transports.add(t);
        logs.add(new MemoryLog());
        hosts.add(new Host<>(NodeId.of(i), instance, cluster, t, () -> now, logs.get(i), tracing));
        up[i] = true;
        starts.add(hosts.get(i)::start);
      }
      runAll(starts, false);
      flush();
      while (!queue.isEmpty() && queue.peek().time <= horizon) {
        now = queue.peek().time;
        Map<Integer, List<Event>> byNode = new TreeMap<>();
        long payload = 0;
        while (!queue.isEmpty() && queue.peek().time == now) {
          Event e = queue.poll();
          byNode.computeIfAbsent(e.node, k -> new ArrayList<>()).add(e);
          payload += e.frame != null ? e.frame.size() : 0;
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
    private void handle(int node, List<Event> list) {
      for (Event e : list) {
        if (e.restart) {
          continue;
        }
        if (!up[node]) {
          count(e.frame != null ? "messages.to.down.nodes" : "timers.of.down.nodes");
          continue;
        }
        if (e.frame != null) {
          transports.get(node).deliver(e.frame);
        } else if (e.incarnation == incarnation[node]) {
          hosts.get(node).fire(e.token);
        }
      }
    }

    private void restart(int node) {
      up[node] = true;
      Host<M> fresh = new Host<>(NodeId.of(node), instance, cluster, transports.get(node), () -> now, logs.get(node),
          tracing);
      hosts.set(node, fresh);
      fresh.recover();
      events.add("t=" + now + " node " + node + " restarts from its log of " + logs.get(node).recovered().size()
          + " records");
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
        if (!up[i]) {
          continue;
        }
        Host<M> host = hosts.get(i);
        boolean lived = host.flush(this);
        for (Frame f : transports.get(i).takeOutbox()) {
          schedule(f);
        }
        if (lived) {
          for (long[] timer : host.timers()) {
            queue.add(new Event(Math.max(timer[0], now), seq++, null, i, incarnation[i], timer[1], false));
          }
        } else {
          crash(i);
        }
      }
    }

    /** Sends a frame through the network: lost, duplicated or late as the faults say. */
    private void schedule(Frame f) {
      int from = f.from().index();
      long e = Entropy.of(seed, 0x4E37, from, f.to().index(), sent[from]++);
      if (faults.loss() > 0 && uniform(e) < faults.loss()) {
        count("messages.lost");
        return;
      }
      long delay = faults.delay() > 0 ? Math.floorMod(Entropy.mix(e + 1), faults.delay() + 1) : 0;
      queue.add(new Event(now + latency + delay, seq++, f, f.to().index(), 0, 0, false));
      if (faults.duplicate() > 0 && uniform(Entropy.mix(e + 2)) < faults.duplicate()) {
        count("messages.duplicated");
        queue.add(new Event(now + latency + delay + 1, seq++, f, f.to().index(), 0, 0, false));
      }
    }

    private double uniform(long bits) {
      return (bits >>> 11) * 0x1.0p-53;
    }

    private void crash(int node) {
      Faults.Crash c = crashing;
      up[node] = false;
      incarnation[node]++;
      logs.get(node).crash();
      retired.add(hosts.get(node));
      hosts.get(node).timers(); // its timers die with it
      count("crashes");
      events.add("t=" + now + " node " + node + " crashes " + (c.after() ? "after" : "before") + " its step "
          + c.step() + (c.forGood() ? " and stays down" : "; it restarts at t=" + (now + c.downFor())));
      if (!c.forGood()) {
        queue.add(new Event(now + Math.max(1, c.downFor()), seq++, null, node, 0, 0, true));
      }
    }

    @Override
    public boolean before(NodeId node, String effect) {
      int step = ++steps[node.index()];
      return !crashesAt(node, step, false);
    }

    @Override
    public boolean after(NodeId node) {
      return !crashesAt(node, steps[node.index()], true);
    }

    private boolean crashesAt(NodeId node, int step, boolean after) {
      for (Faults.Crash c : pending) {
        if (c.node().equals(node) && c.step() == step && c.after() == after) {
          pending.remove(c);
          crashing = c;
          return true;
        }
      }
      return false;
    }

    private void count(String name) {
      synchronized (runtime) {
        runtime.merge(name, 1L, Long::sum);
      }
    }

    /** Every incarnation of every node, each once (a node that crashed for good is in both lists). */
    private List<Host<M>> everyHost() {
      List<Host<M>> all = new ArrayList<>(retired);
      for (Host<M> h : hosts) {
        if (retired.stream().noneMatch(r -> r == h)) {
          all.add(h);
        }
      }
      return all;
    }

    long messages() {
      long m = 0;
      for (Host<M> h : everyHost()) {
        m += h.messagesSent();
      }
      return m;
    }

    /** The protocol's counters and the runtime's, summed over every incarnation of every node. */
    Map<String, Long> counters() {
      Map<String, Long> all = new TreeMap<>(runtime);
      long forces = 0;
      long frames = 0;
      for (MemoryLog l : logs) {
        forces += l.forces();
      }
      for (Host<M> h : everyHost()) {
        h.counters().forEach((k, v) -> all.merge(k, v, Long::sum));
        frames += h.framesSent();
      }
      all.put("log.forces", forces);
      all.put("frames", frames);
      return all;
    }

    Outcome agreementOutcome(String protocol, Scenario scenario, Guarantee guarantee) {
      List<NodeReport> reports = new ArrayList<>();
      for (Host<M> h : hosts) {
        reports.add(h.report());
      }
      return Outcome.of(protocol, scenario, guarantee, reports);
    }

    /** A node's endpoint of the simulated network: what it sends waits in its outbox until the instant ends. */
    private final class SimTransport implements Transport {
      private final NodeId self;
      private final List<Frame> outbox = new ArrayList<>();
      private Receiver receiver;

      SimTransport(NodeId self) {
        this.self = self;
      }

      @Override
      public NodeId self() {
        return self;
      }

      @Override
      public void send(Frame frame) {
        if (!frame.from().equals(self)) {
          throw new IllegalArgumentException(self + " tried to send a frame as " + frame.from());
        }
        if (frame.to().index() >= n) {
          throw new IllegalArgumentException(self + " sent a frame to " + frame.to()
              + ", who is not in this run of " + n + " nodes");
        }
        outbox.add(frame);
      }

      List<Frame> takeOutbox() {
        List<Frame> taken = new ArrayList<>(outbox);
        outbox.clear();
        return taken;
      }

      void deliver(Frame frame) {
        if (receiver != null) {
          receiver.receive(frame);
        }
      }

      @Override
      public void onReceive(Receiver r) {
        this.receiver = r;
      }

      @Override
      public void close() {
        receiver = null;
      }
    }
  }

  /** A frame arriving, a timer firing, or a node restarting. */
  private static final class Event implements Comparable<Event> {
    final long time;
    final long seq;
    final Frame frame;
    final int node;
    final int incarnation;
    final long token;
    final boolean restart;

    Event(long time, long seq, Frame frame, int node, int incarnation, long token, boolean restart) {
      this.time = time;
      this.seq = seq;
      this.frame = frame;
      this.node = node;
      this.incarnation = incarnation;
      this.token = token;
      this.restart = restart;
    }

    @Override
    public int compareTo(Event o) {
      int c = Long.compare(time, o.time);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  /** Settings of a {@link Simulation}. */
  public static final class Builder {
    private boolean trace;
    private long roundTimeout = Environment.DEFAULT_ROUND_TIMEOUT;
    private long latency = 1;
    private boolean parallel = true;
    private KeyRing keys;
    private Faults faults = Faults.NONE;
    private long until;

    private Builder() {}

    /**
     * The cluster's keys, for protocols that sign; without them a signing protocol derives keys
     * from the scenario's seed.
     */
    public Builder keys(KeyRing keys) {
      this.keys = Objects.requireNonNull(keys, "keys");
      return this;
    }

    /**
     * Whether the nodes of one instant may run on several cores when there is enough work (the
     * default); the run is the same either way, event for event.
     */
    public Builder parallel(boolean parallel) {
      this.parallel = parallel;
      return this;
    }

    /** Records every logical message with its Lamport timestamps in {@link Outcome#trace()}. */
    public Builder trace(boolean trace) {
      this.trace = trace;
      return this;
    }

    /** The length of a round in virtual time units; {@value Environment#DEFAULT_ROUND_TIMEOUT} by default. */
    public Builder roundTimeout(long roundTimeout) {
      this.roundTimeout = roundTimeout;
      return this;
    }

    /** How long a frame takes to arrive, in virtual time units; 1 by default. */
    public Builder latency(long latency) {
      this.latency = latency;
      return this;
    }

    /** What goes wrong: lost, duplicated and late messages, crashes; {@link Faults#NONE} by default. */
    public Builder faults(Faults faults) {
      this.faults = Objects.requireNonNull(faults, "faults");
      return this;
    }

    /**
     * Stops the run at this time even if events remain (protocols that retry forever, a node
     * blocked for good); for commit runs the default is long enough for every timeout and crash.
     */
    public Builder until(long time) {
      if (time <= 0) {
        throw new IllegalArgumentException("the run must last a positive time, got " + time);
      }
      this.until = time;
      return this;
    }

    /**
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
