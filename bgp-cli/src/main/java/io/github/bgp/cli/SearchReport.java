package io.github.bgp.cli;

import io.github.bgp.api.Guarantee;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.sim.Traces;
import io.github.bgp.sim.teaching.Lesson;
import io.github.bgp.testkit.CounterexampleSearch.Counterexample;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** What {@code --search} found, or that it found nothing, for people to read. */
final class SearchReport {

  private SearchReport() {}

  /** What the search found; {@code tree}: the protocol relays along every path, so its trace is marked (om). */
  static String found(String protocol, Counterexample c, boolean tree) {
    StringBuilder b = new StringBuilder();
    b.append("Counterexample: ").append(Words.algorithm(protocol, c.shrunk().m()))
        .append(" breaks IC1 or IC2. Found at try ").append(c.attempt()).append(" (search seed ").append(c.seed())
        .append("), shrunk in ").append(Words.plural(c.shrinkSteps(), "step")).append(".\n\n");
    Table t = Table.withoutHeader(2);
    t.row("found", commandLine(protocol, c.found()));
    t.row("", Json.line(Json.scenario(c.found())));
    t.row("shrunk", commandLine(protocol, c.shrunk()));
    t.row("", Json.line(Json.scenario(c.shrunk())));
    if (c.minimal() != c.shrunk()) {
      t.row("replay", commandLine(protocol, c.minimal()));
      t.row("", "(the shrunk scenario with only the lies that matter; it breaks " + broken(c) + " too)");
    }
    b.append(t.render()).append('\n');
    List<Strategy.Lie> lies = c.lies().orElse(List.of());
    if (c.lies().isPresent()) {
      b.append("The lies that matter (every other message is what a loyal general would send):\n");
      for (Strategy.Lie lie : lies) {
        b.append("  ").append(lie(lie)).append('\n');
      }
    } else {
      b.append("The traitors' lies could not be written down as a script; the run below is the shrunk scenario.\n");
    }
    b.append(lies.isEmpty() ? "\nThe run:\n\n" : "\nThe run with only those lies:\n\n");
    b.append(OutcomeReport.render(c.outcome()));
    b.append("\ntrace:\n");
    b.append(tree ? Traces.render(Lesson.of(c.outcome()), Optional.empty())
        : Traces.render(c.outcome().scenario(), c.outcome().rounds(), c.outcome().trace()));
    return b.toString();
  }

  /**
   * That no counterexample turned up, and whether the theory predicts as much: {@code shape}
   * stands for the scenarios searched (n generals, m, as many traitors as m allows).
   */
  static String nothingFound(String protocol, Scenario shape, Guarantee guarantee, int tries, long seed) {
    String algorithm = Words.algorithm(protocol, shape.m());
    StringBuilder b = new StringBuilder();
    b.append("No counterexample in ").append(Words.count(tries)).append(tries == 1 ? " try" : " tries")
        .append(" (search seed ").append(seed).append("): ").append(algorithm)
        .append(" kept IC1 and IC2 in every scenario tried, each with ").append(shape.generals())
        .append(" generals and at most ").append(Words.plural(shape.m(), "traitor")).append(".\n");
    if (guarantee.holds()) {
      b.append("That is what ").append(AgreementNotes.of(protocol).theorem()).append(" predicts: ")
          .append(guarantee.explanation()).append(".\n");
    } else {
      b.append("The theory does not promise it (").append(guarantee.explanation())
          .append("); more --tries or another --seed may find a counterexample.\n");
    }
    return b.toString();
  }

  /** The {@code bgp} command that runs {@code s} again. */
  static String commandLine(String protocol, Scenario s) {
    StringBuilder b = new StringBuilder("bgp ").append(protocol).append(" --generals ").append(s.generals())
        .append(" --m ").append(s.m());
    if (!s.traitors().isEmpty()) {
      b.append(" --traitors ").append(s.traitors().stream().map(NodeId::toString).collect(Collectors.joining(",")));
    }
    LieSpecs.Script script = LieSpecs.script(s.strategy());
    b.append(" --order ").append(s.order()).append(" --strategy ").append(script.strategy());
    for (String lie : script.specs()) {
      b.append(" --lie '").append(lie).append('\'');
    }
    b.append(" --seed ").append(s.seed());
    if (!s.majority().name().equals("default")) {
      b.append(" --majority ").append(s.majority().name());
    }
    return b.toString();
  }

  /** {@code IC2}, {@code IC1 and IC2}: what the counterexample's run violates. */
  private static String broken(Counterexample c) {
    List<String> broken = new java.util.ArrayList<>();
    if (!c.outcome().ic1()) {
      broken.add("IC1");
    }
    if (!c.outcome().ic2()) {
      broken.add("IC2");
    }
    return String.join(" and ", broken);
  }

  /** {@code lieutenant 2 tells lieutenant 1 RETREAT about path [0 2]}. */
  static String lie(Strategy.Lie lie) {
    String path = " about path " + Traces.ids(lie.path());
    return lie.value()
        .map(v -> Words.general(lie.from()) + " tells " + Words.general(lie.to()) + " " + v + path)
        .orElse(Words.general(lie.from()) + " tells " + Words.general(lie.to()) + " nothing" + path)
        + "   (--lie '" + LieSpecs.spec(lie) + "')";
  }
}
