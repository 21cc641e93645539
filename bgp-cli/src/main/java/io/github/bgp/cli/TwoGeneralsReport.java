package io.github.bgp.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bgp.generals.Crossing;
import io.github.bgp.generals.FamilyProtocol;
import io.github.bgp.generals.General;
import io.github.bgp.generals.MonteCarlo;
import io.github.bgp.generals.Run;
import io.github.bgp.generals.SearchResult;
import io.github.bgp.generals.Timeline;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What {@code bgp two-generals} prints: the search's timelines, the Monte Carlo table and its curve; or JSON. */
final class TwoGeneralsReport {

  static final String CONCLUSION = "No protocol of this kind, however many messengers it sends, makes disagreement"
      + " impossible: in every one the search found a pattern of lost messengers under which one general attacks"
      + " and the other does not. Start from the run where every messenger arrives and both attack, and lose"
      + " messengers from the last one back: each loss changes what its receiver knows, never what its sender"
      + " knows, so before the run where nothing arrives (and B cannot attack) one general must attack alone."
      + " More messengers can make that rarer; none makes it impossible.";

  static final String INTRO = "Two generals must attack together. They agree by messengers who cross a valley,"
      + " and any messenger may be captured. Each protocol below decides what a general sends, and whether it"
      + " attacks, from what it has received alone. The search plays every pattern of lost messengers (. arrived,"
      + " x captured) and shows the most instructive one under which the generals disagree: the fewest losses,"
      + " as late as possible.";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TwoGeneralsReport() {}

  static String text(List<SearchResult> searches, MonteCarlo.Table table) {
    StringBuilder b = new StringBuilder();
    b.append(wrap(INTRO, 100)).append('\n');
    for (SearchResult s : searches) {
      b.append('\n').append(Timeline.render(s));
    }
    b.append('\n').append(monteCarlo(table));
    b.append('\n');
    AsciiChart.render(table).forEach(l -> b.append(l).append('\n'));
    b.append('\n').append(wrap(CONCLUSION, 100)).append('\n');
    return b.toString();
  }

  /** The Monte Carlo table: for each loss rate, rows of estimates, standard errors and exact values against k. */
  static String monteCarlo(MonteCarlo.Table t) {
    StringBuilder b = new StringBuilder();
    FamilyProtocol any = t.family().protocol(1);
    b.append(wrap(String.format(Locale.ROOT, "Monte Carlo: how often exactly one general attacks under %s(k) (k: %s),"
        + " each messenger lost independently with probability p; %,d runs per cell (seed %d); exact value %s.",
        t.family().id(), TwoGeneralsCommand.kMeaning(any.family()), t.trials(), t.seed(), t.family().formula()), 100));
    b.append("\n\n");
    String[] header = new String[t.maxK() + 2];
    header[0] = "p";
    header[1] = "k";
    for (int k = 1; k <= t.maxK(); k++) {
      header[k + 1] = Integer.toString(k);
    }
    Table table = new Table(header);
    for (int c = 2; c < header.length; c++) {
      table.alignRight(c);
    }
    boolean anyBelow = false;
    for (double p : t.lossRates()) {
      List<MonteCarlo.Cell> row = t.row(p);
      List<String> estimate = new ArrayList<>(List.of(rate(p), "estimate"));
      List<String> error = new ArrayList<>(List.of("", "+/- s.e."));
      List<String> exact = new ArrayList<>(List.of("", "exact"));
      for (MonteCarlo.Cell c : row) {
        estimate.add(c.estimateText());
        error.add(c.standardErrorText());
        exact.add(c.exactText());
        anyBelow |= c.belowResolution();
      }
      table.row(estimate.toArray(new String[0]));
      table.row(error.toArray(new String[0]));
      table.row(exact.toArray(new String[0]));
    }
    b.append(table.render());
    if (anyBelow) {
      b.append('\n').append(wrap(String.format(Locale.ROOT, "<%s: no run of %,d disagreed. The probability is below"
          + " about 1/N, not zero: the exact row says how small.", MonteCarlo.format(1.0 / t.trials()), t.trials()), 100))
          .append('\n');
    }
    return b.toString();
  }

