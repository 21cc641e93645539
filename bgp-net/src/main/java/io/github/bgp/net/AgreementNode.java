package io.github.bgp.net;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.AgreementSpec;
import io.github.bgp.api.Decision;
import io.github.bgp.api.KeyRing;
import io.github.bgp.api.Majority;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Protocol;
import io.github.bgp.api.Value;
import io.github.bgp.api.ValueCodec;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Input;
import io.github.bgp.spi.Setup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * One node's side of a cluster's agreements, driven by its application: the commander's node is
 * handed its value ({@link #propose}), every lieutenant {@link #join joins}, and each gets its
 * decision through a future. An application runs one per node, over that node's {@link LiveNode}.
 *
 * <p>As etcd's raft {@code RawNode} is driven by its application (proposals in, ready state out),
 * the node here takes only what its own application knows: the schedule's {@link Slot} (an
 * instance's id and start, the same at every node, set by no peer) and, at the commander, the
 * value. Nothing names a traitor, a strategy or a seed: a loyal node runs the protocol as written.
 * What every node of an instance knows alike is the {@link AgreementSpec} (n, m, the kind of value,
 * the majority, the default, the largest value).
 *
 * <pre>{@code
 * AgreementNode node = AgreementNode.builder(live, Protocols.agreement("sm"), AgreementSpec.bytes(4, 1, 1024))
 *     .cluster(config).keys(Certificates.ring(config, Map.of(self, myKey))).build();
 * Slot slot = Slot.of(config.name(), "orders-7", 0, agreedStart);
 * CompletableFuture<Decision> d = self.equals(NodeId.COMMANDER) ? node.propose(slot, value) : node.join(slot);
 * }</pre>
 *
 * <p><b>Interactive consistency</b> ({@link #interactive}): every node proposes its own value (a
 * sensor reading), and every loyal node gets the same vector, one entry per node, whose entry for
 * a loyal node is that node's value: one agreement per node as commander, run side by side in the
 * same slot. For numbers, every loyal node then takes the same median ({@link Vector#median()}).
 *
 * <p>Calls must come before the slot's start (a node that joins late misses what was sent before
 * it registered); a start more than the cluster's clock skew in the past is refused.
 *
 * @since 0.1.0
 */
public final class AgreementNode {

  private final LiveNode live;
  private final AgreementProtocol protocol;
  private final AgreementSpec spec;
  private final long roundMillis;
  private final long maxSkewMillis;
  private final KeyRing keys;

  private AgreementNode(Builder b) {
    this.live = b.live;
    this.protocol = b.protocol;
    this.spec = b.spec;
    this.roundMillis = b.roundMillis;
    this.maxSkewMillis = b.maxSkewMillis;
    this.keys = b.keys;
  }

  /**
   * Starts a node's agreements over {@code live}, running {@code protocol} on instances of {@code spec}.
   *
   * @param live this node's runtime, over the cluster's transport; its node must be one of the spec's generals
   * @param protocol the agreement protocol every node of the instances runs (say,
   *     {@code Protocols.agreement("om")})
   * @param spec what every node of these agreements knows alike: it must be the same at every node
   * @return a builder with the default round length and clock skew
   *     ({@link ClusterConfig#DEFAULT_ROUND_TIMEOUT_MILLIS}, {@link ClusterConfig#DEFAULT_MAX_SKEW_MILLIS}), and
   *     no keys
   * @throws IllegalArgumentException if the protocol does not carry the spec's kind of value, or this node's index
   *     is not below the spec's number of generals
   */
  public static Builder builder(LiveNode live, AgreementProtocol protocol, AgreementSpec spec) {
    return new Builder(live, protocol, spec);
  }

  /**
   * This node.
   *
   * @return its id in the cluster, that of its {@link LiveNode}
   */
  public NodeId self() {
    return live.self();
  }

  /**
   * What every node of these agreements knows alike.
   *
   * @return the spec the node was built with: n, m, the kind of value, the majority, the default, the largest value
   */
  public AgreementSpec spec() {
    return spec;
  }

  /**
   * Proposes {@code value} as the commander of the instance in {@code slot}; the future completes
   * with the commander's decision (its own value) once its part is done.
   *
   * @param slot the instance's id and start, the same at every node
   * @param value the value to propose, of the spec's kind and at most its {@code maxValueBytes}
   * @return completes with {@code Decision.of(value)} when the instance has finished on this node; fails if the
   *     node refuses the value or stops the instance on an error
   * @throws IllegalStateException if this node is not the commander (node 0), or its {@link LiveNode} has closed
   * @throws IllegalArgumentException if the value is of another kind than the spec's, larger than its
   *     {@code maxValueBytes}, or the slot's start passed more than the clock skew ago, or this node runs (or
   *     ran) the slot already
   */
  public CompletableFuture<Decision> propose(Slot slot, Value value) {
    if (!self().equals(spec.commander())) {
      throw new IllegalStateException("node " + self() + " is a lieutenant: it joins the instance, and only the"
          + " commander (node " + spec.commander() + ") proposes");
    }
    spec.check(value);
    LiveNode.Instance instance = register(slot, new Rotation(spec.generals(), 0));
    instance.start(slot.startMillis());
    return instance.input(new Input.Propose(value)).thenCompose(taken -> instance.finished())
        .thenApply(report -> Decision.of(value));
  }

  /**
   * Joins the instance in {@code slot} as a lieutenant; the future completes with this node's
   * decision.
   *
   * @param slot the instance's id and start, the same at every node
   * @return completes with this node's decision once it is released (after what the node persisted is forced);
   *     fails if the node stops the instance on an error, and is cancelled if the instance ends here without a
   *     decision (the node closes first)
   * @throws IllegalStateException if this node is the commander, which proposes, or its {@link LiveNode} has closed
   * @throws IllegalArgumentException if the slot's start passed more than the clock skew ago, or this node runs (or
   *     ran) the slot already
   */
  public CompletableFuture<Decision> join(Slot slot) {
    if (self().equals(spec.commander())) {
      throw new IllegalStateException("node " + self() + " is the commander: it proposes its value");
    }
    LiveNode.Instance instance = register(slot, new Rotation(spec.generals(), 0));
    instance.start(slot.startMillis());
    return instance.decision();
  }

  /**
   * Interactive consistency in {@code slot}: this node proposes {@code own}, every other node its
   * own value, and the future completes with the vector every loyal node agrees on: node i's entry
   * is what the agreement with node i as commander decided here (this node's own value for itself).
   * The n agreements all start at the slot's start, each under an id hashed from the slot's and its
   * commander's; if one is refused, none runs (those registered already are closed).
   *
   * @param slot the run's id and start, the same at every node
   * @param own this node's value, of the spec's kind and at most its {@code maxValueBytes}
   * @return completes with the vector once every one of the n agreements has decided here; fails if any fails or
   *     ends without a decision
   * @throws IllegalStateException if this node's {@link LiveNode} has closed
   * @throws IllegalArgumentException if the value does not fit the spec, the slot's start passed
   *     more than the clock skew ago, or this node runs (or ran) the slot already
   */
  public CompletableFuture<Vector> interactive(Slot slot, Value own) {
    spec.check(own);
    List<LiveNode.Instance> instances = new ArrayList<>();
    try {
      for (int commander = 0; commander < spec.generals(); commander++) {
        instances.add(register(slot.commandedBy(commander), new Rotation(spec.generals(), commander)));
      }
    } catch (RuntimeException refused) {
      instances.forEach(LiveNode.Instance::close); // all of them or none
      throw refused;
    }
    List<CompletableFuture<Value>> entries = new ArrayList<>();
    for (int commander = 0; commander < spec.generals(); commander++) {
      LiveNode.Instance instance = instances.get(commander);
      instance.start(slot.startMillis());
      if (commander == self().index()) {
        entries.add(instance.input(new Input.Propose(own)).thenApply(taken -> own));
      } else {
        entries.add(instance.decision().thenApply(Decision::value));
      }
    }
    return CompletableFuture.allOf(entries.toArray(CompletableFuture[]::new)).thenApply(all -> {
      TreeMap<NodeId, Value> values = new TreeMap<>();
      for (int i = 0; i < entries.size(); i++) {
        values.put(NodeId.of(i), entries.get(i).join());
      }
      return new Vector(values);
    });
  }

  /**
   * This node's agreements on values of the application's type {@code T}, through {@code codec}.
   *
   * @param <T> the application's type
   * @param codec how a {@code T} becomes bytes and back; its encoding must be canonical (equal values, equal bytes)
   * @return a view of this node that proposes and decides {@code T}s, over the same instances
   * @throws IllegalArgumentException if the spec's values are not of kind {@code BYTES}
   */
  public <T> Typed<T> typed(ValueCodec<T> codec) {
    Objects.requireNonNull(codec, "codec");
    if (spec.kind() != Value.Kind.BYTES) {
      throw new IllegalArgumentException("typed values travel as bytes; these agreements are on values of kind "
          + spec.kind() + " (use AgreementSpec.bytes)");
    }
    return new Typed<>(this, codec);
  }

  private LiveNode.Instance register(Slot slot, Rotation rotation) {
    Objects.requireNonNull(slot, "slot");
    long late = System.currentTimeMillis() - slot.startMillis();
    if (late > maxSkewMillis) {
      throw new IllegalArgumentException("the start of instance " + slot.id() + " passed " + late + " ms ago, more"
          + " than the " + maxSkewMillis + " ms clocks may differ: propose or join before the start");
    }
    Environment.Builder env = live.environment(slot.id(), roundMillis);
    if (keys != null) {
      env.keys(rotation.keys(keys));
    }
    Setup<?> setup = rotation.setup(protocol.create(spec, env.build()));
    return live.register(slot.id(), setup);
  }

  /**
   * What interactive consistency agrees on: one value per node, the same at every loyal node,
   * the value of each loyal node its own.
   *
   * @param values each node's entry
   * @since 0.1.0
   */
  public record Vector(SortedMap<NodeId, Value> values) {
    /**
     * Copies the entries, sorted by node id, into an unmodifiable map.
     *
     * @param values each node's entry
     */
    public Vector {
      values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    /**
     * Node {@code node}'s entry: what the agreement with it as commander decided.
     *
     * @param node a node of the cluster
     * @return its entry (its own value, if it is loyal)
     * @throws IllegalArgumentException if the vector has no entry for {@code node}
     */
    public Value get(NodeId node) {
      Value v = values.get(node);
      if (v == null) {
        throw new IllegalArgumentException("the vector has entries for nodes " + values.keySet() + ", not " + node);
      }
      return v;
    }

    /**
     * The lower median of the entries, the same at every loyal node (a reading no traitor can move
     * beyond the loyal ones' range while loyal nodes are more than half).
     *
     * @return the median, a value of kind {@code NUMBER}
     * @throws IllegalStateException if the entries are not numbers
     */
    public Value median() {
      if (values.values().stream().anyMatch(v -> v.kind() != Value.Kind.NUMBER)) {
        throw new IllegalStateException("a median is of numbers; the vector holds " + values.values());
      }
      return Majority.median().choose(List.copyOf(values.values()));
    }

    /**
     * {@code majority} of the entries (say, the value more than half the nodes hold, or a default): the
     * same at every loyal node, which all hold the same vector.
     *
     * @param majority the function to apply, as {@link Majority#withDefault} or {@link Majority#median}
     * @return its choice among the entries, given in node order
     */
    public Value choose(Majority majority) {
      return majority.choose(List.copyOf(values.values()));
    }
  }

  /**
   * Agreements on an application's own type: proposals encoded by its codec, decisions decoded by
   * it. A decision a traitor commander made up, or the default when it equivocated, need not be an
   * encoding of a {@code T}: its future then fails with the codec's {@code IllegalArgumentException}
   * (the raw {@link AgreementNode} gives the bytes).
   *
   * @param <T> the application's type
   *
   * @since 0.1.0
   */
  public static final class Typed<T> {
    private final AgreementNode node;
    private final ValueCodec<T> codec;

    private Typed(AgreementNode node, ValueCodec<T> codec) {
      this.node = node;
      this.codec = codec;
    }

    /**
     * {@link AgreementNode#propose AgreementNode.propose} of {@code value}'s encoding; completes with the
     * decision, decoded.
     *
     * @param slot the instance's id and start, the same at every node
     * @param value the value to propose; its encoding must fit the spec's {@code maxValueBytes}
     * @return completes with {@code value} as decoded from its own encoding, when
     *     {@link AgreementNode#propose AgreementNode.propose}'s future does; fails as it does
     * @throws IllegalStateException as {@link AgreementNode#propose AgreementNode.propose} does: this node is
     *     not the commander, or has closed
     * @throws IllegalArgumentException if the encoding is too large, the slot's start has passed, or it runs already
     */
    public CompletableFuture<T> propose(Slot slot, T value) {
      return node.propose(slot, codec.toValue(value)).thenApply(d -> codec.fromValue(d.value()));
    }

    /**
     * {@link AgreementNode#join AgreementNode.join}; completes with the decision, decoded.
     *
     * @param slot the instance's id and start, the same at every node
     * @return completes with the decided value, decoded; fails with the codec's {@code IllegalArgumentException}
     *     if the decided bytes are not a {@code T} (a traitor's, or the spec's default), and otherwise as
     *     {@link AgreementNode#join AgreementNode.join}'s future does
     * @throws IllegalStateException as {@link AgreementNode#join AgreementNode.join} does: this node is the
     *     commander, or has closed
     * @throws IllegalArgumentException if the slot's start has passed, or this node runs it already
     */
    public CompletableFuture<T> join(Slot slot) {
      return node.join(slot).thenApply(d -> codec.fromValue(d.value()));
    }

    /**
     * {@link AgreementNode#interactive AgreementNode.interactive} of {@code own}'s encoding: each node's entry
     * decoded, empty where the agreed bytes are not a {@code T} (a traitor's, or the default).
     *
     * @param slot the run's id and start, the same at every node
     * @param own this node's value; its encoding must fit the spec's {@code maxValueBytes}
     * @return completes with every node's entry, by node id (unmodifiable), once all n agreements have decided
     *     here; fails as {@link AgreementNode#interactive AgreementNode.interactive}'s future does
     * @throws IllegalStateException if this node's {@link LiveNode} has closed
     * @throws IllegalArgumentException if the encoding is too large, the slot's start has passed, or it runs already
     */
    public CompletableFuture<SortedMap<NodeId, Optional<T>>> interactive(Slot slot, T own) {
      return node.interactive(slot, codec.toValue(own)).thenApply(v -> {
        TreeMap<NodeId, Optional<T>> out = new TreeMap<>();
        v.values().forEach((id, value) -> {
          Optional<T> decoded;
          try {
            decoded = Optional.of(codec.fromValue(value));
          } catch (IllegalArgumentException notAT) {
            decoded = Optional.empty();
          }
          out.put(id, decoded);
        });
        return Collections.unmodifiableSortedMap(out);
      });
    }
  }

  /**
   * The settings of an {@link AgreementNode}.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final LiveNode live;
    private final AgreementProtocol protocol;
    private final AgreementSpec spec;
    private long roundMillis = ClusterConfig.DEFAULT_ROUND_TIMEOUT_MILLIS;
    private long maxSkewMillis = ClusterConfig.DEFAULT_MAX_SKEW_MILLIS;
    private KeyRing keys;

    private Builder(LiveNode live, AgreementProtocol protocol, AgreementSpec spec) {
      this.live = Objects.requireNonNull(live, "live");
      this.protocol = Objects.requireNonNull(protocol, "protocol");
      this.spec = Objects.requireNonNull(spec, "spec");
      if (!protocol.carries(spec.kind())) {
        throw new IllegalArgumentException("protocol " + protocol.name() + " does not carry values of kind "
            + spec.kind());
      }
      if (live.self().index() >= spec.generals()) {
        throw new IllegalArgumentException("node " + live.self() + " is not one of the " + spec.generals()
            + " generals of these agreements");
      }
    }

    /**
     * The round length and clock skew of {@code cluster}.
     *
     * @param cluster the cluster's configuration, whose {@code roundTimeoutMillis} and {@code maxSkewMillis} are taken
     * @return this builder
     */
    public Builder cluster(ClusterConfig cluster) {
      roundMillis(cluster.roundTimeoutMillis());
      return maxSkewMillis(cluster.maxSkewMillis());
    }

    /**
     * How long a synchronous round lasts on the wall clock; the cluster default unless set. Every node of the
     * instances must be given the same, as their round deadlines fall at the same moments only so.
     *
     * @param roundMillis the round's length in milliseconds, positive
     * @return this builder
     * @throws IllegalArgumentException if it is not positive
     */
    public Builder roundMillis(long roundMillis) {
      if (roundMillis <= 0) {
        throw new IllegalArgumentException("a round lasts a positive number of milliseconds, got " + roundMillis);
      }
      this.roundMillis = roundMillis;
      return this;
    }

    /**
     * How far a start may have passed when this node is asked to run it (the cluster's clock skew): a slot
     * whose start passed longer ago is refused.
     *
     * @param maxSkewMillis the skew in milliseconds, 0 or more
     * @return this builder
     * @throws IllegalArgumentException if it is negative
     */
    public Builder maxSkewMillis(long maxSkewMillis) {
      if (maxSkewMillis < 0) {
        throw new IllegalArgumentException("a clock skew is not negative, got " + maxSkewMillis);
      }
      this.maxSkewMillis = maxSkewMillis;
      return this;
    }

    /**
     * The cluster's keys, for a protocol that signs: every node's public key and this node's
     * private key ({@link Certificates#ring} makes them from the cluster's certificates).
     *
     * @param keys the keys, by cluster node id
     * @return this builder
     */
    public Builder keys(KeyRing keys) {
      this.keys = Objects.requireNonNull(keys, "keys");
      return this;
    }

    /**
     * Builds the node; a protocol that signs must have been given the cluster's keys.
     *
     * @return the node, with the settings given so far
     * @throws IllegalArgumentException if the protocol signs and no keys were given, or the keys
     *     hold no private key for this node
     */
    public AgreementNode build() {
      if (protocol.capabilities().contains(Protocol.Capability.SIGNATURES)) {
        if (keys == null) {
          throw new IllegalArgumentException("protocol " + protocol.name() + " signs: give the node the cluster's keys"
              + " (Builder.keys, e.g. Certificates.ring)");
        }
        if (keys.privateKey(live.self()).isEmpty()) {
          throw new IllegalArgumentException("the keys hold no private key for node " + live.self() + ", which signs");
        }
      }
      return new AgreementNode(this);
    }
  }
}
