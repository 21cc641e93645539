package io.github.bgp.net;

import io.github.bgp.api.Agreement;
import io.github.bgp.api.Codec;
import io.github.bgp.api.Commit;
import io.github.bgp.api.Decision;
import io.github.bgp.api.DropReason;
import io.github.bgp.api.DurableLog;
import io.github.bgp.api.Frame;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.Node;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.NodeReport;
import io.github.bgp.api.Rounds;
import io.github.bgp.api.Transport;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * One node of a cluster, live: drives protocol instances over a {@link Transport} on the wall
 * clock. It is the real-time counterpart of the simulator, with the same contract towards
 * protocols: one thread calls every node, in the order events happen; an instance's clock
 * ({@link Node.Context#now}) counts milliseconds from the instance's start epoch, which every node
 * of the cluster shares, so round deadlines (A3) fall at the same moments everywhere.
 *
 * <p>Many instances run at once, multiplexed over the transport by instance id. Frames that
 * arrive before their instance starts here wait for it; frames for an instance this node does
 * not run are dropped ({@link DropReason#UNKNOWN_INSTANCE}), and frames for one it has finished
 * are late ({@link DropReason#LATE}).
 *
 * <p><b>Group commit.</b> What instances persist, and the frames they send after it, are held
 * until the events already queued have been handled; then each log with new records is forced
 * once and the held frames leave. Many transactions' records thus share one force, and no frame
 * leaves before the records logged before it are durable.
 */
public final class LiveNode implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger("io.github.bgp.net");
  /** How many frames an instance keeps for before it starts. */
  private static final int EARLY_LIMIT = 1 << 16;
  /** How many finished instances a node remembers, to call their stragglers late. */
  private static final int RETIRED_LIMIT = 1 << 16;

  private final Transport transport;
  private final NodeMetrics metrics;
  private final NodeId self;
  private final ScheduledThreadPoolExecutor loop;
  private final Map<InstanceId, Run<?>> runs = new HashMap<>();
  private final LinkedHashSet<InstanceId> retired = new LinkedHashSet<>();
  private final List<Run<?>> dirty = new ArrayList<>();
  private boolean flushPending;
  private volatile Thread loopThread;

  /** Drives instances as node {@code transport.self()}, counting into {@code metrics}. */
  public LiveNode(Transport transport, NodeMetrics metrics) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.self = transport.self();
    this.loop = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "bgp-node-" + self);
      t.setDaemon(true);
      loopThread = t;
      return t;
    });
    loop.setRemoveOnCancelPolicy(true);
    transport.onReceive(frame -> {
      try {
        loop.execute(() -> deliver(frame));
      } catch (RejectedExecutionException closed) {
        // the node has closed; its transport is closing too
      }
    });
  }

  /** This node. */
  public NodeId self() {
    return self;
  }

  /** This node's metrics. */
  public NodeMetrics metrics() {
    return metrics;
  }

  /**
   * Runs this node's part of an agreement instance, starting at {@code epochMillis} (wall clock,
   * milliseconds since 1970; a past epoch starts it at once, its clock already running). The
   * instance finishes when its node has no timer left: after its last round.
   */
  public <M> Instance agreement(InstanceId id, Agreement<M> agreement, long epochMillis) {
    Instance i = agreement(id, agreement);
    i.start(epochMillis);
    return i;
  }

  /**
   * Registers this node's part of an agreement instance, to be {@link Instance#start started}
   * later: frames for it that arrive meanwhile wait for it, rather than being dropped as frames
   * for an unknown instance.
   */
  public <M> Instance agreement(InstanceId id, Agreement<M> agreement) {
    return register(id, agreement.codec(), agreement.node(self), agreement::logicalMessages, null, true);
  }

  /**
   * Runs this node's part of a commit instance from {@code epochMillis}, persisting to {@code log}:
   * if the log holds records, the node {@link Node#recover recovers} from them instead of
   * starting. A commit instance runs until this node closes (a coordinator must answer a
   * participant that asks for an outcome, however late).
   */
  public <M> Instance commit(InstanceId id, Commit<M> commit, long epochMillis, DurableLog log) {
    Instance i = commit(id, commit, log);
    i.start(epochMillis);
    return i;
  }

  /** Registers this node's part of a commit instance, to be {@link Instance#start started} later. */
  public <M> Instance commit(InstanceId id, Commit<M> commit, DurableLog log) {
    return register(id, commit.codec(), commit.node(self), commit::logicalMessages, Objects.requireNonNull(log, "log"),
        false);
  }

  private <M> Instance register(InstanceId id, Codec<M> codec, Node<M> node, ToIntFunction<M> logical,
      DurableLog log, boolean finishWhenIdle) {
    Run<M> run = new Run<>(id, codec, node, logical, log, finishWhenIdle);
    CompletableFuture<Void> registered = new CompletableFuture<>();
    loop.execute(() -> {
      if (runs.containsKey(id) || retired.contains(id)) {
        registered.completeExceptionally(new IllegalArgumentException("instance " + id + " already runs on " + self));
        return;
      }
      runs.put(id, run);
      metrics.started();
      registered.complete(null);
    });
    try {
      registered.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw (IllegalArgumentException) e.getCause();
    }
    return run;
  }

  /** Stops every instance (unfinished ones complete with what they have) and closes the transport. */
  @Override
  public void close() {
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    try {
      loop.execute(() -> {
        flush();
        for (Run<?> r : new ArrayList<>(runs.values())) {
          r.finish();
        }
        stopped.complete(null);
      });
      stopped.get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, "node " + self + " did not stop cleanly: " + e);
    }
    loop.shutdownNow();
    transport.close();
  }

  private void deliver(Frame frame) {
    Run<?> run = runs.get(frame.instance());
    if (run != null) {
      run.receive(frame);
    } else if (retired.contains(frame.instance())) {
      metrics.dropped(DropReason.LATE, "node " + frame.from(), "instance " + frame.instance() + " has finished here");
    } else {
      metrics.dropped(DropReason.UNKNOWN_INSTANCE, "node " + frame.from(), "instance " + frame.instance());
    }
  }

  private void markDirty(Run<?> run) {
    if (!run.dirty) {
      run.dirty = true;
      dirty.add(run);
    }
    if (!flushPending) {
      flushPending = true;
      loop.execute(this::flush); // after the events already queued: their records share one force
    }
  }

  /** Forces every log with new records, once each, then sends the frames held behind them. */
  private void flush() {
    flushPending = false;
    List<Run<?>> now = new ArrayList<>(dirty);
    dirty.clear();
    for (Run<?> r : now) {
      r.dirty = false;
      try {
        r.forceLog();
      } catch (RuntimeException failed) { // the log cannot make the records durable: nothing held may leave
        r.fail("its log failed", failed);
      }
    }
    for (Run<?> r : now) {
      try {
        r.sendHeld();
      } catch (RuntimeException failed) { // the transport is closed, or refused a frame
        r.fail("its transport refused a frame", failed);
      }
    }
  }

  private void retire(Run<?> run) {
    runs.remove(run.id);
    retired.add(run.id);
    if (retired.size() > RETIRED_LIMIT) {
      retired.remove(retired.iterator().next());
    }
  }

  /** One protocol instance on this node, as its caller sees it. */
  public interface Instance {
    InstanceId id();

    /**
     * Starts the instance at {@code epochMillis} (wall clock, milliseconds since 1970), which every
     * node of the instance must be given alike: its clock, and so its round deadlines, count from
     * there. A past epoch starts it at once, its clock already running.
     *
     * @throws IllegalStateException if it was started already
     */
    void start(long epochMillis);

    /** Completes when this node decides. */
    CompletableFuture<Decision> decision();

    /** Completes when the instance finishes here (or the node closes), with what this node did. */
    CompletableFuture<NodeReport> finished();

    /** What this node has done in the instance so far (thread-safe, a snapshot). */
    NodeReport report();
  }

  /** An instance's state on this node; touched only by the node's thread. */
  private final class Run<M> implements Instance, Node.Context<M> {
    private final InstanceId id;
    private final Codec<M> codec;
    private final Node<M> node;
    private final ToIntFunction<M> logical;
    private final DurableLog log;
    private final boolean finishWhenIdle;
    private final java.util.concurrent.atomic.AtomicBoolean scheduled = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile long originNanos;
    private final CompletableFuture<Decision> decided = new CompletableFuture<>();
    private final CompletableFuture<NodeReport> finished = new CompletableFuture<>();
    private final ArrayDeque<Frame> early = new ArrayDeque<>();
    private final List<Frame> held = new ArrayList<>();
    private final List<Integer> heldMessages = new ArrayList<>();
    private final Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);
    private final SortedMap<String, Long> counters = new TreeMap<>();
    private boolean started;
    private boolean finishing;
    private boolean dirty;
    private boolean logDirty;
    private int timers;
    private long lamport;
    private volatile Decision decision;
    private long messagesSent;
    private long framesSent;
    private long bytesSent;
    private long messagesReceived;
    private int lastRound;

    Run(InstanceId id, Codec<M> codec, Node<M> node, ToIntFunction<M> logical, DurableLog log,
        boolean finishWhenIdle) {
      this.id = id;
      this.codec = codec;
      this.node = node;
      this.logical = logical;
      this.log = log;
      this.finishWhenIdle = finishWhenIdle;
    }

    @Override
    public void start(long epochMillis) {
      if (!scheduled.compareAndSet(false, true)) {
        throw new IllegalStateException("instance " + id + " was started already");
      }
      originNanos = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis() - epochMillis);
      loop.schedule(this::begin, Math.max(0, epochMillis - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
    }

    void begin() {
      if (runs.get(id) != this) {
        return; // the node closed first
      }
      started = true;
      event(() -> {
        lamport++;
        List<byte[]> records = log == null ? List.of() : log.recovered();
        if (records.isEmpty()) {
          node.start(this);
        } else {
          node.recover(records, this);
        }
      });
      while (!early.isEmpty() && runs.get(id) == this) {
        receive(early.poll());
      }
    }

    void receive(Frame frame) {
      if (!started) {
        if (early.size() < EARLY_LIMIT) {
          early.add(frame);
        } else {
          drop(frame.from(), frame.round(), DropReason.UNKNOWN_INSTANCE);
        }
        return;
      }
      lamport = Math.max(lamport, frame.lamport()) + 1;
      M message;
      try {
        message = codec.decode(frame.payload());
      } catch (IllegalArgumentException malformed) {
        drop(frame.from(), frame.round(), DropReason.MALFORMED);
        return;
      }
      int n = logical.applyAsInt(message);
      messagesReceived += n;
      metrics.messagesIn(n);
      event(() -> node.receive(frame.from(), frame.round(), message, this));
    }

    private void fire(long token) {
      timers--;
      if (runs.get(id) == this) {
        event(() -> {
          lamport++;
          node.timer(token, this);
        });
      }
    }

    /** Runs one event of the state machine; a node that throws is stopped, not the whole node. */
    private void event(Runnable e) {
      try {
        e.run();
      } catch (RuntimeException bug) {
        fail("it threw", bug);
        return;
      }
      if (finishWhenIdle && timers == 0 && !finishing) {
        finishing = true;
        loop.execute(() -> { // after the flush that sends what this event held
          finishing = false;
          if (timers == 0) {
            finish();
          }
        });
      }
    }

    /** Stops this instance on this node (not the node): nothing it held leaves, its futures fail. */
    void fail(String why, RuntimeException cause) {
      LOG.log(System.Logger.Level.ERROR, "node " + self + " stopped instance " + id + " (" + why + "): " + cause, cause);
      held.clear();
      heldMessages.clear();
      finished.completeExceptionally(cause);
      decided.completeExceptionally(cause);
      if (runs.get(id) == this) {
        retire(this);
      }
    }

    void finish() {
      if (finished.isDone()) {
        return;
      }
      if (runs.get(id) == this) {
        retire(this);
      }
      if (!decided.isDone()) {
        decided.cancel(false);
      }
      finished.complete(report());
    }

    void forceLog() {
      if (logDirty) {
        log.force();
        logDirty = false;
        counters.merge("log.forces", 1L, Long::sum);
        metrics.count("log.forces", 1);
      }
    }

    void sendHeld() {
      for (int i = 0; i < held.size(); i++) {
        Frame f = held.get(i);
        transport.send(f);
        messagesSent += heldMessages.get(i);
        metrics.messagesOut(heldMessages.get(i));
        framesSent++;
        bytesSent += f.size();
        lastRound = Math.max(lastRound, f.round());
      }
      held.clear();
      heldMessages.clear();
    }

    @Override
    public InstanceId id() {
      return id;
    }

    @Override
    public CompletableFuture<Decision> decision() {
      return decided;
    }

    @Override
    public CompletableFuture<NodeReport> finished() {
      return finished;
    }

    @Override
    public NodeReport report() {
      if (Thread.currentThread() == loopThread) {
        return snapshot();
      }
      return CompletableFuture.supplyAsync(this::snapshot, loop).join();
    }

    private NodeReport snapshot() {
      return new NodeReport(self, Optional.ofNullable(decision), messagesSent, framesSent, bytesSent, messagesReceived,
          lastRound, dropped, counters, List.of());
    }

    @Override
    public NodeId self() {
      return self;
    }

    @Override
    public long now() {
      return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - originNanos);
    }

    @Override
    public void send(NodeId to, int round, M message) {
      if (to.equals(self)) {
        throw new IllegalStateException(self + " sent a message to itself in round " + round);
      }
      held.add(new Frame(id, round, self, to, ++lamport, ByteBuffer.wrap(codec.encode(message))));
      heldMessages.add(logical.applyAsInt(message));
      markDirty(this);
    }

    @Override
    public void setTimer(long at, long token) {
      timers++;
      loop.schedule(() -> fire(token), Math.max(0, at - now()), TimeUnit.MILLISECONDS);
    }

    @Override
    public void decide(Decision d) {
      if (decision != null && !decision.value().equals(d.value())) {
        throw new IllegalStateException(self + " decided " + d.value() + " after having decided " + decision.value());
      }
      if (decision == null) {
        metrics.decided(d.value().toString());
      }
      decision = d;
      decided.complete(d);
    }

    @Override
    public void drop(NodeId from, int round, DropReason reason) {
      dropped.merge(reason, 1L, Long::sum);
      metrics.dropped(reason, "node " + from, "instance " + id + ", round " + round);
    }

    @Override
    public void count(String name, long delta) {
      counters.merge(name, delta, Long::sum);
      if (name.equals(Rounds.DEADLINE_MISSES)) {
        metrics.deadlineMisses(delta);
      } else {
        metrics.count(name, delta);
      }
    }

    @Override
    public void persist(byte[] record) {
      if (log == null) {
        throw new UnsupportedOperationException("instance " + id + " has no durable log");
      }
      log.append(record);
      logDirty = true;
      markDirty(this);
    }
  }
}
