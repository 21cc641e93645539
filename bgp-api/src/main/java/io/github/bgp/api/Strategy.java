package io.github.bgp.api;

import io.github.bgp.spi.Builtin;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a traitor behaves: for each message a loyal general in its place would send, what it
 * sends instead, or nothing at all.
 *
 * <p>A strategy is a pure policy. The protocol decides what a traitor <em>can</em> do (under
 * oral messages it can say anything; under signed messages it cannot forge the commander's
 * signature) and asks the strategy only for the value. The four built-in strategies are part of
 * the library's contract and behave exactly so:
 *
 * <ul>
 *   <li>{@link #FLIP flip}: sends the opposite of the honest value to every recipient:
 *       ATTACK and RETREAT swap; a number {@code x} becomes {@code ~x = -x - 1} (an
 *       order-reversing involution with no fixed point, so a flipped number always differs).
 *   <li>{@link #SPLIT split}: sends ATTACK to odd-numbered recipients and RETREAT to
 *       even-numbered ones, whatever it received; with numbers, the honest value plus one to
 *       odd-numbered recipients and minus one to even-numbered ones (held at the ends of the
 *       long range, never wrapping around).
 *   <li>{@link #SILENT silent}: sends nothing (the receivers detect the absence, A3).
 *   <li>{@link #RANDOM random}: each value is drawn from the run's seeded random source
 *       (the message's {@link Outgoing#entropy() entropy}): ATTACK or RETREAT with equal
 *       probability; with numbers, the honest value plus a uniform offset in [-100, 100].
 * </ul>
 *
 * <p>{@link #HONEST honest} (a traitor that happens to tell the truth) and
 * {@link #scripted scripted} (a table of lies, to replay a textbook example or a found
 * counterexample) complete the set. Strategies must be stateless or thread-safe: a runtime may
 * ask for values from several threads.
 *
 * @since 0.1.0
 */
public interface Strategy {

  /**
   * The name scenarios and the command line use.
   *
   * @return {@code honest}, {@code flip}, {@code split}, {@code silent}, {@code random},
   *     {@code scripted}, or a per-traitor list such as {@code 1=flip,2=silent}
   */
  String name();

  /**
   * What the traitor sends in place of {@code message}.
   *
   * @param message what a loyal general would send, with the entropy to draw from
   * @return the value to send, of the same kind as {@link Outgoing#honest()}, or empty to send
   *     nothing
   */
  Optional<Value> send(Outgoing message);

  /**
   * One message a traitor is about to send, as a loyal general would send it.
   *
   * <p>Implementations may compute {@link #path()} lazily; strategies that do not need it should
   * not call it.
   *
   * @since 0.1.0
   */
  interface Outgoing {
    /**
     * The traitor.
     *
     * @return the sending node's id
     */
    NodeId from();

    /**
     * The recipient.
     *
     * @return the receiving node's id, never on {@link #path()}
     */
    NodeId to();

    /**
     * The round the message is sent in.
     *
     * @return the round, 1 for the commander's order
     */
    int round();

    /**
     * The generals the value has passed through, ending with the sender: {@code [0]} for the
     * commander's order, {@code [0, 2]} for lieutenant 2 relaying it. Under signed messages, the
     * signers of the chain in order.
     *
     * @return the path, at least one general long
     */
    List<NodeId> path();

    /**
     * What a loyal general in the traitor's place would send.
     *
     * @return the honest value, of the run's kind
     */
    Value honest();

    /**
     * 64 bits derived from the run's seed and this message's identity, for strategies that draw:
     * the same message of the same run gets the same bits, whatever thread asks.
     *
     * @return the bits
     */
    long entropy();
  }

  /**
   * An {@link Outgoing} with every part given: for protocols (and tests) that have the path at
   * hand when they ask a strategy.
   *
   * @param from the traitor
   * @param to the recipient
   * @param round the round the message is sent in, 1 for the commander's order
   * @param path the generals the value has passed through, ending with the sender
   * @param honest what a loyal general would send
   * @param entropy 64 bits derived from the run's seed and the message's identity
   * @since 0.1.0
   */
  record Message(NodeId from, NodeId to, int round, List<NodeId> path, Value honest, long entropy)
      implements Outgoing {
    /**
     * Checks the parts and copies the path.
     *
     * @param from the traitor
     * @param to the recipient
     * @param round the round the message is sent in, 1 for the commander's order
     * @param path the generals the value has passed through, ending with the sender
     * @param honest what a loyal general would send
     * @param entropy 64 bits derived from the run's seed and the message's identity
     * @throws NullPointerException if {@code from}, {@code to}, {@code path} or {@code honest} is null
     */
    public Message {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      path = List.copyOf(path);
      Objects.requireNonNull(honest, "honest");
    }
  }

  /**
   * The built-in strategy with this name: {@code honest}, {@code flip}, {@code split}, {@code silent},
   * {@code random}.
   *
   * @param name the name, in any case, white space around it ignored
   * @return the strategy
   * @throws IllegalArgumentException for any other name, listing the valid ones
   */
  static Strategy byName(String name) {
    for (Builtin b : Builtin.all()) {
      if (b.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
        return b;
      }
    }
    throw new IllegalArgumentException("unknown strategy '" + name + "' (expected one of " + Builtin.names() + ")");
  }

  /**
   * A table of lies: each entry says what the traitor at the end of {@code path} tells
   * {@code to} (or that it says nothing); messages not in the table follow {@code otherwise}.
   *
   * @param lies the table; at most one lie per path and recipient
   * @param otherwise the strategy for every message the table does not mention
   * @return the strategy, named {@code scripted}
   * @throws IllegalArgumentException if two lies have the same path and recipient
   */
  static Strategy scripted(List<Lie> lies, Strategy otherwise) {
    return new Scripted(lies, otherwise);
  }

  /**
   * Each traitor its own strategy: {@code byTraitor} names some traitors' strategies, and the
   * others follow {@code otherwise}. A protocol asks {@link #forTraitor} for one traitor's.
   *
   * @param byTraitor the strategies of some traitors (copied); none may itself be per traitor
   * @param otherwise the strategy of the traitors not named
   * @return the strategy
   * @throws IllegalArgumentException if a named strategy is itself per traitor
   * @throws NullPointerException if a strategy is null
   */
  static Strategy perTraitor(Map<NodeId, Strategy> byTraitor, Strategy otherwise) {
    return new PerTraitor(byTraitor, otherwise);
  }

  /**
   * The strategy the traitor {@code traitor} follows: this one, or, for a
   * {@link #perTraitor per-traitor} strategy, the one it names for {@code traitor}.
   *
   * @param traitor a traitor of the run
   * @return the strategy it follows, never a per-traitor one
   */
  default Strategy forTraitor(NodeId traitor) {
    return this;
  }

  /** Sends what a loyal general would. */
  Strategy HONEST = Builtin.HONEST;
  /** Sends the opposite of the honest value. */
  Strategy FLIP = Builtin.FLIP;
  /** ATTACK to odd-numbered recipients, RETREAT to even-numbered ones. */
  Strategy SPLIT = Builtin.SPLIT;
  /** Sends nothing. */
  Strategy SILENT = Builtin.SILENT;
  /** Sends a value drawn from the run's seeded random source. */
  Strategy RANDOM = Builtin.RANDOM;

  /**
   * The built-in strategies, in the order honest, flip, split, silent, random.
   *
   * @return the five strategies, unmodifiable
   */
  static List<Strategy> builtins() {
    return List.copyOf(Builtin.all());
  }

  /**
   * One line of a scripted table: the traitor at the end of {@code path} tells {@code to} the
   * {@code value}, or nothing if it is empty.
   *
   * @param path the generals the value passed through, ending with the traitor who lies
   * @param to the recipient, not on the path
   * @param value what the traitor sends, of the run's kind; empty to send nothing
   * @since 0.1.0
   */
  record Lie(List<NodeId> path, NodeId to, Optional<Value> value) {
    /**
     * Checks the lie and copies the path.
     *
     * @param path the generals the value passed through, ending with the traitor who lies
     * @param to the recipient, not on the path
     * @param value what the traitor sends, of the run's kind; empty to send nothing
     * @throws IllegalArgumentException if the path is empty or contains {@code to}
     * @throws NullPointerException if a part is null
     */
    public Lie {
      path = List.copyOf(path);
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(value, "value");
      if (path.isEmpty()) {
        throw new IllegalArgumentException("a lie needs a path that ends with the traitor who tells it");
      }
      if (path.contains(to)) {
        throw new IllegalArgumentException("lie on path " + path + " is addressed to " + to + ", who is already on the path");
      }
    }

    /**
     * The traitor who tells the lie.
     *
     * @return the last general on the path
     */
    public NodeId from() {
      return path.get(path.size() - 1);
    }

    @Override
    public String toString() {
      return path + " -> " + to + ": " + value.map(Value::toString).orElse("(nothing)");
    }
  }

  /**
   * A table of lies over a fallback strategy.
   *
   * @since 0.1.0
   */
  final class Scripted implements Strategy {
    private final Map<List<Object>, Lie> table;
    private final Strategy otherwise;

    Scripted(List<Lie> lies, Strategy otherwise) {
      this.otherwise = Objects.requireNonNull(otherwise, "otherwise");
      Map<List<Object>, Lie> t = new LinkedHashMap<>();
      for (Lie lie : lies) {
        Lie previous = t.put(key(lie.path(), lie.to()), lie);
        if (previous != null) {
          throw new IllegalArgumentException("the script has two lies for path " + lie.path() + " to " + lie.to());
        }
      }
      this.table = Collections.unmodifiableMap(t);
    }

    private static List<Object> key(List<NodeId> path, NodeId to) {
      return List.of(path, to);
    }

    /**
     * The lies in the order they were given.
     *
     * @return the table's lies, unmodifiable
     */
    public List<Lie> lies() {
      return List.copyOf(table.values());
    }

    /**
     * The strategy for messages the table does not mention.
     *
     * @return the fallback strategy
     */
    public Strategy otherwise() {
      return otherwise;
    }

    @Override
    public String name() {
      return "scripted";
    }

    @Override
    public Optional<Value> send(Outgoing m) {
      Lie lie = table.get(key(m.path(), m.to()));
      if (lie == null) {
        return otherwise.send(m);
      }
      lie.value().ifPresent(v -> {
        if (v.kind() != m.honest().kind()) {
          throw new IllegalArgumentException("scripted lie " + lie + " is not of the run's kind (" + m.honest().kind() + ")");
        }
      });
      return lie.value();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Scripted s && s.table.equals(table) && s.otherwise.equals(otherwise);
    }

    @Override
    public int hashCode() {
      return table.hashCode() * 31 + otherwise.hashCode();
    }

    @Override
    public String toString() {
      return "scripted" + table.values() + " otherwise " + otherwise.name();
    }
  }

  /**
   * Each traitor its own strategy.
   *
   * @since 0.1.0
   */
  final class PerTraitor implements Strategy {
    private final java.util.SortedMap<NodeId, Strategy> byTraitor;
    private final Strategy otherwise;

    PerTraitor(Map<NodeId, Strategy> byTraitor, Strategy otherwise) {
      this.byTraitor = Collections.unmodifiableSortedMap(new java.util.TreeMap<>(byTraitor));
      this.otherwise = Objects.requireNonNull(otherwise, "otherwise");
      for (Map.Entry<NodeId, Strategy> e : this.byTraitor.entrySet()) {
        Objects.requireNonNull(e.getValue(), "strategy of " + e.getKey());
        if (e.getValue() instanceof PerTraitor) {
          throw new IllegalArgumentException("traitor " + e.getKey() + "'s strategy is itself per traitor");
        }
      }
    }

    /**
     * The strategies named per traitor.
     *
     * @return them by traitor id, unmodifiable
     */
    public java.util.SortedMap<NodeId, Strategy> byTraitor() {
      return byTraitor;
    }

    /**
     * The strategy of traitors not named.
     *
     * @return the fallback strategy
     */
    public Strategy otherwise() {
      return otherwise;
    }

    @Override
    public Strategy forTraitor(NodeId traitor) {
      return byTraitor.getOrDefault(traitor, otherwise).forTraitor(traitor);
    }

    @Override
    public String name() {
      StringBuilder b = new StringBuilder();
      byTraitor.forEach((id, st) -> b.append(b.length() == 0 ? "" : ",").append(id).append('=').append(st.name()));
      return b + (otherwise.equals(Strategy.RANDOM) ? "" : ",otherwise=" + otherwise.name());
    }

    @Override
    public Optional<Value> send(Outgoing message) {
      return forTraitor(message.from()).send(message);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof PerTraitor p && p.byTraitor.equals(byTraitor) && p.otherwise.equals(otherwise);
    }

    @Override
    public int hashCode() {
      return byTraitor.hashCode() * 31 + otherwise.hashCode();
    }

    @Override
    public String toString() {
      return name();
    }
  }
}
