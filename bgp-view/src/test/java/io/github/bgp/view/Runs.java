package io.github.bgp.view;

import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.generals.Family;
import io.github.bgp.generals.Search;
import io.github.bgp.generals.SearchResult;
import io.github.bgp.sim.Faults;
import io.github.bgp.sim.Simulation;
import java.util.ArrayList;
import java.util.List;

/**
 * The runs the tests draw, made with the library as the command makes them (the command's own
 * parsing of options is bgp-cli's, tested there): a traced simulation of a scenario, and a
 * {@link ViewServer.Runner} over a few options of each family for the server's tests.
 */
final class Runs {

  private Runs() {}

  /** A traced run of {@code protocol} on {@code scenario}. */
  static Outcome agreement(String protocol, Scenario scenario) {
    return Simulation.builder().trace(true).build().execute(Protocols.agreement(protocol), scenario);
  }

  /** OM with n generals and these traitors, lying by {@code strategy}. */
  static Outcome om(int generals, Strategy strategy, int... traitors) {
    return agreement("om", Scenario.builder(generals).traitors(traitors).strategy(strategy).build());
  }

  /** The workload bgp 2pc runs by default: 3 participants, 3 transactions 2 apart, participant 3 aborting txn 2. */
  static CommitScenario defaultWorkload(int participants, int transactions) {
    CommitScenario.Builder b = CommitScenario.builder(participants).seed(1);
    for (long id = 1; id <= transactions; id++) {
      List<Verdict> votes = new ArrayList<>(java.util.Collections.nCopies(participants, Verdict.COMMIT));
      if (id == 2) {
        votes.set(participants - 1, Verdict.ABORT);
      }
      b.transaction(new Transaction(id, new byte[0]), (id - 1) * 2, votes);
    }
    return b.build();
  }

  /** A traced commit run of 2PC with these faults, and its view. */
  static RunView commit(CommitScenario scenario, Faults faults) {
    CommitProtocol p = Protocols.commit("2pc");
    Simulation.CommitRun run = Simulation.builder().faults(faults).trace(true).build().run(p, scenario,
        Simulation.scripted(scenario));
    return RunView.commit(p, scenario, faults, run);
  }

  /** Node {@code node} crashes just after its step {@code step} and is back {@code downFor} later. */
  static Faults crashAfter(int node, int step, long downFor) {
    return Faults.NONE.with(new Faults.Crash(NodeId.of(node), step, true, downFor));
  }

  /** The two generals' search of one family's protocols k = 1..k. */
  static RunView twoGenerals(String family, int k) {
    List<SearchResult> searches = new ArrayList<>();
    for (int i = 1; i <= k; i++) {
      searches.add(Search.of(Family.parse(family).protocol(i)));
    }
    return RunView.twoGenerals(searches);
  }

  /** A runner over a few options of each family, as the server's tests need. */
  static ViewServer.Runner runner() {
    return (command, options) -> {
      String value;
      switch (command) {
        case "om":
        case "sm": {
          Scenario.Builder b = Scenario.builder(Integer.parseInt(option(options, "--generals", "4")));
          value = option(options, "--traitors", "");
          if (!value.isEmpty()) {
            b.traitors(java.util.Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray());
          }
          b.strategy(Strategy.byName(option(options, "--strategy", "random")));
          return RunView.agreement(agreement(command, b.build()));
        }
        case "2pc": {
          String crash = option(options, "--crash", "");
          Faults faults = Faults.NONE;
          if (!crash.isEmpty()) {
            String[] p = crash.split(":");
            faults = crashAfter(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Long.parseLong(p[3]));
          }
          return commit(defaultWorkload(3, 3), faults);
        }
        case "two-generals":
          return twoGenerals(option(options, "--family", "acks"), Integer.parseInt(option(options, "--k", "3")));
        default:
          throw new IllegalArgumentException("the tests' runner runs om, sm, 2pc and two-generals, not " + command);
      }
    };
  }

  private static String option(List<ViewServer.Option> options, String name, String otherwise) {
    for (ViewServer.Option o : options) {
      if (o.name().equals(name)) {
        if (o.value().equals("bad")) {
          throw new IllegalArgumentException(name + " bad: not a value");
        }
        return o.value();
      }
    }
    return otherwise;
  }

  /** The commands the tests' server offers. */
  static List<ViewServer.Command> commands() {
    return List.of(new ViewServer.Command("om", "agreement", "oral messages"),
        new ViewServer.Command("sm", "agreement", "signed messages"),
        new ViewServer.Command("2pc", "commit", "two-phase commit"),
        new ViewServer.Command("two-generals", "two-generals", "the two generals"));
  }
}
