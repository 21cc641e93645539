package io.github.bgp.bench.report;

import io.github.bgp.charts.TwoGeneralsChart;
import io.github.bgp.generals.Acks;
import io.github.bgp.generals.Family;
import io.github.bgp.generals.FamilyProtocol;
import io.github.bgp.generals.MonteCarlo;
import io.github.bgp.generals.Search;
import io.github.bgp.generals.SearchResult;
import io.github.bgp.generals.Timeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The two generals: no protocol of messengers makes disagreement impossible. Not a measurement
 * of this machine but a computation, the same on every machine: the exhaustive search over
 * every loss pattern of each protocol, and a seeded Monte Carlo of the probability of
 * disagreement beside its exact value. It needs no JMH run; it is computed once per JVM, in
 * about a second.
 */
final class TwoGeneralsSection implements Section {

  static final List<Double> LOSS_RATES = List.of(0.1, 0.3, 0.5, 0.7);
  static final int MAX_K = 10;
  static final int TRIALS = MonteCarlo.DEFAULT_TRIALS;
  static final long SEED = MonteCarlo.DEFAULT_SEED;
  /** The search covers k = 1..SEARCH_K of every family. */
  static final int SEARCH_K = 6;
  static final String FIGURE = "two-generals";

  /** Computed on first use and kept: the same seed gives the same numbers every time. */
  private static final class Computed {
    static final long START = System.nanoTime();
    static final MonteCarlo.Table TABLE = MonteCarlo.run(Family.MESSENGERS, LOSS_RATES, MAX_K, TRIALS, SEED);
    static final List<SearchResult> SEARCHES = searches();
    static final long NANOS = System.nanoTime() - START;

    private static List<SearchResult> searches() {
      List<SearchResult> all = new ArrayList<>();
      for (Family f : Family.values()) {
        for (int k = 1; k <= SEARCH_K; k++) {
          all.add(Search.of(f.protocol(k)));
        }
      }
      return all;
    }
  }

  @Override
  public String id() {
    return "two-generals";
  }

  @Override
  public String title() {
    return "The two generals: disagreement shrinks, never to zero";
  }

  @Override
  public List<JmhRun> benchmarks(Suite suite) {
    return List.of();
  }

  @Override
  public void render(Results r, Doc doc) {
    MonteCarlo.Table table = Computed.TABLE;
    List<SearchResult> searches = Computed.SEARCHES;
    doc.heading(2, title());
    doc.text("Two generals must attack together, and can only agree by messengers who cross a valley and may be"
        + " captured. A deterministic protocol decides what each general sends, and whether it attacks, from what it"
        + " has received alone; a run is fixed by which messengers are lost. This section is computed, not measured"
        + " (the same on every machine; here in " + Format.duration(Computed.NANOS) + "): `./bgp two-generals` prints"
        + " the same search and table, with the timeline of each disagreement.");
    doc.heading(3, "Every protocol has a losing pattern");
    doc.text("For each protocol, every pattern of lost messengers (2^n for n messengers) is played. `messengers(k)`:"
        + " A sends k messengers and attacks, B attacks if one arrives. `acks(k)`: a handshake of k messages, each"
        + " the acknowledgement of the one before; a general attacks once it received every message addressed to it."
        + " `retries(k)`: A retries up to k times until acknowledged, B acknowledges every try; A attacks if"
        + " acknowledged, B if a try arrived. The pattern shown is the disagreement with the fewest, latest losses"
        + " (`.` arrived, `x` captured).");
    Doc.Table t = new Doc.Table("protocol", "loss patterns", "both attack", "neither", "disagreement",
        "fewest, latest losses", "who attacks alone");
    for (SearchResult s : searches) {
      t.row(s.protocol().name(), Format.count(s.patterns()), Format.count(s.bothAttack()),
          Format.count(s.neitherAttacks()), Format.count(s.disagreement()),
          s.mostInstructive().map(run -> "`" + run.pattern() + "`").orElse(Format.NONE),
          s.mostInstructive().flatMap(run -> run.ending().alone()).map(String::valueOf).orElse(Format.NONE));
    }
    doc.table(t);
    boolean all = searches.stream().allMatch(SearchResult::found);
    doc.text((all ? "Every one of the " + searches.size() + " protocols has" : "Not every protocol has")
        + " a pattern under which one general attacks and the other does not. The handshake's, with everything"
        + " delivered but the last message:");
    doc.code(Timeline.render(Search.of(new Acks(3))).lines().toList());

    doc.heading(3, "The probability of disagreement");
    doc.text(String.format(Locale.ROOT, "Each messenger is lost independently with probability p (the loss rate)."
        + " For `messengers(k)` the generals disagree exactly when all k are lost: p^k. Each estimate below is the"
        + " fraction of %,d seeded runs (seed %d) that ended in disagreement, with its binomial standard error;"
        + " `<1/N` marks a probability too small for %,d runs to see, never a zero.", TRIALS, SEED, TRIALS));
    doc.figure(FIGURE, TwoGeneralsChart.chart(table), "P(exactly one general attacks) for messengers(k) against k,"
        + " one colour per loss rate: estimates (points, left out where no run disagreed) and the exact p^k (dashed"
        + " lines);"
        + " the grey line is 1/N, below which the trials see nothing.");
    List<String> header = new ArrayList<>();
    header.add("k");
    for (double p : table.lossRates()) {
      header.add("p = " + TwoGeneralsChart.rate(p) + ": estimate");
      header.add("exact");
    }
    Doc.Table mc = new Doc.Table(header.toArray(new String[0]));
    for (int k = 1; k <= table.maxK(); k++) {
      List<String> row = new ArrayList<>();
      row.add(Integer.toString(k));
      for (double p : table.lossRates()) {
        MonteCarlo.Cell cell = table.cell(p, k);
        row.add(cell.belowResolution() ? cell.estimateText() : cell.estimateText() + " ± " + cell.standardErrorText());
        row.add(cell.exactText());
      }
      mc.row(row.toArray(new String[0]));
    }
    doc.table(mc);
    FamilyProtocol biggest = Family.MESSENGERS.protocol(table.maxK());
    doc.text("More messengers shrink the probability at every loss rate (the estimates follow the exact value down to"
        + " about 1/N; below it, a run or two in N is noise); none brings it to zero: p^k > 0 for every k"
        + " (at p = " + TwoGeneralsChart.rate(table.lossRates().get(0)) + ", " + biggest.name() + " still disagrees"
        + " with probability " + MonteCarlo.format(biggest.exactDisagreement(table.lossRates().get(0))) + "). No"
        + " protocol of this kind, however many messengers it sends, makes disagreement impossible: the last"
        + " messenger can always be the one captured, and its sender cannot know.");
  }
}
