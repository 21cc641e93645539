package io.github.bgp.cli;

import io.github.bgp.charts.TwoGeneralsChart;
import io.github.bgp.generals.Family;
import io.github.bgp.generals.MonteCarlo;
import io.github.bgp.generals.Search;
import io.github.bgp.generals.SearchResult;
import io.github.bgp.view.RunView;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bgp two-generals}: the impossibility of the two generals problem, made concrete. An
 * exhaustive search of every loss pattern of each protocol, the timeline of a disagreement, and
 * a Monte Carlo of how often the generals disagree.
 */
@Command(
    name = "two-generals",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    header = "Show that no protocol of messengers makes two generals sure to attack together.",
    description = {
      "Two loyal generals, A and B, camp on either side of a valley. The city falls if",
      "both attack; one attacking alone is defeated. They can only agree by messengers,",
      "who cross the valley one at a time, and any messenger may be captured (the",
      "\"generals' paradox\"). A protocol here is deterministic: what a general sends",
      "and whether it attacks depend only on what it has received. A run is then",
      "fixed by its loss pattern: which messengers, in the order they set out, are",
      "captured.",
      "",
      "For each protocol of each family, k = 1..--k, the command plays every loss",
      "pattern (2^n of them for n messengers) and prints the timeline of one under",
      "which one general attacks and the other does not: there always is one. Then",
      "a Monte Carlo table: how often the generals disagree when each messenger is",
      "lost with probability p, against k; it shrinks as k grows (for retries, only",
      "eventually) and never reaches zero (the exact value says why), with the same",
      "curve drawn in the terminal."
    },
    descriptionHeading = "%n",
    optionListHeading = "%nOptions:%n",
    footerHeading = "%n",
    footer = {
      "The protocol families:",
      "  messengers(k)  A, resolved to attack, sends k messengers \"attack at dawn\"",
      "                 and attacks; B attacks iff at least one arrives. They",
      "                 disagree iff all k are lost: probability p^k.",
      "  acks(k)        a handshake of k messages, one per round, alternating A to",
      "                 B, B to A: \"attack at dawn\", \"ack 1\", \"ack 2\", ...; each",
      "                 sent only if the one before arrived. A general attacks iff",
      "                 it received every message addressed to it. They disagree",
      "                 iff all but the last arrive: (1-p)^(k-1)*p.",
      "  retries(k)     A sends \"attack at dawn\" up to k times until acknowledged;",
      "                 B acknowledges every try that arrives. A attacks iff",
      "                 acknowledged, B iff a try arrived. They disagree iff an",
      "                 order arrives but no ack returns: (2p-p^2)^k - p^k (above",
      "                 p = 0.38 this first grows with k, then shrinks).",
      "",
      "Why none can work: in the run where every messenger arrives both attack. Lose",
      "the last messenger: its sender cannot tell, so it still attacks. Keep losing",
      "messengers from the end: each loss changes one general's knowledge only, and",
      "when nothing arrives B cannot attack. Somewhere in between, one attacks alone.",
      "",
      "Examples:",
      "  ${COMMAND-FULL-NAME}",
      "  ${COMMAND-FULL-NAME} --family acks --k 6",
      "  ${COMMAND-FULL-NAME} --loss 0.05,0.2,0.5,0.8 --messengers 12 --chart curve.svg",
      "  ${COMMAND-FULL-NAME} --monte-carlo retries --trials 1000000 --seed 7 --json",
      "",
      "Exit status: 0 success, 1 internal error, 2 bad arguments."
    })
final class TwoGeneralsCommand implements Callable<Integer> {

  static final int DEFAULT_K = 4;
  static final int DEFAULT_MESSENGERS = 8;
  /** The Monte Carlo's largest k: the table's columns and the terminal chart's width. */
  static final int MAX_MESSENGERS = 20;

  @Spec
  CommandSpec spec;

  @Option(names = "--k", paramLabel = "MAX", defaultValue = "" + DEFAULT_K,
      description = "Search the protocols k = 1..MAX of each family. Default: ${DEFAULT-VALUE}. The search plays"
          + " 2^n loss patterns for n messengers and stops at " + Search.MAX_MESSENGERS + " messengers: --k "
          + Search.MAX_MESSENGERS + " at most, 10 with retries.")
  int k;

  @Option(names = "--family", paramLabel = "NAME", split = ",",
      description = "The families to search, separated by commas: messengers, acks, retries. Default: all three.")
  List<String> families;

  @Option(names = "--loss", paramLabel = "RATE", split = ",", arity = "1..*", defaultValue = "0.1,0.3,0.5",
      description = "The Monte Carlo's loss rates: the probability that any one messenger is captured, strictly"
          + " between 0 and 1, separated by commas or spaces. Default: ${DEFAULT-VALUE}.")
  List<Double> loss;

  @Option(names = "--messengers", paramLabel = "MAX", defaultValue = "" + DEFAULT_MESSENGERS,
      description = "The Monte Carlo's columns: k = 1..MAX (for messengers(k), how many messengers A sends; at most "
          + MAX_MESSENGERS + "). Default: ${DEFAULT-VALUE}.")
  int messengers;

  @Option(names = "--monte-carlo", paramLabel = "FAMILY", defaultValue = "messengers",
      description = "The family the Monte Carlo samples: messengers, acks or retries. Default: ${DEFAULT-VALUE}.")
  String monteCarlo;

