package io.github.bgp.sim.teaching;

import io.github.bgp.api.LogicalMessage;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A traced run of OM(m) as the lecture notes teach it: for every lieutenant, the tree of what it
 * heard, each message marked with what a loyal sender would have sent (so a lie shows beside its
 * honest value), each message that never came marked with the default used instead (A3), each
 * path folded by the scenario's majority from the leaves up to the lieutenant's decision (ties
 * flagged), and the tables the notes draw: what it heard about each lieutenant's value, from whom,
 * with the majority of each column.
 *
 * <p>Everything is computed from the trace alone, as a student would from the dump:
 *
 * <ul>
 *   <li>the messages a lieutenant L expects are one along every path {@code [0, a1..ak]} of
 *       distinct generals without L, k at most m; a path with no message is <em>absent</em>, and
 *       L uses the scenario's fallback in its place;
 *   <li>the honest value of the commander's message is its order; of a relay along
 *       {@code [0, a1..ak]}, what {@code ak} used along {@code [0, a1..a(k-1)]} (which is in
 *       {@code ak}'s own tree); a message from a traitor that differs from it, or that it did not
 *       send, is a <em>lie</em>;
 *   <li>a leaf's fold is the value used there; any other path's fold is the scenario's majority
 *       of the value used there and its children's folds, in id order; a fold is a <em>tie</em>
 *       when no value holds more than half of its votes. The fold at the root is what a loyal
 *       lieutenant decides: OM(m) decides exactly so (Lamport, Shostak and Pease, step 3), and
 *       {@link View#decision()} is the run's own decision, to compare.
 * </ul>
 *
 * <p>The model is plain records, for views and reports to draw; it applies to protocols whose
 * lieutenants relay every value along every path, as OM(m) does.
 *
 * @param scenario the scenario that ran
 * @param views one per lieutenant, in id order, traitors included (they receive too)
 * @since 0.1.0
 */
public record Lesson(Scenario scenario, List<View> views) {

  /**
   * Checks its components and copies its collections.
   *
   * @param scenario the scenario that ran
   * @param views one per lieutenant, in id order, traitors included (they receive too)
   */
  public Lesson {
    Objects.requireNonNull(scenario, "scenario");
    views = List.copyOf(views);
  }

  /**
   * The lesson of a traced run of OM(m).
   *
   * @param outcome a traced run's outcome
   * @return every lieutenant's view of the run
   * @throws IllegalArgumentException if the run was not traced, or its trace is not one of a
   *     protocol that relays along paths from the commander (a message whose path does not start
   *     with the commander and end with its sender, reaches a general on it, or is longer than m+1)
   */
  public static Lesson of(Outcome outcome) {
    if (outcome.trace().isEmpty() && outcome.messages() > 0) {
      throw new IllegalArgumentException("the run was not traced: run it with tracing on to see what each"
          + " lieutenant heard");
    }
    return new Builder(outcome).build();
  }

  /**
   * The view of {@code lieutenant}.
   *
   * @param lieutenant a lieutenant
   * @return its view, or empty if it is not one of the scenario's lieutenants
   */
  public Optional<View> view(NodeId lieutenant) {
    return views.stream().filter(v -> v.lieutenant().equals(lieutenant)).findFirst();
  }

  /**
   * What one lieutenant heard and did with it.
   *
   * @param lieutenant who
   * @param traitor whether it is a traitor (its folds are what a loyal general in its place would
   *     decide; the run records no decision for it)
   * @param root the commander's message to it, path {@code [0]}, with every relay below
   * @param decision what the run says it decided; empty for a traitor or a lieutenant that did not
   * @param received how many messages it received (absent ones not counted)
   * @param matrices its tables, the root's first (see {@link Matrix})
   * @since 0.1.0
   */
  public record View(NodeId lieutenant, boolean traitor, Heard root, Optional<Value> decision, int received,
      List<Matrix> matrices) {

    /**
     * Checks its components and copies its collections.
     *
     * @param lieutenant who
     * @param traitor whether it is a traitor (its folds are what a loyal general in its place would
     *     decide; the run records no decision for it)
     * @param root the commander's message to it, path {@code [0]}, with every relay below
     * @param decision what the run says it decided; empty for a traitor or a lieutenant that did not
     * @param received how many messages it received (absent ones not counted)
     * @param matrices its tables, the root's first (see {@link Matrix})
     */
    public View {
      Objects.requireNonNull(lieutenant, "lieutenant");
      Objects.requireNonNull(root, "root");
      Objects.requireNonNull(decision, "decision");
      matrices = List.copyOf(matrices);
    }

    /**
     * Every path of its tree, each before its children, children in id order: the order the notes dump them.
     *
     * @return the paths
     */
    public List<Heard> paths() {
      List<Heard> all = new ArrayList<>();
      root.walk(all);
      return Collections.unmodifiableList(all);
    }

    /**
     * Its lies, in tree order.
     *
     * @return the lies
     */
    public List<Heard> lies() {
      return paths().stream().filter(Heard::lie).toList();
    }

    /**
     * The paths along which no message came, in tree order.
     *
     * @return the absent paths
     */
    public List<Heard> absent() {
      return paths().stream().filter(Heard::absent).toList();
    }
  }

  /**
   * One path of a lieutenant's tree: the message along it, or its absence, and the fold.
   *
   * @param path the generals the value passed through, ending with the sender ({@code [0]}: the
   *     commander's order)
   * @param to the lieutenant whose tree this is
   * @param level how many relays of it are still to come (0 at the leaves), as the notes number it
   * @param message the message, or empty if none came
   * @param used the message's value, or the fallback when none came
   * @param honest what a loyal sender would have sent along this path
   * @param lie whether the sender is a traitor that sent something else than {@code honest}, or nothing
   * @param fold the majority of {@code used} and the children's folds (at a leaf, {@code used})
   * @param children the relays of this value, in id order of their senders
   * @since 0.1.0
   */
  public record Heard(List<NodeId> path, NodeId to, int level, Optional<LogicalMessage> message, Value used,
      Value honest, boolean lie, Fold fold, List<Heard> children) {

    /**
     * Checks its components and copies its collections.
     *
     * @param path the generals the value passed through, ending with the sender ({@code [0]}: the
     *     commander's order)
     * @param to the lieutenant whose tree this is
     * @param level how many relays of it are still to come (0 at the leaves), as the notes number it
     * @param message the message, or empty if none came
     * @param used the message's value, or the fallback when none came
     * @param honest what a loyal sender would have sent along this path
     * @param lie whether the sender is a traitor that sent something else than {@code honest}, or nothing
     * @param fold the majority of {@code used} and the children's folds (at a leaf, {@code used})
     * @param children the relays of this value, in id order of their senders
     * @throws IllegalArgumentException if {@code path} is empty
     * @throws NullPointerException if a part is null
     */
    public Heard {
      path = List.copyOf(path);
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(used, "used");
      Objects.requireNonNull(honest, "honest");
      Objects.requireNonNull(fold, "fold");
      children = List.copyOf(children);
      if (path.isEmpty()) {
        throw new IllegalArgumentException("a path ends with its sender, so it is never empty");
      }
    }

    /**
     * The sender: the last general of the path.
     *
     * @return the sender
     */
    public NodeId from() {
      return path.get(path.size() - 1);
    }

    /**
     * Whether no message came along this path.
     *
     * @return whether the message is missing
     */
    public boolean absent() {
      return message.isEmpty();
    }

    /**
     * Whether nothing is relayed further along it.
     *
     * @return whether it has no children
     */
    public boolean leaf() {
      return children.isEmpty();
    }

    /**
     * The relay of this value by {@code sender}, if it is one of the children.
     *
     * @param sender the relaying general
     * @return its relay, or empty
     */
    public Optional<Heard> child(NodeId sender) {
      return children.stream().filter(c -> c.from().equals(sender)).findFirst();
    }

    private void walk(List<Heard> into) {
      into.add(this);
      children.forEach(c -> c.walk(into));
    }
  }

  /**
   * A majority taken: the votes, in order (the path's own value first, then its children's
   * folds), and what the scenario's majority chose.
   *
   * @param value what the majority chose
   * @param votes the votes, the path's own value first, then its children's folds
   * @param tie whether no value holds more than half of the votes (the majority fell back on its
   *     default, or, for the median, chose without a majority)
   * @since 0.1.0
   */
  public record Fold(Value value, List<Value> votes, boolean tie) {

    /**
     * Checks its components and copies its collections.
     *
     * @param value what the majority chose
     * @param votes the votes, the path's own value first, then its children's folds
     * @param tie whether no value holds more than half of the votes (the majority fell back on its
     *     default, or, for the median, chose without a majority)
     * @throws IllegalArgumentException if {@code votes} is empty
     * @throws NullPointerException if {@code value} or {@code votes} is null
     */
    public Fold {
      Objects.requireNonNull(value, "value");
      votes = List.copyOf(votes);
      if (votes.isEmpty()) {
        throw new IllegalArgumentException("a fold has at least one vote");
      }
    }
  }

  /**
   * One of a lieutenant's tables, as the SCC311 notes draw it for the lieutenant's vote: for a
   * path {@code q} (the root {@code [0]} first), the columns are {@code q} itself and each
   * extension {@code q+[j]}; the first row holds what the lieutenant heard along each column's
   * path directly, and the row of each other lieutenant {@code i} what {@code i} said it heard,
   * the folds of {@code q+[j, i]}. The majority of each column is that column's fold, and the
   * majority of those is {@code q}'s fold: at the root, the decision. A lieutenant has one table
   * for each path with at most m-2 relays (just the root for m &le; 2).
   *
   * @param lieutenant whose table
   * @param path {@code q}
   * @param columns {@code q} and its extensions, as nodes of the lieutenant's tree
   * @param rows the direct row, then one per other lieutenant in id order
   * @param majorities the fold of each column
   * @param result {@code q}'s fold
   * @since 0.1.0
   */
  public record Matrix(NodeId lieutenant, List<NodeId> path, List<Heard> columns, List<Row> rows,
      List<Fold> majorities, Fold result) {

    /**
     * Checks its components and copies its collections.
     *
     * @param lieutenant whose table
     * @param path {@code q}
     * @param columns {@code q} and its extensions, as nodes of the lieutenant's tree
     * @param rows the direct row, then one per other lieutenant in id order
     * @param majorities the fold of each column
     * @param result {@code q}'s fold
     */
    public Matrix {
      path = List.copyOf(path);
      columns = List.copyOf(columns);
      rows = List.copyOf(rows);
      majorities = List.copyOf(majorities);
      Objects.requireNonNull(result, "result");
    }
  }

  /**
   * A row of a {@link Matrix}.
   *
   * @param reporter the lieutenant whose reports it holds; empty for the direct row
   * @param cells one per column; empty where the reporter says nothing (about itself, or about
   *     the path's own value)
   * @since 0.1.0
   */
  public record Row(Optional<NodeId> reporter, List<Optional<Cell>> cells) {

    /**
     * Checks its components and copies its collections.
     *
     * @param reporter the lieutenant whose reports it holds; empty for the direct row
     * @param cells one per column; empty where the reporter says nothing (about itself, or about
     *     the path's own value)
     */
    public Row {
      Objects.requireNonNull(reporter, "reporter");
      cells = List.copyOf(cells);
    }
  }

  /**
   * A value in a {@link Matrix}.
   *
   * @param heard the path it comes from
   * @param value what the table shows: the value used along the path in the direct row, the
   *     path's fold in a reporter's row
   * @param folded whether {@code value} is a fold of relays below (only when m is 3 or more)
   * @since 0.1.0
   */
  public record Cell(Heard heard, Value value, boolean folded) {

    /**
     * Checks its components.
     *
     * @param heard the path it comes from
     * @param value what the table shows: the value used along the path in the direct row, the
     *     path's fold in a reporter's row
     * @param folded whether {@code value} is a fold of relays below (only when m is 3 or more)
     */
    public Cell {
      Objects.requireNonNull(heard, "heard");
      Objects.requireNonNull(value, "value");
    }
  }

  /** Builds the lesson of one outcome. */
  private static final class Builder {
    private final Outcome outcome;
    private final Scenario s;
    private final int depth;
    private final Map<NodeId, Map<List<NodeId>, LogicalMessage>> byReceiver = new HashMap<>();

    Builder(Outcome outcome) {
      this.outcome = outcome;
      this.s = outcome.scenario();
      this.depth = Math.min(s.m(), s.generals() - 2) + 1; // paths run out of lieutenants when m > n-2
      for (LogicalMessage m : outcome.trace()) {
        check(m);
        LogicalMessage before = byReceiver.computeIfAbsent(m.to(), k -> new HashMap<>()).put(m.path(), m);
        if (before != null) {
          throw new IllegalArgumentException("the trace holds two messages along path " + m.path() + " to " + m.to());
        }
      }
    }

    private void check(LogicalMessage m) {
      List<NodeId> p = m.path();
      String problem = null;
      if (p.isEmpty() || !p.get(0).equals(NodeId.COMMANDER)) {
        problem = "does not start with the commander";
      } else if (!p.get(p.size() - 1).equals(m.from())) {
        problem = "does not end with its sender " + m.from();
      } else if (p.contains(m.to()) || m.to().equals(NodeId.COMMANDER)) {
        problem = "reaches " + m.to() + ", who has seen the value";
      } else if (p.size() > depth) {
        problem = "is longer than the " + depth + " generals a path of this scenario can have";
      } else if (p.stream().distinct().count() != p.size()) {
        problem = "passes a general twice";
      }
      if (problem != null) {
        throw new IllegalArgumentException("the trace is not of a protocol that relays along paths from the"
            + " commander: the path " + p + " of the message to " + m.to() + " " + problem);
      }
    }

    Lesson build() {
      List<View> views = new ArrayList<>();
      for (NodeId l : s.lieutenants()) {
        Heard root = heard(l, List.of(NodeId.COMMANDER), s.order());
        Optional<Value> decision = Optional.ofNullable(outcome.decisions().get(l)).map(d -> d.value());
        int received = Math.toIntExact(outcome.received().getOrDefault(l, 0L));
        views.add(new View(l, s.isTraitor(l), root, decision, received, matrices(l, root)));
      }
      return new Lesson(s, views);
    }

    private Optional<LogicalMessage> message(NodeId to, List<NodeId> path) {
      return Optional.ofNullable(byReceiver.getOrDefault(to, Map.of()).get(path));
    }

    /** What {@code general} used along {@code path}: the value it received, or the fallback. */
    private Value used(NodeId general, List<NodeId> path) {
      return message(general, path).map(LogicalMessage::value).orElse(s.fallback());
    }

    private Heard heard(NodeId to, List<NodeId> path, Value honest) {
      Optional<LogicalMessage> m = message(to, path);
      Value used = m.map(LogicalMessage::value).orElse(s.fallback());
      NodeId from = path.get(path.size() - 1);
      boolean lie = s.isTraitor(from) && !m.map(LogicalMessage::value).equals(Optional.of(honest));
      List<Heard> children = new ArrayList<>();
      if (path.size() < depth) {
        for (NodeId i : s.lieutenants()) {
          if (!i.equals(to) && !path.contains(i)) {
            List<NodeId> longer = new ArrayList<>(path);
            longer.add(i);
            children.add(heard(to, longer, used(i, path)));
          }
        }
      }
      List<Value> votes = new ArrayList<>();
      votes.add(used);
      children.forEach(c -> votes.add(c.fold().value()));
      Fold fold = children.isEmpty() ? new Fold(used, votes, false) : fold(votes);
      return new Heard(path, to, depth - path.size(), m, used, honest, lie, fold, children);
    }

    private Fold fold(List<Value> votes) {
      Value chosen = s.majority().choose(votes);
      Map<Value, Integer> counts = new HashMap<>();
      votes.forEach(v -> counts.merge(v, 1, Integer::sum));
      boolean majority = counts.values().stream().anyMatch(c -> 2 * c > votes.size());
      return new Fold(chosen, votes, !majority);
    }

    private List<Matrix> matrices(NodeId lieutenant, Heard root) {
      List<Matrix> all = new ArrayList<>();
      collect(lieutenant, root, Math.max(0, s.m() - 2), all);
      return all;
    }

    private void collect(NodeId lieutenant, Heard q, int deepest, List<Matrix> into) {
      into.add(matrix(lieutenant, q));
      if (q.path().size() - 1 < deepest) {
        q.children().forEach(c -> collect(lieutenant, c, deepest, into));
      }
    }

    private Matrix matrix(NodeId lieutenant, Heard q) {
      List<Heard> columns = new ArrayList<>();
      columns.add(q);
      columns.addAll(q.children());
      List<Row> rows = new ArrayList<>();
      List<Optional<Cell>> direct = new ArrayList<>();
      for (Heard c : columns) {
        direct.add(Optional.of(new Cell(c, c.used(), false)));
      }
      rows.add(new Row(Optional.empty(), direct));
      boolean reported = q.children().stream().anyMatch(c -> !c.leaf());
      if (reported) {
        for (NodeId i : s.lieutenants()) {
          if (i.equals(lieutenant) || q.path().contains(i)) {
            continue;
          }
          List<Optional<Cell>> cells = new ArrayList<>();
          cells.add(Optional.empty());
          for (Heard c : q.children()) {
            cells.add(c.child(i).map(g -> new Cell(g, g.fold().value(), !g.leaf())));
          }
          rows.add(new Row(Optional.of(i), cells));
        }
      }
      List<Fold> majorities = new ArrayList<>();
      majorities.add(new Fold(q.used(), List.of(q.used()), false));
      q.children().forEach(c -> majorities.add(c.fold()));
      return new Matrix(lieutenant, q.path(), columns, rows, majorities, q.fold());
    }
  }
}
