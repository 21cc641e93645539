package io.github.bgp.sim;

import io.github.bgp.api.LogicalMessage;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Value;
import io.github.bgp.sim.teaching.Lesson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Prints a trace the way the seeds' lecture notes dump OM(m)'s messages: for each general, the
 * tree of what it received, a path's relays under the path, each line giving the level (relays
 * still to come), the value, the path, and the lieutenants it is forwarded to. Lines end with the
 * Lamport timestamps of the frame's send and receipt; the tree is sorted for reading, the
 * timestamps tell the real order.
 *
 * <pre>
 * 0::&lt;- (level=2, value=ATTACK: path [], others: [1 2 3]), forward to: [1 2 3]
 * - 1::&lt;- (level=1, value=ATTACK: path [0], others: [2 3]), forward to: [2 3]   [lamport 2 -&gt; 3]
 *   - 1::&lt;- (level=0, value=RETREAT: path [0 2], others: [3]), final   [lamport 5 -&gt; 6]
 * </pre>
 *
 * <p>{@link #render(Lesson, Optional)} prints the same tree from a {@link Lesson}, marked for
 * teaching: each lie with the honest value beside it, each message that never came with the
 * default used, each path's fold (ties flagged); {@link #matrices} prints each lieutenant's tables.
 */
public final class Traces {

  private Traces() {}

  /** The whole trace as text, one line per logical message after the commander's order. */
  public static String render(Scenario scenario, int rounds, List<LogicalMessage> trace) {
    StringBuilder b = new StringBuilder();
    List<NodeId> lieutenants = scenario.lieutenants();
    b.append("0::<- (level=").append(rounds).append(", value=").append(scenario.order())
        .append(": path [], others: ").append(ids(lieutenants)).append("), forward to: ").append(ids(lieutenants))
        .append(scenario.commanderIsLoyal() ? "" : "   (a traitor)").append('\n');
    List<LogicalMessage> sorted = new ArrayList<>(trace);
    sorted.sort((x, y) -> {
      int c = x.to().compareTo(y.to());
      return c != 0 ? c : comparePaths(x.path(), y.path());
    });
    for (LogicalMessage m : sorted) {
      b.append("  ".repeat(m.path().size() - 1)).append("- ").append(line(m)).append('\n');
    }
    return b.toString();
  }

  /** Orders paths element by element, a path before its extensions. */
  public static int comparePaths(List<NodeId> a, List<NodeId> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /** One logical message in the seeds' notation, with its Lamport timestamps. */
  public static String line(LogicalMessage m) {
    return m.to() + "::<- (level=" + m.level() + ", value=" + m.value() + ": path " + ids(m.path()) + ", others: "
        + ids(m.others()) + "), " + (m.level() > 0 ? "forward to: " + ids(m.others()) : "final")
        + "   [lamport " + m.sentAt() + " -> " + m.receivedAt() + "]";
  }

  /** {@code [0 2 5]}, as the seeds write paths. */
  public static String ids(List<NodeId> ids) {
    return ids.stream().map(NodeId::toString).collect(Collectors.joining(" ", "[", "]"));
  }

  /**
   * The lesson's trees, as {@link #render(Scenario, int, List)} prints a trace, marked: a lie ends
   * with {@code LIE: honest V}, a path with no message reads {@code nothing} and ends with
   * {@code ABSENT: D used}, and a loyal lieutenant's paths that have relays below them end with
   * {@code => V}, their fold ({@code , a tie (...)} when no value held more than half); after each
   * tree a line counts its messages, lies and absences and gives the decision. With
   * {@code only}, just that lieutenant's tree, as the notes show lieutenant 1's 26 messages.
   */
  public static String render(Lesson lesson, Optional<NodeId> only) {
    Scenario s = lesson.scenario();
    StringBuilder b = new StringBuilder();
    if (only.isEmpty()) {
      List<NodeId> lieutenants = s.lieutenants();
      b.append("0::<- (level=").append(Math.min(s.m(), s.generals() - 2) + 1).append(", value=").append(s.order())
          .append(": path [], others: ").append(ids(lieutenants)).append("), forward to: ").append(ids(lieutenants))
          .append(s.commanderIsLoyal() ? "" : "   (a traitor)").append('\n');
    }
    for (Lesson.View v : views(lesson, only, true)) {
      for (Lesson.Heard h : v.paths()) {
        b.append("  ".repeat(h.path().size() - 1)).append("- ").append(line(s, v, h)).append('\n');
      }
      b.append(summary(s, v)).append('\n');
    }
    return b.toString();
  }

  /** One path of a tree: its message in the seeds' notation, or its absence, with the marks. */
  private static String line(Scenario s, Lesson.View v, Lesson.Heard h) {
    StringBuilder b = new StringBuilder();
    if (h.message().isPresent()) {
      b.append(line(h.message().get()));
    } else {
      List<NodeId> others = new ArrayList<>();
      for (NodeId l : s.lieutenants()) {
        if (!l.equals(h.to()) && !h.path().contains(l)) {
          others.add(l);
        }
      }
      b.append(h.to()).append("::<- (level=").append(h.level()).append(", nothing: path ").append(ids(h.path()))
          .append(", others: ").append(ids(others)).append("), ")
          .append(h.level() > 0 ? "forward to: " + ids(others) : "final");
    }
    if (h.absent()) {
      b.append("   ABSENT: ").append(h.used()).append(" used");
      if (h.lie()) {
        b.append(" (LIE: a traitor's silence; honest ").append(h.honest()).append(')');
      }
    } else if (h.lie()) {
      b.append("   LIE: honest ").append(h.honest());
    }
    if (!h.leaf() && !v.traitor()) {
      b.append("   => ").append(fold(s, h.fold()));
    }
    return b.toString();
  }

  /** {@code ATTACK}, or {@code RETREAT, a tie (3 ATTACK, 3 RETREAT): the default}. */
  static String fold(Scenario s, Lesson.Fold f) {
    if (!f.tie()) {
      return f.value().toString();
    }
    Map<Value, Integer> counts = new LinkedHashMap<>();
    f.votes().stream().sorted((a, b) -> b.compareTo(a)).forEach(x -> counts.merge(x, 1, Integer::sum));
    String tally = counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
        .collect(Collectors.joining(", "));
    String how = s.majority().defaultValue().isPresent() ? "the default" : "the " + s.majority().name();
    boolean even = counts.size() == 2 && counts.values().stream().distinct().count() == 1;
    return f.value() + ", " + (even ? "a tie" : "no majority") + " (" + tally + "): " + how;
  }

  /** {@code lieutenant 1: 26 messages received, 4 of them lies, none absent; it decides RETREAT}. */
  private static String summary(Scenario s, Lesson.View v) {
    int lies = (int) v.lies().stream().filter(h -> !h.absent()).count();
    int absent = v.absent().size();
    StringBuilder b = new StringBuilder("  ").append(general(v.lieutenant()))
        .append(v.traitor() ? " (a traitor)" : "").append(": ").append(count(v.received(), "message"))
        .append(" received, ").append(lies == 0 ? "no lies" : lies == 1 ? "1 of them a lie" : lies + " of them lies")
        .append(", ")
        .append(absent == 0 ? "none absent" : absent + " absent (the default " + s.fallback() + " used)");
    if (!v.traitor()) {
      b.append("; it decides ").append(v.decision().map(Value::toString).orElse("nothing"));
    }
    return b.toString();
  }

  /**
   * Each loyal lieutenant's tables (with {@code only}, that lieutenant's, traitor or not), as the
   * SCC311 notes draw the vote: for the root, the columns are the commander's order ({@code C})
   * and each other lieutenant j's relay of it ({@code Lj}); the first row is what the lieutenant
   * heard directly, the row {@code Li says} what lieutenant i said j told it (OM(2) and up);
   * {@code majority} is each column's fold, and the last line the fold of those: the decision.
   * Marks: {@code !} a traitor's lie, {@code ?} no message came (the default used), {@code ~} no
   * value held a majority.
   */
  public static String matrices(Lesson lesson, Optional<NodeId> only) {
    Scenario s = lesson.scenario();
    StringBuilder b = new StringBuilder();
    for (Lesson.View v : views(lesson, only, false)) {
      for (Lesson.Matrix m : v.matrices()) {
        String result = m.path().size() > 1 ? "path " + ids(m.path()) + " folds to "
            : v.traitor() ? "a loyal lieutenant " + v.lieutenant() + " would decide " : general(v.lieutenant())
            + " decides ";
        b.append(b.length() == 0 ? "" : "\n").append(heading(v, m)).append('\n').append(table(s, m))
            .append("  => ").append(result).append(fold(s, m.result())).append('\n');
      }
    }
    b.append("\n(! a traitor's lie; ? no message came, the default ").append(s.fallback())
        .append(" used; ~ no value held more than half of the votes)\n");
    return b.toString();
  }

  private static String heading(Lesson.View v, Lesson.Matrix m) {
    String q = ids(m.path());
    String open = q.substring(0, q.length() - 1);
    String who = general(v.lieutenant()) + (v.traitor() ? " (a traitor)" : "");
    String first = m.path().size() == 1 ? "C" : q;
    return who + ": paths " + q + " (column " + first + ") and " + open + " j] (column Lj)\n  direct: what it heard"
        + " along them" + (m.rows().size() > 1 ? "; Li says: what lieutenant i said it heard along " + open + " j i]"
        : "") + "; majority: of each column";
  }

  private static String table(Scenario s, Lesson.Matrix m) {
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>();
    header.add("");
    for (Lesson.Heard c : m.columns()) {
      header.add(c == m.columns().get(0) ? (m.path().size() == 1 ? "C" : ids(m.path())) : "L" + c.from());
    }
    rows.add(header);
    for (Lesson.Row r : m.rows()) {
      List<String> row = new ArrayList<>();
      row.add(r.reporter().map(i -> "L" + i + " says").orElse("direct"));
      for (Optional<Lesson.Cell> c : r.cells()) {
        row.add(c.map(Traces::cell).orElse(r.reporter().isPresent() ? "-" : ""));
      }
      rows.add(row);
    }
    List<String> majority = new ArrayList<>();
    majority.add("majority");
    for (Lesson.Fold f : m.majorities()) {
      majority.add(f.value() + (f.tie() ? "~" : ""));
    }
    rows.add(majority);
    int[] widths = new int[header.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder b = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < row.size(); i++) {
        line.append(row.get(i)).append(" ".repeat(widths[i] - row.get(i).length()))
            .append(i + 1 < row.size() ? "  " : "");
      }
      b.append(line.toString().stripTrailing()).append('\n');
    }
    return b.toString();
  }

  private static String cell(Lesson.Cell c) {
    Lesson.Heard h = c.heard();
    if (c.folded()) {
      return c.value() + (h.fold().tie() ? "~" : "");
    }
    return c.value() + (h.lie() ? "!" : "") + (h.absent() ? "?" : "");
  }

  private static List<Lesson.View> views(Lesson lesson, Optional<NodeId> only, boolean traitorsToo) {
    List<Lesson.View> views = new ArrayList<>();
    for (Lesson.View v : lesson.views()) {
      if (only.map(v.lieutenant()::equals).orElse(traitorsToo || !v.traitor())) {
        views.add(v);
      }
    }
    return views;
  }

  private static String general(NodeId id) {
    return (id.equals(NodeId.COMMANDER) ? "commander " : "lieutenant ") + id;
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
