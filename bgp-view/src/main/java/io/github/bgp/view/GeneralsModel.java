package io.github.bgp.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bgp.generals.Crossing;
import io.github.bgp.generals.General;
import io.github.bgp.generals.LossPattern;
import io.github.bgp.generals.Run;
import io.github.bgp.generals.SearchResult;
import io.github.bgp.generals.Valley;
import java.util.List;

/**
 * The two generals as the view draws them: for each protocol searched, the counts of every loss
 * pattern's ending and the timelines of the disagreements the search found, the most
 * instructive first (each played again from its loss pattern).
 */
final class GeneralsModel {

  /** The most timelines the view keeps of one protocol; the count says how many there are. */
  static final int MAX_TIMELINES = 16;

  private GeneralsModel() {}

  static ObjectNode build(List<SearchResult> searches) {
    if (searches.isEmpty()) {
      throw new IllegalArgumentException("no protocol was searched: the view draws what a search found");
    }
    ObjectNode o = Json.object();
    o.put("kind", "two-generals");
    o.put("protocol", "two-generals");
    o.put("title", "The two generals: " + String.join(", ", searches.stream().map(r -> r.protocol().name()).toList()));
    ArrayNode protocols = o.putArray("protocols");
    for (SearchResult r : searches) {
      ObjectNode p = protocols.addObject();
      p.put("name", r.protocol().name());
      p.put("summary", r.summary());
      p.put("messengers", r.messengers());
      p.put("patterns", r.patterns());
      p.put("runs", r.runs());
      p.put("bothAttack", r.bothAttack());
      p.put("neitherAttacks", r.neitherAttacks());
      p.put("onlyA", r.onlyA());
      p.put("onlyB", r.onlyB());
      p.put("allDelivered", r.allDelivered().describe());
      p.put("allLost", r.allLost().describe());
      p.put("disagreements", r.disagreements().size());
      ArrayNode timelines = p.putArray("timelines");
      for (LossPattern pattern : r.disagreements().subList(0, Math.min(MAX_TIMELINES, r.disagreements().size()))) {
        timelines.add(timeline(Valley.run(r.protocol(), pattern)));
      }
    }
    return o;
  }

  private static ObjectNode timeline(Run run) {
    ObjectNode t = Json.object();
    t.put("pattern", run.pattern().toString());
    t.put("ending", run.ending().describe());
    ArrayNode crossings = t.putArray("crossings");
    for (Crossing c : run.crossings()) {
      ObjectNode j = crossings.addObject();
      j.put("messenger", c.messenger());
      j.put("round", c.round());
      j.put("from", c.message().from().name());
      j.put("to", c.message().to().name());
      j.put("text", c.message().text());
      j.put("delivered", c.delivered());
    }
    for (General g : General.values()) {
      Run.Decision d = run.decision(g);
      ObjectNode j = t.putObject(g.name());
      j.put("attacks", d.attacks());
      j.put("why", d.why());
    }
    return t;
  }
}
