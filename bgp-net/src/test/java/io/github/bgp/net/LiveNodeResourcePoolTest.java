package io.github.bgp.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Resource;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import io.github.bgp.runtime.DurableLog;
import io.github.bgp.runtime.Transport;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Input;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A live node's resource pool: as many blocked resource calls at once as its user gave it threads. */
class LiveNodeResourcePoolTest {

  /** An in-memory log that works. */
  private static final class MemoryLog implements DurableLog {
    @Override
    public List<byte[]> recovered() {
      return List.of();
    }

    @Override
    public void append(byte[] record) {}

    @Override
    public void force() {}

    @Override
    public long forces() {
      return 0;
    }

    @Override
    public void close() {}
  }

  /** A store whose prepares wait until the test lets them go, noting which threads they ran on. */
  private static final class BlockingStore implements Resource {
    final CountDownLatch entered;
    final CountDownLatch release = new CountDownLatch(1);
    final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    BlockingStore(int expected) {
      entered = new CountDownLatch(expected);
    }

    @Override
    public Vote prepare(Transaction t) throws Exception {
      threads.add(Thread.currentThread());
      entered.countDown();
      if (!release.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never released prepare " + t.id());
      }
      return Vote.COMMIT;
    }

    @Override
    public void commit(Transaction t) {}

    @Override
    public void abort(Transaction t) {}
  }

  @Test
  void aNodeWithKThreadsCarriesOutKBlockedResourceCallsAtOnce() throws Exception {
    for (int k : new int[] {1, 3, 9}) {
      int threads = k;
      assertEquals(k, carryOut(k, net -> new LiveNode(net, new NodeMetrics(net.self()), "", threads)));
    }
  }

  @Test
  void theDefaultNodeCarriesOutFour() throws Exception {
    assertEquals(LiveNode.DEFAULT_RESOURCE_THREADS, 4);
    assertEquals(4, carryOut(4, net -> new LiveNode(net, new NodeMetrics(net.self()), "")));
  }

  @Test
  void aPoolOutOfRangeIsRefusedByName() {
    LocalNetwork net = new LocalNetwork(2);
    for (int bad : new int[] {0, -1, LiveNode.MAX_RESOURCE_THREADS + 1}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new LiveNode(net.endpoint(NodeId.of(0)), new NodeMetrics(NodeId.of(0)), "", bad));
      assertTrue(e.getMessage().contains("resourceThreads") && e.getMessage().contains(String.valueOf(bad)),
          e.getMessage());
    }
  }

  /**
   * Runs k + 1 transactions through a coordinator and one participant whose prepares block: waits until k of them
   * are inside prepare at once, lets them all go, waits for every commit, and answers how many threads ran them
   * (the (k + 1)th, sent while k threads were blocked, would have had a thread of its own in a larger pool).
   */
  private static int carryOut(int k, Function<Transport, LiveNode> make) throws Exception {
    int txns = k + 1;
    CommitScenario.Builder b = CommitScenario.builder(1)
        .timeouts(new CommitScenario.Timeouts(120_000, 120_000, 1_000));
    for (int t = 1; t <= txns; t++) {
      b.commit(t, 0);
    }
    CommitScenario scenario = b.build();
    CommitProtocol tpc = Protocols.commit("2pc");
    var commit = tpc.create(scenario.spec(), Environment.builder(InstanceId.of(7)).build());
    LocalNetwork net = new LocalNetwork(scenario.nodes());
    BlockingStore store = new BlockingStore(k);
    List<LiveNode> nodes = new ArrayList<>();
    List<LiveNode.Instance> instances = new ArrayList<>();
    try {
      for (int i = 0; i < scenario.nodes(); i++) {
        LiveNode node = i == 0 ? new LiveNode(net.endpoint(NodeId.of(0)), new NodeMetrics(NodeId.of(0)))
            : make.apply(net.endpoint(NodeId.of(i)));
        nodes.add(node);
        instances.add(node.register(InstanceId.of(7), commit, new MemoryLog(), i == 0 ? null : store));
      }
      long epoch = System.currentTimeMillis();
      instances.forEach(x -> x.start(epoch));
      for (CommitScenario.Txn t : scenario.transactions()) {
        instances.get(0).input(new Input.Submit(t.transaction()));
      }
      assertTrue(store.entered.await(60, TimeUnit.SECONDS),
          k + " prepares were never inside the store at once: " + (k - store.entered.getCount()) + " were");
      store.release.countDown();
      for (CommitScenario.Txn t : scenario.transactions()) {
        assertEquals(Verdict.COMMIT, instances.get(0).outcome(t.transaction().id()).get(60, TimeUnit.SECONDS));
      }
      return store.threads.size();
    } finally {
      nodes.forEach(LiveNode::close);
    }
  }
}
