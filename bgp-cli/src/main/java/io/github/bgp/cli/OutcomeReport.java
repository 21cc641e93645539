package io.github.bgp.cli;

import io.github.bgp.api.Decision;
import io.github.bgp.api.DropReason;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * One run for people to read, in the style of the lecture notes: a row per general with what it
 * heard and what it decided, then the cost, the guarantee, and whether IC1 and IC2 held.
 */
final class OutcomeReport {

  private OutcomeReport() {}

  static String render(Outcome o) {
    return render(o, false);
  }

  /** The report of a run, or of an evaluation ({@code evaluated}), which sends no message. */
  static String render(Outcome o, boolean evaluated) {
    Scenario s = o.scenario();
    StringBuilder b = new StringBuilder();
    b.append(Words.algorithm(o.protocol(), s.m())).append(" with ").append(s.generals()).append(" generals (seed ")
        .append(s.seed()).append("): the commander orders ").append(s.order());
    if (!s.majority().name().equals("default")) {
      b.append(", majority ").append(s.majority().name());
    }
    b.append('\n').append(Words.traitors(s)).append("\n\n");
    b.append(table(o)).append('\n');
    b.append(summary(o, evaluated)).append('\n');
    b.append(ic1(o)).append('\n');
    b.append(ic2(o)).append('\n');
    for (String line : evidence(o)) {
      b.append(line).append('\n');
    }
    return b.toString();
  }

  /**
   * What the lieutenants can prove, one line per distinct fact: {@code lieutenants 1, 2: the
   * commander signed both RETREAT and ATTACK: it is a proven traitor}.
   */
  static List<String> evidence(Outcome o) {
    Map<String, List<NodeId>> byFact = new LinkedHashMap<>();
    o.decisions().forEach((id, d) -> d.evidence().forEach(fact -> byFact.computeIfAbsent(fact, f -> new ArrayList<>()).add(id)));
    List<String> lines = new ArrayList<>();
    byFact.forEach((fact, ids) -> lines.add((ids.size() == 1 ? "lieutenant " : "lieutenants ") + Words.ids(ids) + ": " + fact));
    return lines;
  }

  /** One row per general: commander first, then the lieutenants in order. */
  static String table(Outcome o) {
    Scenario s = o.scenario();
    Table t = new Table("general", "heard", "decided", "received").alignRight(3);
    List<NodeId> generals = new ArrayList<>();
    generals.add(s.commander());
    generals.addAll(s.lieutenants());
    for (NodeId id : generals) {
      Decision d = o.decisions().get(id);
      String decided = d != null ? d.value().toString() : o.undecided().contains(id) ? "(none)" : "-";
      t.row(Words.general(id) + (s.isTraitor(id) ? " (traitor)" : ""),
          d != null && !d.heard().isEmpty() ? heard(d.heard()) : "-",
          decided,
          Words.count(o.received().getOrDefault(id, 0L)));
    }
    return t.render();
  }

  /** {@code C:ATTACK L2:ATTACK L3:RETREAT}. */
  static String heard(SortedMap<NodeId, Value> heard) {
    return heard.entrySet().stream()
        .map(e -> (e.getKey().equals(NodeId.COMMANDER) ? "C" : "L" + e.getKey()) + ":" + e.getValue())
        .collect(Collectors.joining(" "));
  }

  private static String summary(Outcome o, boolean evaluated) {
    Table t = Table.withoutHeader(2);
    if (evaluated) {
      t.row("messages", Words.plural(o.messages(), "logical message") + " a run would send"
          + received(o).replace(" received ", " would receive ") + " (evaluated: none sent)");
    } else {
      t.row("messages", Words.plural(o.messages(), "logical message") + " in " + Words.plural(o.frames(), "frame")
          + " (" + Words.plural(o.bytes(), "byte") + ")" + received(o));
    }
    t.row("rounds", Integer.toString(o.rounds()));
    if (o.counter("signatures.made") > 0 || o.counter("signatures.verified") > 0) {
      t.row("signatures", Words.count(o.counter("signatures.made")) + " made, "
          + Words.count(o.counter("signatures.verified")) + " verified");
    }
    if (o.counter("messages.rejected") > 0) {
      t.row("rejected", Words.plural(o.counter("messages.rejected"), "message")
          + " whose signatures did not hold (forged, replayed or malformed)");
    }
    if (o.droppedTotal() > 0) {
      List<String> reasons = new ArrayList<>();
      for (Map.Entry<DropReason, Long> e : o.dropped().entrySet()) {
        reasons.add(Words.count(e.getValue()) + " " + e.getKey().description());
      }
      t.row("dropped", Words.plural(o.droppedTotal(), "frame") + ": " + String.join("; ", reasons));
    }
    t.row("guarantee", o.guarantee().toString());
    return t.render();
  }

  private static String received(Outcome o) {
    List<Long> counts = new ArrayList<>();
    for (NodeId l : o.scenario().lieutenants()) {
      counts.add(o.received().getOrDefault(l, 0L));
    }
    long least = counts.stream().mapToLong(Long::longValue).min().orElse(0);
    long most = counts.stream().mapToLong(Long::longValue).max().orElse(0);
    if (least == most) {
      return "; each lieutenant received " + Words.count(least);
    }
    return "; the lieutenants received " + Words.count(least) + " to " + Words.count(most) + " each";
  }

  /** Whether IC1 held, in a sentence that names who decided what. */
  static String ic1(Outcome o) {
    if (o.scenario().loyalLieutenants().isEmpty()) {
      return "IC1 holds vacuously: there is no loyal lieutenant";
    }
    if (o.ic1()) {
      return "IC1 held: every loyal lieutenant decided " + o.decisions().values().iterator().next().value();
    }
    return "IC1 violated: " + who(o.values(), o.undecided());
  }

  /** Whether IC2 held, in a sentence; vacuous when the commander is a traitor. */
  static String ic2(Outcome o) {
    Scenario s = o.scenario();
    if (!s.commanderIsLoyal()) {
      return "IC2 holds vacuously: the commander is a traitor, so there is no loyal order to obey";
    }
    if (s.loyalLieutenants().isEmpty()) {
      return "IC2 holds vacuously: there is no loyal lieutenant";
    }
    if (o.ic2()) {
      return "IC2 held: the commander is loyal and every loyal lieutenant decided its order " + s.order();
    }
    Map<NodeId, Value> disobeyed = new LinkedHashMap<>();
    o.values().forEach((id, v) -> {
      if (!v.equals(s.order())) {
        disobeyed.put(id, v);
      }
    });
    return "IC2 violated: the loyal commander ordered " + s.order() + " but " + who(disobeyed, o.undecided());
  }

  /** {@code lieutenants 1, 2 decided ATTACK and 5 decided RETREAT}, grouped by value in id order. */
  private static String who(Map<NodeId, Value> decided, Iterable<NodeId> undecided) {
    Map<Value, List<NodeId>> byValue = new LinkedHashMap<>();
    decided.forEach((id, v) -> byValue.computeIfAbsent(v, k -> new ArrayList<>()).add(id));
    List<String> parts = new ArrayList<>();
    byValue.forEach((v, ids) -> parts.add(Words.ids(ids) + " decided " + v));
    List<NodeId> silent = new ArrayList<>();
    undecided.forEach(silent::add);
    if (!silent.isEmpty()) {
      parts.add(Words.ids(silent) + " did not decide");
    }
    List<NodeId> first = byValue.isEmpty() ? silent : byValue.values().iterator().next();
    return (first.size() == 1 ? "lieutenant " : "lieutenants ") + Words.and(parts);
  }
}