  @Option(names = "--trials", paramLabel = "N", defaultValue = "" + MonteCarlo.DEFAULT_TRIALS,
      description = "Runs per cell of the Monte Carlo table; an estimate below 1/N shows as <1/N. Default: 100,000.")
  int trials;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "" + MonteCarlo.DEFAULT_SEED,
      description = "The seed of the Monte Carlo: the same seed, the same table, digit for digit. Default:"
          + " ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--json",
      description = "Print one JSON object instead: \"search\" (per protocol: the counts of loss patterns under which"
          + " both, neither or one general attacks, and the chosen disagreement with its crossings), \"monteCarlo\""
          + " (every cell: counts, estimate, standard error, exact value), \"chart\" and \"conclusion\".")
  boolean json;

  @Option(names = "--chart", paramLabel = "FILE",
      description = "Also write the Monte Carlo chart (log-scale probability against k, one colour per loss rate,"
          + " the exact value dashed) to FILE, as PNG or SVG by its extension (.png, .svg).")
  Path chart;

  @Mixin
  ViewOptions view = new ViewOptions();

  @Override
  public Integer call() {
    List<Family> searched = families();
    Family sampled = family(monteCarlo, "--monte-carlo");
    check(searched);
    List<SearchResult> searches = new ArrayList<>();
    for (Family f : searched) {
      for (int i = 1; i <= k; i++) {
        searches.add(Search.of(f.protocol(i)));
      }
    }
    view.write(spec, () -> RunView.twoGenerals(searches));
    if (view.capture != null) {
      return Main.OK; // bgp view draws the search's timelines; the Monte Carlo is the terminal's
    }
    MonteCarlo.Table table = MonteCarlo.run(sampled, loss, messengers, trials, seed);
    if (chart != null) {
      try {
        TwoGeneralsChart.write(table, chart);
      } catch (IOException e) {
        throw new UsageError("cannot write the chart to " + chart + ": " + Json.problem(e));
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.line(TwoGeneralsReport.json(searches, table, chart == null ? null : chart.toString())));
    } else {
      out.print(TwoGeneralsReport.text(searches, table));
      if (chart != null) {
        out.println();
        out.println("chart written to " + chart);
      }
    }
    return Main.OK;
  }

  /** Every argument checked before anything is computed. */
  private void check(List<Family> searched) {
    if (k < 1) {
      throw new UsageError("--k must be at least 1, got " + k);
    }
    for (Family f : searched) {
      if (k > f.largestSearchableK()) {
        int n = f.maxMessengers(k);
        throw new UsageError(String.format(Locale.ROOT, "--k %d: %s can send %d messengers, %,d loss patterns; the"
            + " search stops at %d messengers (--k %d at most with %s)", k, f.protocol(k).name(), n, 1L << n,
            Search.MAX_MESSENGERS, f.largestSearchableK(), f.id()));
      }
    }
    for (double p : loss) {
      if (!(p > 0 && p < 1)) {
        throw new UsageError("--loss " + TwoGeneralsReport.rate(p) + ": a loss rate is a probability strictly between"
            + " 0 and 1 (at 0 nothing is lost, at 1 everything)");
      }
    }
    if (loss.stream().distinct().count() < loss.size()) {
      throw new UsageError("--loss lists a rate twice");
    }
    if (messengers < 1 || messengers > MAX_MESSENGERS) {
      throw new UsageError("--messengers must be from 1 to " + MAX_MESSENGERS + ", got " + messengers);
    }
    if (trials < 1) {
      throw new UsageError("--trials must be at least 1, got " + trials);
    }
    if (chart != null) {
      try {
        TwoGeneralsChart.format(chart);
      } catch (IllegalArgumentException e) {
        throw new UsageError("--chart " + chart + ": a chart is written as .png or .svg, by its file name");
      }
      checkWritable(chart);
    }
  }

  /** Checks that the chart can be written, before the Monte Carlo runs rather than after. */
  private static void checkWritable(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    String cannot = "cannot write the chart to " + file + ": ";
    if (Files.isDirectory(file)) {
      throw new UsageError(cannot + "it is a directory; give a file name ending in .png or .svg");
    }
    if (dir == null || !Files.isDirectory(dir)) {
      throw new UsageError(cannot + "the directory " + dir + " does not exist");
    }
    if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(dir)) {
      throw new UsageError(cannot + "permission denied");
    }
  }

  private List<Family> families() {
    if (families == null || families.isEmpty()) {
      return List.of(Family.values());
    }
    List<Family> out = new ArrayList<>();
    for (String name : families) {
      Family f = family(name, "--family");
      if (out.contains(f)) {
        throw new UsageError("--family lists " + f.id() + " twice");
      }
      out.add(f);
    }
    return out;
  }

  private static Family family(String name, String option) {
    try {
      return Family.parse(name);
    } catch (IllegalArgumentException e) {
      throw new UsageError(option + ": " + e.getMessage());
    }
  }

  /** What k counts in {@code f}'s protocols, for the table's heading. */
  static String kMeaning(Family f) {
    switch (f) {
      case MESSENGERS:
        return "how many messengers A sends";
      case ACKS:
        return "how many messages the handshake has";
      default:
        return "how many times A tries";
    }
  }
}
