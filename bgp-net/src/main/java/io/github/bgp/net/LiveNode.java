package io.github.bgp.net;

import io.github.bgp.api.Decision;
import io.github.bgp.api.DropReason;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Resource;
import io.github.bgp.api.Verdict;
import io.github.bgp.runtime.Calls;
import io.github.bgp.runtime.DurableLog;
import io.github.bgp.runtime.Effects;
import io.github.bgp.runtime.Frame;
import io.github.bgp.runtime.NodeDriver;
import io.github.bgp.runtime.NodeReport;
import io.github.bgp.runtime.Outgoing;
import io.github.bgp.runtime.Transport;
import io.github.bgp.spi.Call;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Input;
import io.github.bgp.spi.Rounds;
import io.github.bgp.spi.Setup;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One node of a cluster, live: drives protocol instances over a {@link Transport} on the wall
 * clock, each through the same {@link NodeDriver} the simulator uses. One thread calls every
 * driver, in the order events happen; an instance's clock counts milliseconds from the instance's
 * start epoch, which the application gives every node alike (its schedule), so round deadlines
 * (A3) fall at the same moments everywhere.
 *
 * <p>Many instances run at once, multiplexed over the transport by instance id. Instances are
 * registered, then started; frames that arrive for a registered instance before it starts wait for
 * it (at most {@value #EARLY_FRAMES_PER_SENDER} frames and 16 MiB from each sender, over every
 * instance); frames for an instance this node does not run are dropped
 * ({@link DropReason#UNKNOWN_INSTANCE}), and frames for one it has finished are late
 * ({@link DropReason#LATE}). Every frame the transport delivered is reported
 * {@link Transport#consumed consumed} once it has been handled or dropped (a frame that waits for
 * its instance's start, once it starts), which is what lets a transport push back on a sender
 * that floods.
 *
 * <p><b>Group commit.</b> What an instance asks for is held until the events already queued have
 * been handled; then its driver carries it out: its log forced once for all the records, then the
 * frames sent, then timers, resource calls, decisions. Many transactions' records thus share one
 * force, and nothing leaves before the records logged before it are durable.
 *
 * <p><b>Resources.</b> A commit instance's resource is called off the node's thread, on a small
 * pool of {@link #resourceThreads()} threads (its user's choice, {@value #DEFAULT_RESOURCE_THREADS} by default):
 * calls about one transaction one at a time, in order; the answers come back as events.
 *
 * @since 0.1.0
 */
public final class LiveNode implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger("io.github.bgp.net");
  /** How many frames the node keeps from one sender for instances that have not started. */
  static final int EARLY_FRAMES_PER_SENDER = 1 << 16;
  /** How many payload bytes the node keeps from one sender for instances that have not started. */
  static final long EARLY_BYTES_PER_SENDER = 16L << 20;
  /** How many finished instances a node remembers, to call their stragglers late. */
  private static final int RETIRED_LIMIT = 1 << 16;
  /** Threads that carry out resource calls unless the node's user says how many. */
  public static final int DEFAULT_RESOURCE_THREADS = 4;
  /** The most resource threads a node takes: more is a mistake, not a pool. */
  public static final int MAX_RESOURCE_THREADS = 1024;
  /** The most frames one turn of the node's thread delivers before it lets other work run. */
  static final int INBOX_BATCH = 4096;

  private final Transport transport;
  private final NodeMetrics metrics;
  private final NodeId self;
  private final String cluster;
  private final ScheduledThreadPoolExecutor loop;
  /** The instances registered and not finished: read by the node's thread, changed under {@link #registry}. */
  private final Map<InstanceId, Run<?>> runs = new ConcurrentHashMap<>();
  /** The finished instances remembered, under {@link #registry}. */
  private final LinkedHashSet<InstanceId> retired = new LinkedHashSet<>();
  private final Object registry = new Object();
  /** Frames the transport delivered that this node's thread has not yet taken, from any thread. */
  private final Queue<Frame> inbox = new ConcurrentLinkedQueue<>();
  /** Set while a {@link #drainInbox} is asked for and has not yet begun. */
  private final AtomicBoolean inboxAsked = new AtomicBoolean();
  private final Runnable drainInbox = this::drainInbox;
  private final List<Run<?>> dirty = new ArrayList<>();
  /** Frames and bytes each sender has waiting for instances that have not started: [frames, bytes]. */
  private final Map<NodeId, long[]> early = new HashMap<>();
  private final Object resourceLock = new Object();
  private ExecutorService resources;
  private final int resourceThreads;
  private boolean flushPending;
  private volatile Thread loopThread;
  /** Every instance's timers, earliest first: the node's thread wakes once for the earliest, not once per timer. */
  private final DeadlineQueue<Run<?>> deadlines = new DeadlineQueue<>();
  /** The one executor task that wakes the node's thread for the earliest deadline, and when it is due. */
  private ScheduledFuture<?> wakeUp;
  private long wakeUpAt;
  private final Runnable fireDue = this::fireDue;

  /**
   * Drives instances as node {@code transport.self()} outside any named cluster, counting into {@code metrics}.
   *
   * @param transport the node's transport
   * @param metrics where the node counts
   */
  public LiveNode(Transport transport, NodeMetrics metrics) {
    this(transport, metrics, "");
  }

  /**
   * Drives instances as node {@code transport.self()} of the cluster called {@code cluster} (the
   * name its instances' environments carry, which resources are asked about), counting into
   * {@code metrics}.
   *
   * @param transport the node's transport
   * @param metrics where the node counts
   * @param cluster the cluster's name
   */
  public LiveNode(Transport transport, NodeMetrics metrics, String cluster) {
    this(transport, metrics, cluster, DEFAULT_RESOURCE_THREADS);
  }

  /**
   * Drives instances as node {@code transport.self()} of the cluster called {@code cluster}, counting
   * into {@code metrics}, with {@code resourceThreads} threads for resource calls: as many calls (about
   * different transactions) are carried out at once, so a resource that waits on a database should get
   * about as many threads as it has connections for transactions in flight. Calls about one transaction
   * stay one at a time and in order, whatever the pool's size.
   *
   * @param transport the node's transport
   * @param metrics where the node counts
   * @param cluster the cluster's name
   * @param resourceThreads how many resource calls the node carries out at once, 1 to {@value #MAX_RESOURCE_THREADS}
   * @throws IllegalArgumentException if {@code resourceThreads} is out of that range
   */
  public LiveNode(Transport transport, NodeMetrics metrics, String cluster, int resourceThreads) {
    if (resourceThreads < 1 || resourceThreads > MAX_RESOURCE_THREADS) {
      throw new IllegalArgumentException("resourceThreads must be 1 to " + MAX_RESOURCE_THREADS + ", not "
          + resourceThreads);
    }
    this.resourceThreads = resourceThreads;
    this.cluster = Objects.requireNonNull(cluster, "cluster");
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
      inbox.add(frame);
      if (inboxAsked.compareAndSet(false, true)) {
        try {
          loop.execute(drainInbox);
        } catch (RejectedExecutionException closed) {
          // the node has closed; its transport is closing too
        }
      }
    });
  }

  /**
   * Delivers the frames that arrived since the last drain, at most {@value #INBOX_BATCH} at a
   * time (then it yields to timers and other work, and asks to go on): one hand-off to this
   * node's thread for a whole batch of frames, however many transport threads they came from.
   */
  private void drainInbox() {
    inboxAsked.set(false);
    for (int n = 0; n < INBOX_BATCH; n++) {
      Frame f = inbox.poll();
      if (f == null) {
        return;
      }
      deliver(f);
    }
    if (!inbox.isEmpty() && inboxAsked.compareAndSet(false, true)) {
      loop.execute(drainInbox);
    }
  }

  /**
   * How many resource calls this node carries out at once.
   *
   * @return the resource pool's size
   */
  public int resourceThreads() {
    return resourceThreads;
  }

  /**
   * This node.
   *
   * @return the node's id
   */
  public NodeId self() {
    return self;
  }

  /**
   * The name of the cluster this node belongs to ({@code ""} if none was given).
   *
   * @return the cluster's name
   */
  public String cluster() {
    return cluster;
  }

  /**
   * This node's metrics.
   *
   * @return the metrics
   */
  public NodeMetrics metrics() {
    return metrics;
  }

  /**
   * Registers this node's part of an instance without a durable log (an agreement), to be
   * {@link Instance#start started} later: frames for it that arrive meanwhile wait for it.
   *
   * @param <M> the protocol's message type
   * @param id the instance
   * @param setup the protocol's setup of the instance
   * @return the instance, to start
   * @throws IllegalArgumentException if this node already runs (or ran) an instance with this id
   * @throws IllegalStateException if this node has closed
   */
  public <M> Instance register(InstanceId id, Setup<M> setup) {
    return register(id, setup, null, null);
  }

  /**
   * Registers this node's part of an instance that persists to {@code log} and, at a
   * participant, calls {@code resource} (null for a node without one): if the log holds records,
   * the node {@link io.github.bgp.spi.Node#recover recovers} from them when it starts.
   *
   * @param <M> the protocol's message type
   * @param id the instance
   * @param setup the protocol's setup of the instance
   * @param log the node's durable log for it
   * @param resource the participant's resource, or null
   * @return the instance, to start
   * @throws IllegalArgumentException if this node already runs (or ran) an instance with this id
   * @throws IllegalStateException if this node has closed
   */
  public <M> Instance register(InstanceId id, Setup<M> setup, DurableLog log, Resource resource) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(setup, "setup");
    if (loop.isShutdown()) {
      throw new IllegalStateException("node " + self + " has closed");
    }
    Run<M> run = new Run<>(id, setup, log, resource);
    synchronized (registry) { // on the caller's thread: no hand-off to the node's thread and back
      if (runs.containsKey(id) || retired.contains(id)) {
        throw new IllegalArgumentException("instance " + id + " already runs on " + self);
      }
      runs.put(id, run);
    }
    metrics.started();
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
    synchronized (resourceLock) {
      if (resources != null) {
        resources.shutdownNow();
      }
    }
    transport.close();
  }

  private void deliver(Frame frame) {
    Run<?> run = runs.get(frame.instance());
    if (run != null) {
      if (run.receive(frame)) {
        return; // it waits for the instance's start, and is consumed then
      }
    } else if (wasRetired(frame.instance())) {
      metrics.dropped(DropReason.LATE, "node " + frame.from(), "instance " + frame.instance() + " has finished here");
    } else {
      metrics.dropped(DropReason.UNKNOWN_INSTANCE, "node " + frame.from(), "instance " + frame.instance());
    }
    transport.consumed(frame);
  }

  /** Whether {@code frame}'s sender may have one more frame wait for a start; if so, counts it. */
  private boolean keepEarly(Frame frame) {
    long[] held = early.computeIfAbsent(frame.from(), f -> new long[2]);
    if (held[0] >= EARLY_FRAMES_PER_SENDER || held[1] + frame.size() > EARLY_BYTES_PER_SENDER) {
      return false;
    }
    held[0]++;
    held[1] += frame.size();
    return true;
  }

  private void releaseEarly(Frame frame) {
    long[] held = early.get(frame.from());
    if (held != null) {
      held[0]--;
      held[1] -= frame.size();
      if (held[0] <= 0) {
        early.remove(frame.from());
      }
    }
    transport.consumed(frame);
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

  /** Carries out what every instance asked for since the last flush, one instance after the other. */
  private void flush() {
    flushPending = false;
    List<Run<?>> now = new ArrayList<>(dirty);
    dirty.clear();
    for (Run<?> r : now) {
      r.dirty = false;
      r.carryOut();
    }
  }

  /** Queues {@code e}, and wakes the node's thread earlier if it is now the earliest deadline. */
  private void arm(DeadlineQueue.Entry<Run<?>> e) {
    deadlines.add(e);
    if (deadlines.peek() == e) {
      wakeUpFor(e.at);
    }
  }

  private void wakeUpFor(long at) {
    if (wakeUp != null) {
      if (at - wakeUpAt >= 0) {
        return; // it wakes in time for this one too
      }
      wakeUp.cancel(false);
    }
    wakeUpAt = at;
    wakeUp = loop.schedule(fireDue, Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  /** Fires every timer that is due, in deadline order, then waits for the next one. */
  private void fireDue() {
    wakeUp = null;
    long now = System.nanoTime();
    for (DeadlineQueue.Entry<Run<?>> e = deadlines.peek(); e != null && e.at - now <= 0; e = deadlines.peek()) {
      deadlines.poll();
      e.owner.fire(e);
    }
    DeadlineQueue.Entry<Run<?>> next = deadlines.peek();
    if (next != null) {
      wakeUpFor(next.at);
    }
  }

  private void retire(Run<?> run) {
    run.over = true;
    synchronized (registry) {
      runs.remove(run.id);
      retired.add(run.id);
      if (retired.size() > RETIRED_LIMIT) {
        retired.remove(retired.iterator().next());
      }
    }
  }

  private boolean wasRetired(InstanceId id) {
    synchronized (registry) {
      return retired.contains(id);
    }
  }

  private ExecutorService resourcePool() {
    synchronized (resourceLock) {
      if (resources == null) {
        resources = Executors.newFixedThreadPool(resourceThreads, r -> {
          Thread t = new Thread(r, "bgp-node-" + self + "-resource");
          t.setDaemon(true);
          return t;
        });
      }
      return resources;
    }
  }

  /**
   * One protocol instance on this node, as its caller sees it.
   *
   * @since 0.1.0
   */
  public interface Instance {
    /**
     * The instance.
     *
     * @return the instance's id
     */
    InstanceId id();

    /**
     * Starts the instance at {@code epochMillis} (wall clock, milliseconds since 1970), which every
     * node of the instance must be given alike: its clock, and so its round deadlines, count from
     * there. A past epoch starts it at once, its clock already running.
     *
     * @param epochMillis the start, in milliseconds since 1970
     * @throws IllegalStateException if it was started already
     */
    void start(long epochMillis);

    /**
     * Gives the node an input (the commander's order, a transaction to commit), as soon as the
     * instance has started (at once if it has).
     *
     * @return completes when the node took it, or fails with the node's refusal
     * @param input the input
     */
    CompletableFuture<Void> input(Input input);

    /**
     * Completes when this node's agreement decision is released (after what it persisted is forced).
     *
     * @return the decision's future
     */
    CompletableFuture<Decision> decision();

    /**
     * Completes with transaction {@code txn}'s outcome at this node once it is released (after
     * what the node persisted before it is forced).
     *
     * @param txn the transaction's id
     * @return the outcome's future
     */
    CompletableFuture<Verdict> outcome(long txn);

    /**
     * Completes when the instance finishes here (or the node closes), with what this node did.
     *
     * @return the report's future
     */
    CompletableFuture<NodeReport> finished();

    /**
     * What this node has done in the instance so far (thread-safe, a snapshot).
     *
     * @return the report so far
     */
    NodeReport report();

    /**
     * Stops the instance on this node: a commit instance serves until its node closes unless
     * its application ends it so. Unfinished futures complete as at {@link LiveNode#close()}.
     */
    void close();
  }

  /**
   * The environment of an instance on this node's cluster: the instance id, this node's cluster
   * name (which signatures and global transaction ids bind) and the round length; add keys with
   * {@link Environment.Builder#keys} for a protocol that signs.
   *
   * @param id the instance
   * @param roundMillis the length of its rounds
   * @return the environment's builder, to add keys to and build
   */
  public Environment.Builder environment(InstanceId id, long roundMillis) {
    return Environment.builder(id).cluster(cluster).roundTimeout(roundMillis);
  }

  /** An instance's state on this node; touched only by the node's thread (but for its futures). */
  private final class Run<M> implements Instance, Effects<M>, NodeDriver.Monitor {
    private final InstanceId id;
    private final Setup<M> setup;
    private final DurableLog log;
    private final Resource resource;
    private final NodeDriver<M> driver;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final CompletableFuture<Void> began = new CompletableFuture<>();
    private final CompletableFuture<Decision> decided = new CompletableFuture<>();
    /**
     * Made when first asked for: an instance whose end nobody waits for never builds its report.
     * Set, like {@link #ended} and {@link #failure}, under this run's lock.
     */
    private volatile CompletableFuture<NodeReport> finished;
    /** Whether it finished or failed here; why it failed. */
    private boolean ended;
    private RuntimeException failure;
    /** Whether it left {@link #runs} (finished, failed or closed); the node's thread's alone. */
    private boolean over;
    private final Map<Long, CompletableFuture<Verdict>> outcomes = new ConcurrentHashMap<>();
    private final ArrayDeque<Frame> early = new ArrayDeque<>();
    /** When each transaction was submitted here (a coordinator), for its latency. */
    private final Map<Long, Long> submittedNanos = new HashMap<>();
    private long beganNanos;
    /** Its timers in {@link #deadlines} (an instance has few at a time). */
    private final List<DeadlineQueue.Entry<Run<?>>> timers = new ArrayList<>(2);
    /** The last resource call about each transaction, so the next one waits for it. */
    private final Map<Long, CompletableFuture<Void>> calls = new HashMap<>();
    private volatile long originNanos;
    private boolean started;
    private boolean dirty;
    private boolean failed;

    Run(InstanceId id, Setup<M> setup, DurableLog log, Resource resource) {
      this.id = id;
      this.setup = setup;
      this.log = log;
      this.resource = resource;
      this.driver = new NodeDriver<>(self, id, setup,
          NodeDriver.Options.defaults().durable(log != null).monitor(this));
    }

    @Override
    public void start(long epochMillis) {
      if (!scheduled.compareAndSet(false, true)) {
        throw new IllegalStateException("instance " + id + " was started already");
      }
      originNanos = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis() - epochMillis);
      loop.schedule(this::begin, Math.max(0, epochMillis - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
    }

    private long now() {
      return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - originNanos);
    }

    void begin() {
      if (over) {
        return; // the node closed first
      }
      started = true;
      beganNanos = System.nanoTime();
      event(() -> {
        List<byte[]> records = log == null ? List.of() : log.recovered();
        if (records.isEmpty()) {
          driver.start(now());
        } else {
          driver.recover(records, now());
        }
      });
      began.complete(null);
      while (!early.isEmpty()) {
        Frame f = early.poll();
        if (!over) {
          receive(f);
        }
        releaseEarly(f);
      }
    }

    /** Hands {@code frame} to the driver; returns whether it waits for the start instead. */
    boolean receive(Frame frame) {
      if (!started) {
        if (keepEarly(frame)) {
          early.add(frame);
          return true;
        }
        dropped(frame.from(), frame.round(), DropReason.UNKNOWN_INSTANCE);
        return false;
      }
      try {
        driver.receive(frame, now());
      } catch (RuntimeException bug) {
        fail("it threw", bug);
        return false;
      }
      afterEvent();
      return false;
    }

    /** Lets go of the frames still waiting for a start that will not come. */
    private void dropEarly() {
      while (!early.isEmpty()) {
        releaseEarly(early.poll());
      }
    }

    @Override
    public CompletableFuture<Void> input(Input input) {
      Objects.requireNonNull(input, "input");
      CompletableFuture<Void> taken = new CompletableFuture<>();
      began.thenRun(() -> {
        try {
          loop.execute(() -> {
            if (over) {
              taken.completeExceptionally(new IllegalStateException("instance " + id + " has finished on " + self));
              return;
            }
            try {
              driver.input(input, now());
              if (input instanceof Input.Submit submit) {
                submittedNanos.putIfAbsent(submit.transaction().id(), System.nanoTime());
              }
              taken.complete(null);
            } catch (IllegalArgumentException | IllegalStateException refused) {
              taken.completeExceptionally(refused);
              return;
            } catch (RuntimeException bug) {
              taken.completeExceptionally(bug);
              fail("it threw", bug);
              return;
            }
            afterEvent();
          });
        } catch (RejectedExecutionException closed) {
          taken.completeExceptionally(new IllegalStateException("node " + self + " has closed"));
        }
      });
      return taken;
    }

    void fire(DeadlineQueue.Entry<Run<?>> timer) {
      timers.remove(timer);
      if (!over) {
        try {
          driver.timer(timer.timer, now());
        } catch (RuntimeException bug) {
          fail("it threw", bug);
          return;
        }
        afterEvent();
      }
    }

    private void cancelTimers() {
      for (DeadlineQueue.Entry<Run<?>> t : timers) {
        deadlines.remove(t);
      }
      timers.clear();
    }

    /** Runs one event of the driver; a node that throws is stopped, not the whole node. */
    private void event(Runnable e) {
      try {
        e.run();
      } catch (RuntimeException bug) {
        fail("it threw", bug);
        return;
      }
      afterEvent();
    }

    private void afterEvent() {
      if (driver.hasReady()) {
        markDirty(this);
      }
    }

    void carryOut() {
      if (failed) {
        return;
      }
      try {
        driver.carryOut(driver.ready(), this, now());
      } catch (RuntimeException e) { // the log cannot force, or the transport refused a frame
        fail("its log or transport failed", e);
      }
    }

    /** Stops this instance on this node (not the node): nothing it held leaves, its futures fail. */
    void fail(String why, RuntimeException cause) {
      LOG.log(System.Logger.Level.ERROR, "node " + self + " stopped instance " + id + " (" + why + "): " + cause, cause);
      failed = true;
      dropEarly();
      cancelTimers();
      CompletableFuture<NodeReport> f;
      synchronized (this) {
        if (!ended) {
          ended = true;
          failure = cause;
        }
        f = finished;
      }
      if (f != null) {
        f.completeExceptionally(cause);
      }
      decided.completeExceptionally(cause);
      outcomes.values().forEach(o -> o.completeExceptionally(cause));
      if (!over) {
        retire(this);
      }
    }

    void finish() {
      if (ended) {
        return;
      }
      CompletableFuture<NodeReport> f;
      synchronized (this) {
        ended = true;
        f = finished;
      }
      if (!over) {
        retire(this);
      }
      dropEarly();
      cancelTimers();
      if (!decided.isDone()) {
        decided.cancel(false);
      }
      if (f != null) {
        f.complete(driver.report());
      }
    }

    // Effects: what the driver asks this runtime to do.

    @Override
    public void force(List<byte[]> records) {
      for (byte[] r : records) {
        log.append(r);
      }
      long t0 = System.nanoTime();
      log.force();
      metrics.forced(System.nanoTime() - t0);
    }

    @Override
    public void send(Outgoing<M> m) {
      transport.send(m.frame());
      metrics.messagesOut(m.logicalMessages());
    }

    @Override
    public void schedule(long timer, long at) {
      DeadlineQueue.Entry<Run<?>> e = new DeadlineQueue.Entry<>(originNanos + TimeUnit.MILLISECONDS.toNanos(at), this,
          timer);
      timers.add(e);
      arm(e);
    }

    @Override
    public void cancel(long timer) {
      for (int i = 0; i < timers.size(); i++) {
        DeadlineQueue.Entry<Run<?>> t = timers.get(i);
        if (t.timer == timer) {
          timers.remove(i);
          deadlines.remove(t);
          return;
        }
      }
    }

    @Override
    public void call(Call call) {
      if (resource == null) {
        throw new UnsupportedOperationException("node " + self + " has no resource for " + call + " in instance " + id);
      }
      long key = call.txn();
      CompletableFuture<Void> before = calls.getOrDefault(key, CompletableFuture.completedFuture(null));
      CompletableFuture<Void> next = before.thenRunAsync(() -> {
        Input.Answer answer = answer(call);
        try {
          loop.execute(() -> {
            if (!over) {
              event(() -> driver.input(answer, now()));
            }
          });
        } catch (RejectedExecutionException closed) {
          // the node closed while the resource worked
        }
      }, resourcePool());
      calls.put(key, next);
      next.whenComplete((v, e) -> {
        try {
          loop.execute(() -> calls.remove(key, next));
        } catch (RejectedExecutionException closed) {
          // closed
        }
      });
    }

    private Input.Answer answer(Call call) {
      Input.Answer a = Calls.make(resource, call, cluster, id);
      if (a.heuristic().isPresent()) {
        metrics.count("resource.heuristics", 1);
        LOG.log(System.Logger.Level.ERROR, "node " + self + ": the resource resolved " + call + " on its own: "
            + a.heuristic().get());
      } else if (a.failure().isPresent()) {
        metrics.count("resource.failures", 1);
        LOG.log(System.Logger.Level.WARNING, "node " + self + ": " + call + " failed: " + a.failure().get());
      }
      return a;
    }

    @Override
    public void decided(Decision d) {
      metrics.decided(d.value().toString(), System.nanoTime() - beganNanos);
      decided.complete(d);
    }

    @Override
    public void outcome(long txn, Verdict verdict) {
      Long submitted = submittedNanos.remove(txn);
      if (submitted != null) {
        metrics.committed(System.nanoTime() - submitted);
      }
      outcome(txn).complete(verdict);
    }

    @Override
    public void done() {
      finish();
    }

    // Monitor: what the driver reports as it happens.

    @Override
    public void dropped(NodeId from, int round, DropReason reason) {
      metrics.dropped(reason, "node " + from, "instance " + id + ", round " + round);
    }

    @Override
    public void counted(String name, long delta) {
      if (name.equals(Rounds.DEADLINE_MISSES)) {
        metrics.deadlineMisses(delta);
      } else {
        metrics.count(name, delta);
      }
    }

    @Override
    public void received(int logical) {
      metrics.messagesIn(logical);
    }

    // Instance: what the caller sees.

    @Override
    public InstanceId id() {
      return id;
    }

    @Override
    public CompletableFuture<Decision> decision() {
      return decided;
    }

    @Override
    public CompletableFuture<Verdict> outcome(long txn) {
      return outcomes.computeIfAbsent(txn, t -> new CompletableFuture<>());
    }

    @Override
    public CompletableFuture<NodeReport> finished() {
      CompletableFuture<NodeReport> f = finished;
      if (f != null) {
        return f;
      }
      RuntimeException failed;
      synchronized (this) {
        if (finished != null) {
          return finished;
        }
        f = new CompletableFuture<>();
        finished = f;
        if (!ended) {
          return f; // the node's thread completes it when the instance ends
        }
        failed = failure;
      }
      if (failed != null) { // it ended before anyone asked: what it did is built now
        f.completeExceptionally(failed);
      } else {
        f.complete(report());
      }
      return f;
    }

    @Override
    public void close() {
      try {
        loop.submit(this::finish).get(5, TimeUnit.SECONDS);
      } catch (RejectedExecutionException closed) {
        // the node closed, and finished every instance with it
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("node " + self + " did not stop instance " + id + ": " + e, e);
      }
    }

    @Override
    public NodeReport report() {
      if (Thread.currentThread() == loopThread) {
        return driver.report();
      }
      try {
        return CompletableFuture.supplyAsync(driver::report, loop).join();
      } catch (RejectedExecutionException closed) {
        return driver.report(); // the node's thread has stopped: nothing changes the driver any more
      }
    }
  }
}
