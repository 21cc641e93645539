package io.github.bgp.runtime;

import io.github.bgp.api.Decision;
import io.github.bgp.api.DropReason;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.LogicalMessage;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Note;
import io.github.bgp.api.Step;
import io.github.bgp.api.Verdict;
import io.github.bgp.spi.Call;
import io.github.bgp.spi.Input;
import io.github.bgp.spi.Node;
import io.github.bgp.spi.Setup;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The one node host every runtime uses: it feeds events to a protocol's {@link Node} and turns what
 * the node asked for into effects, in the order the runtime must carry them out. It is pure: no
 * thread, clock, socket or file; the runtime passes the time with each event and carries the
 * effects out through {@link Effects}. (etcd's raft calls this shape {@code RawNode} and
 * {@code Ready}.)
 *
 * <p>The driver owns what every runtime would otherwise write again: the Lamport clock (+1 per
 * local event and per send, max+1 on receipt), decoding (a frame that does not decode is dropped as
 * {@link DropReason#MALFORMED}), the effects held between events, the rule that nothing leaves
 * before the records persisted before it are forced, timer identities (a timer set again or
 * cancelled never fires), the numbering of {@link Step steps} (the points a crash can fall on), the
 * counters, the trace and the {@link NodeReport}.
 *
 * <p>Use: call one event method per event ({@link #start}, {@link #recover}, {@link #receive},
 * {@link #timer}, {@link #input}); effects accumulate, so several events can share one force
 * (group commit). When the runtime is ready to act, it takes them with {@link #ready()} and hands
 * them to {@link #carryOut}. A driver is used from one thread at a time.
 *
 * @param <M> the protocol's message type
 * @since 0.1.0
 */
public final class NodeDriver<M> {

  /**
   * How a driver is set up.
   *
   * @since 0.1.0
   */
  public static final class Options {
    private boolean tracing;
    private boolean recordSteps;
    private boolean durable;
    private int firstStep = 1;
    private Monitor monitor = Monitor.NONE;

    private Options() {}

    /**
     * The defaults: no trace, no step record, no durable log, steps from 1, no monitor.
     *
     * @return fresh options, to change with the setters
     */
    public static Options defaults() {
      return new Options();
    }

    /**
     * Record every logical message received and every note in the report; off by default, since
     * a trace grows with every message.
     *
     * @param tracing whether to trace
     * @return these options
     */
    public Options tracing(boolean tracing) {
      this.tracing = tracing;
      return this;
    }

    /**
     * Describe what each step carries (the records forced, the message sent) in the {@link Step}s
     * given to {@link Effects}; off by default, when a step's detail is {@code ""}.
     *
     * @param recordSteps whether to describe steps
     * @return these options
     */
    public Options recordSteps(boolean recordSteps) {
      this.recordSteps = recordSteps;
      return this;
    }

    /**
     * Whether the node has a durable log: without one, {@code persist} is refused. Off by default.
     *
     * @param durable whether the runtime keeps a durable log for the node
     * @return these options
     */
    public Options durable(boolean durable) {
      this.durable = durable;
      return this;
    }

    /**
     * The number of this incarnation's first step: a restarted node goes on from its last
     * ({@link #lastStep()} + 1). 1 by default.
     *
     * @param firstStep at least 1
     * @return these options
     * @throws IllegalArgumentException if {@code firstStep} is less than 1
     */
    public Options firstStep(int firstStep) {
      if (firstStep < 1) {
        throw new IllegalArgumentException("steps are numbered from 1, got " + firstStep);
      }
      this.firstStep = firstStep;
      return this;
    }

    /**
     * Who hears of drops and counts as they happen (a runtime's metrics); {@link Monitor#NONE} by
     * default.
     *
     * @param monitor the listener, called on the driver's thread
     * @return these options
     * @throws NullPointerException if {@code monitor} is null
     */
    public Options monitor(Monitor monitor) {
      this.monitor = Objects.requireNonNull(monitor, "monitor");
      return this;
    }
  }

  /**
   * Hears, as they happen, of what a node drops and counts: a runtime's metrics.
   *
   * @since 0.1.0
   */
  public interface Monitor {
    /** Nobody listens. */
    Monitor NONE = new Monitor() {};

    /**
     * A frame from {@code from} for {@code round} was dropped.
     *
     * @param from the frame's sender
     * @param round the round it named
     * @param reason why it was dropped
     */
    default void dropped(NodeId from, int round, DropReason reason) {}

    /**
     * The node counted {@code delta} more of {@code name}.
     *
     * @param name the protocol's counter, such as {@code signatures.verified}
     * @param delta what was added
     */
    default void counted(String name, long delta) {}

    /**
     * A frame carrying {@code logical} logical messages was received (before the node judges it).
     *
     * @param logical the number of logical messages in it
     */
    default void received(int logical) {}
  }

  /**
   * The effects a node asked for since the last {@link #ready()}, in the order they must happen.
   *
   * @param <M> the protocol's message type
   * @since 0.1.0
   */
  public static final class Ready<M> {
    // Each list is made at its first element: most events ask for a frame or two and nothing else.
    private List<byte[]> records = List.of();
    private List<Outgoing<M>> messages = List.of();
    private List<long[]> timers = List.of();
    private List<Long> cancelled = List.of();
    private List<Call> calls = List.of();
    private SortedMap<Long, Verdict> outcomes = EMPTY_OUTCOMES;
    private Decision decision;
    private boolean done;

    private Ready() {}

    /**
     * The records to force, in the order they were persisted.
     *
     * @return the driver's own list, not a copy: read it, do not change it
     */
    public List<byte[]> records() {
      return records;
    }

    /**
     * The messages to send, in the order they were sent.
     *
     * @return the driver's own list, not a copy: read it, do not change it
     */
    public List<Outgoing<M>> messages() {
      return messages;
    }

    /**
     * Whether there is nothing to do: no record, message, timer, call, decision, outcome or done.
     *
     * @return {@code true} if carrying it out would do nothing
     */
    public boolean isEmpty() {
      return records.isEmpty() && messages.isEmpty() && timers.isEmpty() && cancelled.isEmpty() && calls.isEmpty()
          && outcomes.isEmpty() && decision == null && !done;
    }

    private void record(byte[] record) {
      if (records.isEmpty()) {
        records = new ArrayList<>(4);
      }
      records.add(record);
    }

    private void message(Outgoing<M> m) {
      if (messages.isEmpty()) {
        messages = new ArrayList<>(4);
      }
      messages.add(m);
    }

    private void timer(long[] t) {
      if (timers.isEmpty()) {
        timers = new ArrayList<>(2);
      }
      timers.add(t);
    }

    private void cancelled(long timer) {
      if (cancelled.isEmpty()) {
        cancelled = new ArrayList<>(2);
      }
      cancelled.add(timer);
    }

    private void call(Call c) {
      if (calls.isEmpty()) {
        calls = new ArrayList<>(2);
      }
      calls.add(c);
    }

    private void outcome(long txn, Verdict v) {
      if (outcomes.isEmpty()) {
        outcomes = new TreeMap<>();
      }
      outcomes.put(txn, v);
    }
  }

  /** What a {@link Ready} holds until its first outcome: empty, and never added to. */
  private static final SortedMap<Long, Verdict> EMPTY_OUTCOMES = java.util.Collections.emptySortedMap();

  private final NodeId self;
  private final InstanceId instance;
  private final Setup<M> setup;
  private final Node<M> node;
  private final Options options;
  private final Context context = new Context();
  private Ready<M> ready = new Ready<>();

  private final Map<Long, Long> timerOfToken = new HashMap<>();
  private final Map<Long, Long> tokenOfTimer = new HashMap<>();
  private long nextTimer;

  private final Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);
  private final SortedMap<String, Long> counters = new TreeMap<>();
  private final SortedMap<Long, Verdict> outcomes = new TreeMap<>();
  private final SortedMap<Long, Verdict> asked = new TreeMap<>();
  private final List<LogicalMessage> trace = new ArrayList<>();
  private final List<Note> notes = new ArrayList<>();
  private long now;
  private long lamport;
  private Decision decision;
  private Decision released;
  private boolean started;
  private boolean doneAsked;
  private boolean done;
  private int step;
  private long messagesSent;
  private long framesSent;
  private long bytesSent;
  private long messagesReceived;
  private int lastRound;

  /**
   * A driver for node {@code self} of instance {@code instance}, running the node {@code setup}
   * makes for it.
   *
   * @param self the node this driver hosts
   * @param instance the instance it runs; frames of other instances are refused
   * @param setup the protocol set up for the instance; its {@code node(self)} is called once, now
   * @param options how the driver is set up
   * @throws NullPointerException if an argument is null, or the setup makes no node
   * @throws IllegalArgumentException if {@code self} is not a node of the instance
   */
  public NodeDriver(NodeId self, InstanceId instance, Setup<M> setup, Options options) {
    this.self = Objects.requireNonNull(self, "self");
    this.instance = Objects.requireNonNull(instance, "instance");
    this.setup = Objects.requireNonNull(setup, "setup");
    this.options = Objects.requireNonNull(options, "options");
    this.node = Objects.requireNonNull(setup.node(self), "the node setup made for " + self);
    this.step = options.firstStep - 1;
  }

  /**
   * This node.
   *
   * @return the id of the node this driver hosts
   */
  public NodeId self() {
    return self;
  }

  /**
   * The instance it runs.
   *
   * @return its id
   */
  public InstanceId instance() {
    return instance;
  }

  /**
   * The instance starts with an empty log. Call it, or {@link #recover}, once, before any other event.
   *
   * @param now the runtime's clock, in its units
   * @throws IllegalStateException if the node has started already
   */
  public void start(long now) {
    begin(now);
    lamport++;
    node.start(context);
  }

  /**
   * The node restarts from {@code records}, what its durable log holds (an empty log starts it
   * afresh). Instead of {@link #start}, once.
   *
   * @param records the records forced before the crash, oldest first (copied)
   * @param now the runtime's clock, in its units
   * @throws IllegalStateException if the node has started already, or it persisted records and
   *     does not say how to recover
   */
  public void recover(List<byte[]> records, long now) {
    begin(now);
    lamport++;
    node.recover(List.copyOf(records), context);
  }

  private void begin(long at) {
    if (started) {
      throw new IllegalStateException("node " + self + " of instance " + instance + " has started already");
    }
    started = true;
    now = at;
  }

  /**
   * A frame arrived from the network: decoded with the protocol's codec (a frame that does not
   * decode is dropped as {@link DropReason#MALFORMED}), then handed to the node.
   *
   * @param frame the frame, its sender authenticated by the runtime
   * @param at the runtime's clock when it arrived
   * @throws IllegalStateException if the node has not started
   * @throws IllegalArgumentException if the frame is not for this node and instance
   */
  public void receive(Frame frame, long at) {
    if (!frame.to().equals(self) || !frame.instance().equals(instance)) {
      throw new IllegalArgumentException("frame for node " + frame.to() + " of instance " + frame.instance()
          + " given to node " + self + " of instance " + instance);
    }
    checkStarted();
    now = at;
    lamport = Math.max(lamport, frame.lamport()) + 1;
    M message;
    try {
      message = setup.codec().decode(frame.payload());
    } catch (IllegalArgumentException malformed) {
      context.drop(frame.from(), frame.round(), DropReason.MALFORMED);
      return;
    }
    deliver(frame.from(), frame.round(), frame.lamport(), message);
  }

  /**
   * A message arrived as it was sent, without passing through the codec (a simulation's shortcut).
   *
   * @param message the message another driver produced
   * @param at the runtime's clock when it arrived
   * @throws IllegalArgumentException if the message is not for this node and instance
   * @throws IllegalStateException if the node has not started
   */
  public void receive(Outgoing<M> message, long at) {
    if (!message.to().equals(self) || !message.instance().equals(instance)) {
      throw new IllegalArgumentException("message for node " + message.to() + " given to node " + self);
    }
    checkStarted();
    now = at;
    lamport = Math.max(lamport, message.lamport()) + 1;
    deliver(message.from(), message.round(), message.lamport(), message.message());
  }

  private void deliver(NodeId from, int round, long sentAt, M message) {
    int logical = setup.logicalMessages(message);
    messagesReceived += logical;
    options.monitor.received(logical);
    if (done) {
      context.drop(from, round, DropReason.LATE);
      return;
    }
    if (options.tracing) {
      long receivedAt = lamport;
      int before = trace.size();
      setup.describe(from, self, round, message, (level, value, path, others) ->
          trace.add(new LogicalMessage(sentAt, receivedAt, from, self, round, level, value, path, others)));
      if (trace.size() == before) {
        context.note("message", Map.of("from", from.toString(), "round", Integer.toString(round), "what",
            setup.describe(message)));
      }
    }
    node.receive(from, round, message, context);
  }

  /**
   * A timer this driver asked for ({@link Effects#schedule}) fired; one set again or cancelled,
   * or one that fires after the node is done, is ignored.
   *
   * @param timer the driver's timer id, as given to {@link Effects#schedule}
   * @param at the runtime's clock when it fired
   * @throws IllegalStateException if the node has not started
   */
  public void timer(long timer, long at) {
    checkStarted();
    Long token = tokenOfTimer.remove(timer);
    if (token == null || done) {
      return;
    }
    timerOfToken.remove(token);
    now = at;
    lamport++;
    if (options.tracing) {
      context.note("timer", Map.of("timer", setup.describeTimer(token)));
    }
    node.timer(token, context);
  }

  /**
   * The node's application gives it {@code input}.
   *
   * @param input what the application gives
   * @param at the runtime's clock
   * @throws IllegalArgumentException if the node takes no such input (nothing it asked for before
   *     this call is lost)
   * @throws IllegalStateException if the node has not started or is done
   */
  public void input(Input input, long at) {
    Objects.requireNonNull(input, "input");
    checkStarted();
    if (done) {
      throw new IllegalStateException("node " + self + " of instance " + instance + " is done; it takes no more input");
    }
    now = at;
    lamport++;
    node.input(input, context);
  }

  private void checkStarted() {
    if (!started) {
      throw new IllegalStateException("node " + self + " of instance " + instance + " has not started");
    }
  }

  /**
   * Whether the node asked for anything since the last {@link #ready()}.
   *
   * @return {@code true} if {@link #ready()} would return something to carry out
   */
  public boolean hasReady() {
    return !ready.isEmpty();
  }

  /**
   * Takes what the node asked for since the last call; the next events fill a new one.
   *
   * @return the effects, to hand to {@link #carryOut}
   */
  public Ready<M> ready() {
    Ready<M> taken = ready;
    ready = new Ready<>();
    return taken;
  }

  /**
   * Carries out {@code r} through {@code effects}, in the required order: the records forced (one
   * step), each message sent (one step each), then timers, calls, the decision and outcomes, and
   * done. A step the runtime crashes the node at (before or after) ends it: nothing after it is
   * carried out.
   *
   * @param r effects taken with {@link #ready()}
   * @param effects how the runtime carries them out
   * @param at the runtime's clock, for the steps' record
   * @return false if the node crashed on the way
   */
  public boolean carryOut(Ready<M> r, Effects<M> effects, long at) {
    if (!r.records.isEmpty()) {
      Step s = step(Step.Kind.FORCE, at, () -> describeRecords(r.records));
      if (!effects.before(s)) {
        return false;
      }
      effects.force(r.records);
      counters.merge("log.forces", 1L, Long::sum);
      if (!effects.after(s)) {
        return false;
      }
    }
    List<Outgoing<M>> messages = r.messages;
    for (int i = 0; i < messages.size(); i++) {
      Outgoing<M> m = messages.get(i);
      Step s = new Step(self, ++step, Step.Kind.SEND, at, options.recordSteps ? setup.describe(m.message()) + " to "
          + m.to() : ""); // no description, nor a lambda for one, per frame unless asked for
      if (!effects.before(s)) {
        return false;
      }
      effects.send(m);
      messagesSent += m.logicalMessages();
      framesSent++;
      bytesSent += m.size();
      lastRound = Math.max(lastRound, m.round());
      if (!effects.after(s)) {
        return false;
      }
    }
    for (int i = 0; i < r.cancelled.size(); i++) {
      effects.cancel(r.cancelled.get(i));
    }
    for (int i = 0; i < r.timers.size(); i++) {
      long[] t = r.timers.get(i);
      if (tokenOfTimer.containsKey(t[0])) { // not cancelled or set again since
        effects.schedule(t[0], t[1]);
      }
    }
    for (int i = 0; i < r.calls.size(); i++) {
      effects.call(r.calls.get(i));
    }
    if (r.decision != null) {
      released = r.decision;
      effects.decided(r.decision);
    }
    if (!r.outcomes.isEmpty()) {
      r.outcomes.forEach((txn, v) -> {
        outcomes.put(txn, v);
        effects.outcome(txn, v);
      });
    }
    if (r.done) {
      effects.done();
    }
    return true;
  }

  private Step step(Step.Kind kind, long at, java.util.function.Supplier<String> detail) {
    return new Step(self, ++step, kind, at, options.recordSteps ? detail.get() : "");
  }

  private String describeRecords(List<byte[]> records) {
    List<String> each = new ArrayList<>();
    for (byte[] record : records) {
      each.add(setup.describeRecord(record));
    }
    return String.join("; ", each);
  }

  /**
   * Whether the node said it is done: it takes no more events (frames are then late).
   *
   * @return {@code true} once the node asked for {@code done}
   */
  public boolean isDone() {
    return done;
  }

  /**
   * The number of the last step carried out, for the next incarnation's {@link Options#firstStep}.
   *
   * @return the step's number, or this incarnation's first step minus 1 if none was carried out
   */
  public int lastStep() {
    return step;
  }

  /**
   * The decision the node made, released or not (a decision is released once the records
   * persisted before it are forced; {@link #report()} holds only a released one).
   *
   * @return the decision, or empty if the node has not decided
   */
  public Optional<Decision> decision() {
    return Optional.ofNullable(decision);
  }

  /**
   * What this node did so far: its released decision and outcomes, messages, drops, counters, trace.
   *
   * @return a snapshot, immutable
   */
  public NodeReport report() {
    return new NodeReport(self, Optional.ofNullable(released), outcomes, messagesSent, framesSent, bytesSent,
        messagesReceived, lastRound, dropped, counters, trace, notes);
  }

  /**
   * The counters so far: the protocol's and the driver's own ({@code log.forces}).
   *
   * @return an unmodifiable view, which changes as the node counts; read it on the driver's thread
   */
  public SortedMap<String, Long> counters() {
    return java.util.Collections.unmodifiableSortedMap(counters);
  }

  private final class Context implements Node.Context<M> {

    @Override
    public NodeId self() {
      return self;
    }

    @Override
    public long now() {
      return now;
    }

    @Override
    public void send(NodeId to, int round, M message) {
      Objects.requireNonNull(to, "to");
      if (to.equals(self)) {
        throw new IllegalStateException(self + " sent a message to itself in round " + round);
      }
      if (round < 0) {
        throw new IllegalArgumentException(self + " sent a message in round " + round + "; rounds are non-negative");
      }
      ready.message(new Outgoing<>(instance, round, self, to, ++lamport, message, setup.logicalMessages(message),
          setup.codec()));
    }

    @Override
    public void setTimer(long at, long token) {
      Long previous = timerOfToken.remove(token);
      if (previous != null) {
        tokenOfTimer.remove(previous);
        ready.cancelled(previous);
      }
      long timer = nextTimer++;
      timerOfToken.put(token, timer);
      tokenOfTimer.put(timer, token);
      ready.timer(new long[] {timer, Math.max(at, now)});
    }

    @Override
    public void cancelTimer(long token) {
      Long timer = timerOfToken.remove(token);
      if (timer != null) {
        tokenOfTimer.remove(timer);
        ready.cancelled(timer);
      }
    }

    @Override
    public void decide(Decision d) {
      Objects.requireNonNull(d, "decision");
      if (decision != null && !decision.value().equals(d.value())) {
        throw new IllegalStateException(self + " decided " + d.value() + " after having decided " + decision.value());
      }
      if (decision == null) {
        ready.decision = d;
      }
      decision = d;
    }

    @Override
    public void outcome(long txn, Verdict verdict) {
      Objects.requireNonNull(verdict, "verdict");
      Verdict before = asked.putIfAbsent(txn, verdict);
      if (before != null && before != verdict) {
        throw new IllegalStateException(self + " recorded " + verdict + " for txn " + txn + " after " + before);
      }
      if (before == null) {
        ready.outcome(txn, verdict);
      }
    }

    @Override
    public void call(Call call) {
      ready.call(Objects.requireNonNull(call, "call"));
    }

    @Override
    public void done() {
      if (!doneAsked) {
        doneAsked = true;
        done = true;
        ready.done = true;
        for (Long timer : tokenOfTimer.keySet()) {
          ready.cancelled(timer);
        }
        tokenOfTimer.clear();
        timerOfToken.clear();
      }
    }

    @Override
    public void drop(NodeId from, int round, DropReason reason) {
      dropped.merge(reason, 1L, Long::sum);
      options.monitor.dropped(from, round, reason);
    }

    @Override
    public void persist(byte[] record) {
      if (!options.durable) {
        throw new UnsupportedOperationException("node " + self + " of instance " + instance + " has no durable log");
      }
      ready.record(record.clone());
    }

    @Override
    public void count(String name, long delta) {
      counters.merge(name, delta, Long::sum);
      options.monitor.counted(name, delta);
    }

    @Override
    public boolean tracing() {
      return options.tracing;
    }

    @Override
    public void note(String kind, Map<String, String> fields) {
      if (options.tracing) {
        notes.add(Note.of(self, now, lamport, kind, fields));
      }
    }
  }
}