  static ObjectNode json(List<SearchResult> searches, MonteCarlo.Table table, String chart) {
    ObjectNode o = NODES.objectNode();
    ArrayNode search = o.putArray("search");
    for (SearchResult s : searches) {
      search.add(search(s));
    }
    o.set("monteCarlo", monteCarloJson(table));
    if (chart != null) {
      o.put("chart", chart);
    } else {
      o.putNull("chart");
    }
    o.put("conclusion", CONCLUSION);
    return o;
  }

  private static ObjectNode search(SearchResult s) {
    ObjectNode o = NODES.objectNode();
    o.put("protocol", s.protocol().name());
    if (s.protocol() instanceof FamilyProtocol f) {
      o.put("family", f.family().id());
      o.put("k", f.k());
    }
    o.put("messengers", s.messengers());
    o.put("patterns", s.patterns());
    o.put("runs", s.runs());
    o.put("bothAttack", s.bothAttack());
    o.put("neitherAttacks", s.neitherAttacks());
    o.put("disagreement", s.disagreement());
    o.put("onlyA", s.onlyA());
    o.put("onlyB", s.onlyB());
    o.put("disagreeingRuns", s.disagreements().size());
    o.put("allDelivered", s.allDelivered().name());
    o.put("allLost", s.allLost().name());
    o.put("summary", s.summary());
    if (s.mostInstructive().isPresent()) {
      o.set("chosen", run(s.mostInstructive().get()));
    } else {
      o.putNull("chosen");
    }
    return o;
  }

  private static ObjectNode run(Run r) {
    ObjectNode o = NODES.objectNode();
    o.put("pattern", r.pattern().toString());
    ArrayNode lost = o.putArray("lost");
    r.pattern().lostMessengers().forEach(lost::add);
    o.put("ending", r.ending().name());
    ArrayNode crossings = o.putArray("crossings");
    for (Crossing c : r.crossings()) {
      ObjectNode x = crossings.addObject();
      x.put("messenger", c.messenger());
      x.put("round", c.round());
      x.put("from", c.message().from().name());
      x.put("to", c.message().to().name());
      x.put("text", c.message().text());
      x.put("delivered", c.delivered());
    }
    ObjectNode decisions = o.putObject("decisions");
    for (General g : General.values()) {
      ObjectNode d = decisions.putObject(g.name());
      d.put("attacks", r.decision(g).attacks());
      d.put("why", r.decision(g).why());
    }
    ArrayNode timeline = o.putArray("timeline");
    Timeline.lines(r).forEach(l -> timeline.add(l.strip()));
    return o;
  }

  private static ObjectNode monteCarloJson(MonteCarlo.Table t) {
    ObjectNode o = NODES.objectNode();
    o.put("family", t.family().id());
    o.put("formula", t.family().formula());
    o.put("trials", t.trials());
    o.put("seed", t.seed());
    ArrayNode rates = o.putArray("lossRates");
    t.lossRates().forEach(rates::add);
    o.put("maxK", t.maxK());
    ArrayNode cells = o.putArray("cells");
    for (MonteCarlo.Cell c : t.cells()) {
      ObjectNode x = cells.addObject();
      x.put("lossRate", c.lossRate());
      x.put("k", c.k());
      x.put("protocol", c.protocol().name());
      x.put("trials", c.trials());
      x.put("disagreements", c.disagreements());
      x.put("bothAttack", c.bothAttack());
      x.put("neitherAttacks", c.neitherAttacks());
      x.put("onlyA", c.onlyA());
      x.put("onlyB", c.onlyB());
      x.put("estimate", c.estimate());
      x.put("standardError", c.standardError());
      x.put("belowResolution", c.belowResolution());
      x.put("resolution", c.resolution());
      x.put("exact", c.exact().orElse(Double.NaN));
    }
    return o;
  }

  /** {@code 0.1}, {@code 0.25}: a loss rate without trailing zeros. */
  static String rate(double p) {
    return BigDecimal.valueOf(p).stripTrailingZeros().toPlainString();
  }

  /** {@code text} broken into lines of at most {@code width} characters, at spaces. */
  static String wrap(String text, int width) {
    StringBuilder out = new StringBuilder();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        out.append(line).append('\n');
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    return out.append(line).toString();
  }
}
