package io.github.bgp.bench;

import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Resource;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import io.github.bgp.net.LiveNode;
import io.github.bgp.net.LocalNetwork;
import io.github.bgp.net.NodeMetrics;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Input;
import io.github.bgp.spi.Setup;
import io.github.bgp.twophase.log.FileLog;
import io.github.bgp.twophase.log.LogOwner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Durable two-phase commit for real, in this process: a coordinator and p participants as
 * {@link LiveNode}s on the wall clock over a {@link LocalNetwork} (no sockets), each node with
 * its own {@link FileLog} in one directory, so every record a node persists is forced to that
 * directory's disk before the messages that depend on it leave (the live node's group commit).
 *
 * <p>{@link #run} commits a batch of transactions, all in flight at once, as one commit
 * instance, and returns when every one of them is decided and durable everywhere: every
 * participant's outcome is released, which a live node does only once the log that holds its
 * COMMIT record is forced (a participant hears the outcome only after the coordinator forced its
 * decision, and logs it before it tells its resource). {@link #runApplied} waits further, until
 * every participant's resource has committed each transaction: what a database's commit costs.
 *
 * <p>The participants' resources vote COMMIT and keep nothing, or are given ({@code XaResource}s
 * over real databases, in {@link PostgresCommitBenchmark}).
 */
final class CommitCluster implements AutoCloseable {

  /**
   * Generous timeouts (ms): a batch takes milliseconds, and a vote or request timeout that
   * passes aborts transactions, which {@link #run} reports as an error rather than a decision.
   */
  static final CommitScenario.Timeouts TIMEOUTS = new CommitScenario.Timeouts(30_000, 60_000, 30_000);
  /** How long {@link #run} waits for a batch before it gives up. */
  static final long BATCH_TIMEOUT_SECONDS = 60;

  /** Every participant's resource: votes COMMIT, and has nothing to apply (safe from any thread). */
  private static final Resource VOTES_COMMIT = new Resource() {
    @Override
    public Vote prepare(Transaction t) {
      return Vote.COMMIT;
    }

    @Override
    public void commit(Transaction t) {}

    @Override
    public void abort(Transaction t) {}
  };

  private final int participants;
  private final String cluster;
  private final CommitProtocol tpc = Protocols.byName("2pc", CommitProtocol.class);
  private final List<CountingLog> logs = new ArrayList<>();
  private final List<LiveNode> nodes = new ArrayList<>();
  /** Each participant's resource, by index from 0 (participant 1), as the nodes call it. */
  private final List<Applied> resources = new ArrayList<>();
  private long instances;

  /** What one batch cost, every node's log together. */
  record Batch(int decisions, long forces, long records, long bytes) {}

  private CommitCluster(int participants, String cluster) {
    this.participants = participants;
    this.cluster = cluster;
  }

  /**
   * A coordinator and {@code participants} participants with fresh logs {@code node-i.log} in
   * {@code dir} (created if missing), whose resources vote COMMIT and keep nothing.
   */
  static CommitCluster start(Path dir, int participants) {
    if (participants < 1) {
      throw new IllegalArgumentException("two-phase commit needs at least 1 participant, got " + participants);
    }
    return start(dir, "", Collections.nCopies(participants, VOTES_COMMIT));
  }

  /**
   * A coordinator and one participant per resource (participant i + 1 calls {@code resources.get(i)})
   * of cluster {@code cluster} (which transactions' global ids carry), with fresh logs
   * {@code node-i.log} in {@code dir} (created if missing).
   */
  static CommitCluster start(Path dir, String cluster, List<? extends Resource> resources) {
    return start(dir, cluster, resources, LiveNode.DEFAULT_RESOURCE_THREADS);
  }

  /**
   * As {@link #start(Path, String, List)}, each participant carrying out up to {@code resourceThreads}
   * resource calls at once (its {@code LiveNode}'s pool): as many as its resource can serve side by side,
   * such as one per database connection it may open.
   */
  static CommitCluster start(Path dir, String cluster, List<? extends Resource> resources, int resourceThreads) {
    if (resources.isEmpty()) {
      throw new IllegalArgumentException("two-phase commit needs at least 1 participant, got none");
    }
    int participants = resources.size();
    CommitCluster c = new CommitCluster(participants, Objects.requireNonNull(cluster, "cluster"));
    try {
      Files.createDirectories(dir);
      LocalNetwork net = new LocalNetwork(participants + 1);
      for (int i = 0; i <= participants; i++) {
        NodeId id = NodeId.of(i);
        LogOwner owner = new LogOwner(cluster, id, i == 0 ? LogOwner.Role.COORDINATOR : LogOwner.Role.PARTICIPANT,
            "2pc");
        c.logs.add(new CountingLog(FileLog.open(dir.resolve("node-" + i + ".log"), owner)));
        c.nodes.add(i == 0 ? new LiveNode(net.endpoint(id), new NodeMetrics(id), cluster)
            : new LiveNode(net.endpoint(id), new NodeMetrics(id), cluster, resourceThreads));
        if (i > 0) {
          c.resources.add(new Applied(Objects.requireNonNull(resources.get(i - 1), "resource " + i)));
        }
      }
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
    return c;
  }

  /**
   * Commits {@code batch} transactions (every participant votes COMMIT), all submitted at once to
   * one new commit instance, and waits until each is decided and durable at every node that
   * must know it.
   *
   * @throws IllegalStateException if a transaction aborted (a timeout passed) or the batch did not
   *     finish within {@value #BATCH_TIMEOUT_SECONDS} s
   */
  Batch run(int batch) throws InterruptedException {
    return run(batch, false, null);
  }

  /**
   * Commits {@code batch} transactions as {@link #run(int)} does, and waits further until every
   * participant's resource has committed each of them (a participant tells its resource after it
   * has logged the outcome); each transaction's time from its submission until then goes to
   * {@code latencyNanos}, from the resources' threads.
   *
   * @throws IllegalStateException if a transaction aborted or the batch did not finish within
   *     {@value #BATCH_TIMEOUT_SECONDS} s
   */
  Batch runApplied(int batch, LongConsumer latencyNanos) throws InterruptedException {
    return run(batch, true, Objects.requireNonNull(latencyNanos, "latencyNanos"));
  }

  private Batch run(int batch, boolean applied, LongConsumer latencyNanos) throws InterruptedException {
    if (batch < 1) {
      throw new IllegalArgumentException("a batch has at least 1 transaction, got " + batch);
    }
    InstanceId id = InstanceId.of(++instances);
    Setup<?> setup = tpc.create(new CommitSpec(participants, 0, TIMEOUTS),
        Environment.builder(id).cluster(cluster).build());
    long forces = forces();
    long records = records();
    long bytes = bytes();
    // Every node registers the instance before any starts: frames for a registered instance wait for its start.
    List<LiveNode.Instance> members = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      members.add(nodes.get(i).register(id, setup, logs.get(i), i == 0 ? null : resources.get(i - 1)));
    }
    List<CompletableFuture<Verdict>> outcomes = new ArrayList<>();
    for (int i = 1; i <= participants; i++) {
      for (long t = 1; t <= batch; t++) {
        outcomes.add(members.get(i).outcome(t));
      }
    }
    long[] submittedNanos = new long[1];
    List<CompletableFuture<Void>> commits = new ArrayList<>();
    if (applied) {
      for (long t = 1; t <= batch; t++) {
        List<CompletableFuture<Void>> everywhere = new ArrayList<>();
        for (Applied r : resources) {
          everywhere.add(r.expect(id, t));
        }
        // Recorded before the batch counts as done, so that the caller sees every latency.
        commits.add(CompletableFuture.allOf(everywhere.toArray(CompletableFuture[]::new))
            .thenRun(() -> latencyNanos.accept(System.nanoTime() - submittedNanos[0])));
      }
    }
    long epoch = System.currentTimeMillis();
    for (LiveNode.Instance instance : members) {
      instance.start(epoch);
    }
    submittedNanos[0] = System.nanoTime();
    List<CompletableFuture<Void>> submitted = new ArrayList<>();
    for (long t = 1; t <= batch; t++) {
      submitted.add(members.get(0).input(new Input.Submit(new Transaction(t, new byte[0]))));
    }
    try {
      CompletableFuture.allOf(submitted.toArray(CompletableFuture[]::new))
          .thenCompose(ok -> CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)))
          .thenCompose(ok -> CompletableFuture.allOf(commits.toArray(CompletableFuture[]::new)))
          .get(BATCH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      long known = outcomes.stream().filter(CompletableFuture::isDone).count();
      long done = commits.stream().filter(CompletableFuture::isDone).count();
      throw new IllegalStateException("a batch of " + batch + " transactions with " + participants
          + " participants did not finish within " + BATCH_TIMEOUT_SECONDS + " s: " + known
          + " participant outcomes known of " + (long) batch * participants
          + (applied ? ", " + done + " of " + batch + " transactions committed at every resource" : ""), e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a batch of " + batch + " transactions with " + participants
          + " participants failed: " + e.getCause(), e.getCause());
    }
    long aborted = outcomes.stream().filter(o -> o.join() == Verdict.ABORT).count();
    if (aborted > 0) {
      throw new IllegalStateException(aborted + " of " + (long) batch * participants
          + " participant outcomes were ABORT in a batch where every resource should vote COMMIT: a timeout of "
          + TIMEOUTS + " passed, or a resource refused");
    }
    return new Batch(batch, forces() - forces, records() - records, bytes() - bytes);
  }

  /**
   * A participant's resource as its node calls it, which tells {@link #runApplied} when it has
   * committed (or aborted) a transaction of the batch it waits for; every call is the resource's own.
   */
  private static final class Applied implements Resource {
    private record Key(InstanceId instance, long txn) {}

    private final Resource resource;
    private final Map<Key, CompletableFuture<Void>> expected = new ConcurrentHashMap<>();

    Applied(Resource resource) {
      this.resource = resource;
    }

    /** Completes once the resource has committed {@code txn} of {@code instance}; fails if it aborts it. */
    CompletableFuture<Void> expect(InstanceId instance, long txn) {
      CompletableFuture<Void> f = new CompletableFuture<>();
      expected.put(new Key(instance, txn), f);
      return f;
    }

    @Override
    public Vote prepare(Transaction t) throws Exception {
      return resource.prepare(t);
    }

    @Override
    public void commit(Transaction t) throws Exception {
      resource.commit(t);
      CompletableFuture<Void> f = expected.remove(new Key(t.instance(), t.id()));
      if (f != null) {
        f.complete(null);
      }
    }

    @Override
    public void abort(Transaction t) throws Exception {
      resource.abort(t);
      CompletableFuture<Void> f = expected.remove(new Key(t.instance(), t.id()));
      if (f != null) {
        f.completeExceptionally(new IllegalStateException("transaction " + t.id() + " of " + t.instance()
            + " aborted at a resource in a batch where every resource should vote COMMIT"));
      }
    }

    @Override
    public Set<Long> inDoubt(String cluster, InstanceId instance) throws Exception {
      return resource.inDoubt(cluster, instance);
    }
  }

  /** Forces of every node's log so far. */
  long forces() {
    return logs.stream().mapToLong(CountingLog::forces).sum();
  }

  private long records() {
    return logs.stream().mapToLong(CountingLog::records).sum();
  }

  private long bytes() {
    return logs.stream().mapToLong(CountingLog::bytes).sum();
  }

  /** Stops the nodes and closes their logs (the directory stays). */
  @Override
  public void close() {
    for (int i = nodes.size() - 1; i >= 0; i--) { // participants first: their late acks then go nowhere, quietly
      nodes.get(i).close();
    }
    for (CountingLog l : logs) {
      l.close();
    }
  }

  /**
   * The mean size of the records durable two-phase commit logs, in bytes: every record of a batch
   * of 50 with 3 participants, run for real in {@code dir}, which is deleted afterwards.
   */
  static int meanRecordBytes(Path dir) throws InterruptedException {
    long records;
    long bytes;
    try (CommitCluster c = start(dir, 3)) {
      c.run(50);
      // Until the nodes are quiet: the coordinator logs each transaction's END once every
      // acknowledgement is in, after the batch is durable at the participants.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      do {
        records = c.records();
        Thread.sleep(20);
      } while (c.records() != records && System.nanoTime() < deadline);
      records = c.records();
      bytes = c.bytes();
    } finally {
      delete(dir);
    }
    return (int) Math.max(1, Math.round((double) bytes / records));
  }

  /** Deletes {@code dir} and everything in it, if it exists. */
  static void delete(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
