package io.github.bgp.sim;

import io.github.bgp.api.LogicalMessage;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Scenario;
import java.util.ArrayList;
import java.util.List;
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
}
