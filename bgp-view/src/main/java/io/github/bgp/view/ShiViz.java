package io.github.bgp.view;

import java.util.List;

/**
 * A run's events as a ShiViz log (ShiViz, the space-time diagram tool of the University of
 * British Columbia, reads logs whose every event carries a vector clock). The file is what
 * ShiViz's "upload a log" takes: the first line is the regular expression that parses an event,
 * the second the delimiter between executions (empty: one execution), then the events, two
 * lines each, as GoVector writes them:
 *
 * <pre>
 * lieutenant1 {"commander":1, "lieutenant1":1}
 * receives round 1 from commander: [0]=ATTACK
 * </pre>
 *
 * <p>bgp's runtime keeps Lamport clocks, which cannot tell concurrent events from ordered ones;
 * the vector clocks here are derived from the run's causality (which receipt is of which send),
 * so ShiViz draws the same happened-before relation the run had. Each host's own entry counts its
 * events from 1, as ShiViz requires; an entry of another host is left out while it is 0.
 */
public final class ShiViz {

  /** The parser's expression: a host, its clock in JSON, and on the next line the event. */
  public static final String REGEX = "(?<host>\\S+) (?<clock>\\{.*\\})\\n(?<event>.*)";

  private ShiViz() {}

  /** The ShiViz log of these events. */
  static String log(SpaceTime spaceTime) {
    List<String> hosts = spaceTime.hosts();
    StringBuilder b = new StringBuilder(REGEX).append("\n\n");
    List<SpaceTime.Event> events = spaceTime.events();
    for (int i = 0; i < events.size(); i++) {
      SpaceTime.Event e = events.get(i);
      int[] clock = spaceTime.clock(i);
      b.append(hosts.get(e.node())).append(" {");
      boolean first = true;
      for (int k = 0; k < clock.length; k++) {
        if (clock[k] == 0) {
          continue;
        }
        b.append(first ? "" : ", ").append('"').append(hosts.get(k)).append("\":").append(clock[k]);
        first = false;
      }
      b.append("}\n").append(e.label()).append('\n');
    }
    return b.toString();
  }
}
