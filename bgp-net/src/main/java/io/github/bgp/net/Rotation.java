package io.github.bgp.net;

import io.github.bgp.api.Decision;
import io.github.bgp.api.DropReason;
import io.github.bgp.api.KeyRing;
import io.github.bgp.api.LogicalMessage;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Value;
import io.github.bgp.api.Verdict;
import io.github.bgp.spi.Call;
import io.github.bgp.spi.Codec;
import io.github.bgp.spi.Input;
import io.github.bgp.spi.Node;
import io.github.bgp.spi.Setup;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Node ids turned by a fixed shift, so that node {@code shift} of a cluster runs as the
 * commander (node 0) of an agreement instance: cluster node {@code c} is protocol node
 * {@code (c - shift) mod n}. Interactive consistency runs one instance per node as commander this
 * way, side by side. A rotated setup translates every id between the two numberings (the frames
 * the runtime sends carry cluster ids, the protocol sees its own), and a rotated key ring gives
 * protocol node {@code p} the keys of cluster node {@code (p + shift) mod n}, so signatures are
 * made and checked by the cluster's keys.
 */
final class Rotation {

  private final int generals;
  private final int shift;

  Rotation(int generals, int shift) {
    if (shift < 0 || shift >= generals) {
      throw new IllegalArgumentException("a shift is 0 to " + (generals - 1) + ", got " + shift);
    }
    this.generals = generals;
    this.shift = shift;
  }

  /** The protocol's id of cluster node {@code cluster}. */
  NodeId toProtocol(NodeId cluster) {
    return cluster.index() >= generals ? cluster : NodeId.of(Math.floorMod(cluster.index() - shift, generals));
  }

  /** The cluster's id of protocol node {@code protocol}. */
  NodeId toCluster(NodeId protocol) {
    return protocol.index() >= generals ? protocol : NodeId.of((protocol.index() + shift) % generals);
  }

  /** A decision whose view of who said what names cluster nodes. */
  Decision toCluster(Decision d) {
    TreeMap<NodeId, Value> heard = new TreeMap<>();
    d.heard().forEach((from, v) -> heard.put(toCluster(from), v));
    return new Decision(d.value(), heard, d.evidence());
  }

  /** {@code ring} as the protocol numbers its nodes. */
  KeyRing keys(KeyRing ring) {
    return new KeyRing() {
      @Override
      public PublicKey publicKey(NodeId node) {
        return ring.publicKey(toCluster(node));
      }

      @Override
      public Optional<PrivateKey> privateKey(NodeId node) {
        return ring.privateKey(toCluster(node));
      }

      @Override
      public SortedSet<NodeId> nodes() {
        SortedSet<NodeId> out = new TreeSet<>();
        ring.nodes().forEach(n -> out.add(toProtocol(n)));
        return out;
      }
    };
  }

  /** {@code setup}, its nodes made and addressed by cluster ids. */
  <M> Setup<M> setup(Setup<M> setup) {
    return shift == 0 ? setup : new Rotated<>(setup);
  }

  private final class Rotated<M> implements Setup<M> {
    private final Setup<M> inner;

    Rotated(Setup<M> inner) {
      this.inner = inner;
    }

    @Override
    public Codec<M> codec() {
      return inner.codec();
    }

    @Override
    public Node<M> node(NodeId id) {
      return new RotatedNode<>(inner.node(toProtocol(id)));
    }

    @Override
    public int logicalMessages(M message) {
      return inner.logicalMessages(message);
    }

    @Override
    public void describe(NodeId from, NodeId to, int round, M message, LogicalMessage.Sink sink) {
      inner.describe(toProtocol(from), toProtocol(to), round, message, sink);
    }

    @Override
    public String describe(M message) {
      return inner.describe(message);
    }

    @Override
    public String describeTimer(long token) {
      return inner.describeTimer(token);
    }

    @Override
    public String describeRecord(byte[] record) {
      return inner.describeRecord(record);
    }

    @Override
    public long expectedMessages() {
      return inner.expectedMessages();
    }

    @Override
    public long estimatedBytes() {
      return inner.estimatedBytes();
    }
  }

  private final class RotatedNode<M> implements Node<M> {
    private final Node<M> inner;

    RotatedNode(Node<M> inner) {
      this.inner = inner;
    }

    @Override
    public void start(Context<M> context) {
      inner.start(new RotatedContext<>(context));
    }

    @Override
    public void receive(NodeId from, int round, M message, Context<M> context) {
      inner.receive(toProtocol(from), round, message, new RotatedContext<>(context));
    }

    @Override
    public void timer(long token, Context<M> context) {
      inner.timer(token, new RotatedContext<>(context));
    }

    @Override
    public void input(Input input, Context<M> context) {
      inner.input(input, new RotatedContext<>(context));
    }

    @Override
    public void recover(List<byte[]> log, Context<M> context) {
      inner.recover(log, new RotatedContext<>(context));
    }
  }

  private final class RotatedContext<M> implements Node.Context<M> {
    private final Node.Context<M> outer;

    RotatedContext(Node.Context<M> outer) {
      this.outer = outer;
    }

    @Override
    public NodeId self() {
      return toProtocol(outer.self());
    }

    @Override
    public long now() {
      return outer.now();
    }

    @Override
    public void send(NodeId to, int round, M message) {
      outer.send(toCluster(to), round, message);
    }

    @Override
    public void setTimer(long at, long token) {
      outer.setTimer(at, token);
    }

    @Override
    public void cancelTimer(long token) {
      outer.cancelTimer(token);
    }

    @Override
    public void decide(Decision decision) {
      outer.decide(toCluster(decision));
    }

    @Override
    public void outcome(long txn, Verdict verdict) {
      outer.outcome(txn, verdict);
    }

    @Override
    public void call(Call call) {
      outer.call(call);
    }

    @Override
    public void done() {
      outer.done();
    }

    @Override
    public void drop(NodeId from, int round, DropReason reason) {
      outer.drop(toCluster(from), round, reason);
    }

    @Override
    public void persist(byte[] record) {
      outer.persist(record);
    }

    @Override
    public void count(String name, long delta) {
      outer.count(name, delta);
    }

    @Override
    public boolean tracing() {
      return outer.tracing();
    }

    @Override
    public void note(String kind, Map<String, String> fields) {
      outer.note(kind, fields);
    }
  }
}
