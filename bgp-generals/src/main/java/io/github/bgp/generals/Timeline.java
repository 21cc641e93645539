package io.github.bgp.generals;

import java.util.ArrayList;
import java.util.List;

/**
 * A run written out for people: each messenger in the order it set out, who sends it to whom,
 * what it says, whether it arrived; then what each general does and why.
 *
 * <pre>
 *   1  A -&gt; B  "attack at dawn"  delivered
 *   2  B -&gt; A  "ack 1"           delivered
 *   3  A -&gt; B  "ack 2"           LOST
 *   A attacks: it received ack 1 and sent its last message
 *   B does not: it never received ack 2
 * </pre>
 *
 * @since 0.1.0
 */
public final class Timeline {

  private static final String INDENT = "  ";

  private Timeline() {}

  /**
   * The run's lines, without line breaks.
   *
   * @param run a recorded run
   * @return its lines
   */
  public static List<String> lines(Run run) {
    List<String> lines = new ArrayList<>();
    int numberWidth = Integer.toString(Math.max(1, run.messengers())).length();
    int textWidth = 0;
    for (Crossing c : run.crossings()) {
      textWidth = Math.max(textWidth, c.message().text().length() + 2);
    }
    for (Crossing c : run.crossings()) {
      Message m = c.message();
      String number = Integer.toString(c.messenger());
      String quoted = "\"" + m.text() + "\"";
      lines.add(INDENT + " ".repeat(numberWidth - number.length()) + number + "  " + m.from() + " -> " + m.to() + "  "
          + quoted + " ".repeat(textWidth - quoted.length()) + "  " + (c.delivered() ? "delivered" : "LOST"));
    }
    if (run.crossings().isEmpty()) {
      lines.add(INDENT + "(no messenger set out)");
    }
    for (General g : General.values()) {
      Run.Decision d = run.decision(g);
      lines.add(INDENT + g + (d.attacks() ? " attacks: " : " does not: ") + d.why());
    }
    return lines;
  }

  /**
   * The run, one line each, every line ending with a newline.
   *
   * @param run a recorded run
   * @return the timeline
   */
  public static String render(Run run) {
    return String.join("\n", lines(run)) + "\n";
  }

  /**
   * The search's summary and the timeline of its most instructive disagreement (the fewest,
   * latest losses: {@link Search#MOST_INSTRUCTIVE}): {@code acks(3): 1 of 8 loss patterns ends in
   * disagreement (...); the most instructive:} then the run. Just the summary when there is none.
   *
   * @param result a search's result
   * @return the summary and the timeline
   */
  public static String render(SearchResult result) {
    if (result.mostInstructive().isEmpty()) {
      return result.summary() + "\n";
    }
    return result.summary() + "; the most instructive:\n" + render(result.mostInstructive().get());
  }
}
