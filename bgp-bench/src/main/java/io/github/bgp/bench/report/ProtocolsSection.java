package io.github.bgp.bench.report;

import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Step;
import io.github.bgp.charts.Charts;
import io.github.bgp.dolevstrong.DolevStrong;
import io.github.bgp.paxoscommit.PaxosCommit;
import io.github.bgp.phaseking.PhaseKing;
import io.github.bgp.sim.Faults;
import io.github.bgp.sim.Simulation;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.XYChart;

/**
 * The protocols side by side, by counting (in the simulator; these are counts, not timings):
 * logical messages and bytes per decision of OM(m), Phase King, SM(m) and Dolev-Strong at
 * n = 3m + 1 and at m = 2 as n grows, each against its formula, and where OM's exponential count
 * overtakes Phase King's polynomial one; signatures per decision of SM(m) and Dolev-Strong;
 * messages, forced log writes and latency per decision of 2PC, 3PC and Paxos Commit, with nothing
 * failing and with the coordinator dead for good right after its decision.
 */
final class ProtocolsSection implements Section {

  @Override
  public String id() {
    return "protocols";
  }


  /** The claim that OM is cheaper than Phase King up to m = 2 and dearer from m = 3, at n = 3m + 1. */
  static final int CROSSING_CLAIM = 6;
  /** The claim that every count equals its protocol's formula. */
  static final int FORMULA_CLAIM = 7;
  /** The claim that a dead coordinator blocks 2PC only. */
  static final int BLOCKING_CLAIM = 8;

  static final List<String> AGREEMENT = List.of("om", PhaseKing.NAME, "sm", DolevStrong.NAME);
  static final List<String> COMMIT = List.of("2pc", "3pc", PaxosCommit.NAME);
  /** m at n = 3m + 1 (OM at m = 6 is 175 million messages: its count is the OM sections', when they ran it). */
  static final int LAST_M = 6;
  static final int FIXED_M = 2;
  static final List<Integer> GROWING_N = List.of(7, 10, 13, 16, 19, 22);
  /** The commit workload: 3 participants, one transaction, F = 1. */
  static final int PARTICIPANTS = 3;
  static final int TOLERANCE = 1;
  /** Nobody lies: the counts the formulas give. */
  static final String NOBODY = "nobody";
  static final String FAULT_FREE = "fault-free";
  static final String COORDINATOR_DEAD = "coordinator-dead";
  static final String BYTES = "bytes";
  static final String DECISIONS = "decisions";
  static final String SIGNED = "signatures.made";
  static final String VERIFIED = "signatures.verified";
  static final String FORCES = "log.forces";
  /** Virtual time from the submission until the last participant logged the outcome; absent if one never did. */
  static final String LATENCY = "latency";
  static final String BLOCKED = "blocked";

  @Override
  public String title() {
    return "The protocols side by side: messages, bytes and signatures per decision; the commit protocols' costs";
  }

  @Override
  public List<JmhRun> benchmarks(Suite suite) {
    return List.of(); // counted, not timed
  }

  /** The messages a run of {@code protocol} sends with nobody lying. */
  static long formula(String protocol, int n, int m) {
    switch (protocol) {
      case "om":
        return OmFormula.messages(n, m);
      case PhaseKing.NAME:
        return PhaseKing.messages(n, m);
      default: // sm and dolev-strong: the order to each lieutenant, then each relaying it once
        return DolevStrong.loyalMessages(n, m);
    }
  }

  /** The messages of one transaction of {@code protocol} with nothing failing. */
  static long commitFormula(String protocol, int p, int f) {
    switch (protocol) {
      case "2pc":
        return 5L * p;
      case "3pc":
        return 7L * p;
      default:
        return PaxosCommit.messages(p, f);
    }
  }

  @Override
  public List<MessageCount> count(Suite suite, PrintStream log) {
    List<MessageCount> counts = new ArrayList<>();
    for (String p : AGREEMENT) {
      for (int m = 1; m <= LAST_M; m++) {
        if (!(p.equals("om") && m == LAST_M)) {
          counts.add(agreement(p, 3 * m + 1, m, log));
        }
      }
      for (int n : GROWING_N) {
        if (n != 3 * FIXED_M + 1) {
          counts.add(agreement(p, n, FIXED_M, log));
        }
      }
    }
    for (String p : COMMIT) {
      counts.add(commit(p, false, log));
      counts.add(commit(p, true, log));
    }
    return counts;
  }

  /** One run of {@code protocol} with n generals, nobody lying, counted. */
  static MessageCount agreement(String protocol, int n, int m, PrintStream log) {
    Scenario s = Scenario.builder(n).m(m).build();
    long start = System.nanoTime();
    Outcome o = Simulation.builder().codec(true).build().execute(Protocols.agreement(protocol), s);
    long nanos = System.nanoTime() - start;
    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put(BYTES, o.bytes());
    counters.put(DECISIONS, (long) o.decisions().size());
    counters.put(SIGNED, o.counter(SIGNED));
    counters.put(VERIFIED, o.counter(VERIFIED));
    long formula = formula(protocol, n, m);
    log.printf(Locale.ROOT, "  %s, n=%d, m=%d: %s messages (formula %s)%s, %s bytes, %s%n", protocol, n, m,
        Format.count(o.messages()), Format.count(formula), o.messages() == formula ? "" : " MISMATCH",
        Format.count(o.bytes()), Format.duration(nanos));
    return new MessageCount(protocol, n, m, NOBODY, o.messages(), nanos, counters);
  }

  /** One transaction of {@code protocol} with 3 participants (F = 1), nothing failing or the coordinator dead. */
  static MessageCount commit(String protocol, boolean coordinatorDead, PrintStream log) {
    CommitScenario s = CommitScenario.builder(PARTICIPANTS).tolerance(TOLERANCE).commit(1, 0).build();
    Faults f = coordinatorDead ? Faults.NONE.with(new Faults.NamedCrash(NodeId.COMMANDER,
        Faults.Point.AFTER_DECISION, -1)) : Faults.NONE;
    long start = System.nanoTime();
    CommitOutcome o = Simulation.builder().faults(f).build().execute(Protocols.commit(protocol), s);
    long nanos = System.nanoTime() - start;
    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put(FORCES, o.counter(FORCES));
    counters.put(BLOCKED, (long) o.blocked().size());
    latency(o).ifPresent(l -> counters.put(LATENCY, l));
    log.printf(Locale.ROOT, "  %s, p=%d, F=%d, %s: %s messages, %s forces, latency %s%s%n", protocol, PARTICIPANTS,
        TOLERANCE, coordinatorDead ? "coordinator dead after deciding" : "nothing failing", Format.count(o.messages()),
        Format.count(o.counter(FORCES)), latency(o).map(Format::count).orElse("never"),
        o.blocked().isEmpty() ? "" : " (blocked)");
    return new MessageCount(protocol, PARTICIPANTS, TOLERANCE, coordinatorDead ? COORDINATOR_DEAD : FAULT_FREE,
        o.messages(), nanos, counters);
  }

  /** When the last participant forced the outcome of transaction 1 (submitted at 0), if every one did. */
  static Optional<Long> latency(CommitOutcome o) {
    long last = -1;
    for (NodeId p : o.spec().participantIds()) {
      Optional<Long> t = o.steps().stream()
          .filter(s -> s.node().equals(p) && s.kind() == Step.Kind.FORCE && s.detail().contains("OUTCOME"))
          .map(Step::time).findFirst();
      if (t.isEmpty()) {
        return Optional.empty();
      }
      last = Math.max(last, t.get());
    }
    return Optional.of(last);
  }

  private static Optional<MessageCount> at(Results r, String protocol, int n, int m) {
    Optional<MessageCount> own = r.count(protocol, n, m, NOBODY);
    return own.isPresent() || !protocol.equals("om") ? own : r.count(Om.PROTOCOL, n, m, Om.LOYAL);
  }

  private static double perDecision(MessageCount c, long value) {
    return value / (double) Math.max(1, c.n() - 1); // nobody lies: every lieutenant decides
  }

  @Override
  public List<Claim> claims(Results r) {
    List<Claim> claims = new ArrayList<>();
    String crossing = "At n = 3m + 1, OM(m) sends fewer messages per decision than Phase King for m <= 2 and more"
        + " from m = 3";
    List<String> seen = new ArrayList<>();
    boolean holds = true;
    int measured = 0;
    for (int m = 1; m <= LAST_M; m++) {
      Optional<MessageCount> om = at(r, "om", 3 * m + 1, m);
      Optional<MessageCount> pk = at(r, PhaseKing.NAME, 3 * m + 1, m);
      if (om.isPresent() && pk.isPresent()) {
        measured++;
        boolean omCheaper = om.get().messages() < pk.get().messages();
        holds &= omCheaper == (m <= 2);
        seen.add("m=" + m + ": OM " + Format.count(om.get().messages()) + ", Phase King "
            + Format.count(pk.get().messages()));
      }
    }
    claims.add(new Claim(CROSSING_CLAIM, crossing, seen.isEmpty() ? "not measured" : String.join("; ", seen),
        measured < 3 ? Claim.Verdict.NOT_MEASURED : Claim.Verdict.of(holds)));

    List<String> wrong = new ArrayList<>();
    int counted = 0;
    for (MessageCount c : r.counts()) {
      if (c.traitors().equals(NOBODY) && AGREEMENT.contains(c.protocol())) {
        counted++;
        if (c.messages() != formula(c.protocol(), c.n(), c.m())) {
          wrong.add(c.protocol() + " n=" + c.n() + " m=" + c.m() + ": " + c.messages());
        }
      } else if (c.traitors().equals(FAULT_FREE) && COMMIT.contains(c.protocol())) {
        counted++;
        if (c.messages() != commitFormula(c.protocol(), c.n(), c.m())) {
          wrong.add(c.protocol() + " p=" + c.n() + ": " + c.messages());
        }
      }
    }
    claims.add(new Claim(FORMULA_CLAIM, "Every counted run with nobody lying and nothing failing sends exactly its"
        + " protocol's formula: OM's sum of falling products, Phase King's (n-1)(1+(m+1)(2n+1)), SM's and"
        + " Dolev-Strong's (n-1)^2, 2PC's 5p, 3PC's 7p, Paxos Commit's p(4F+5)+4F",
        counted == 0 ? "not measured" : counted + " runs counted" + (wrong.isEmpty() ? ", all equal" : "; "
            + "different: " + String.join(", ", wrong)), counted == 0 ? Claim.Verdict.NOT_MEASURED
            : Claim.Verdict.of(wrong.isEmpty())));

    List<String> dead = new ArrayList<>();
    boolean blocking = true;
    int runs = 0;
    for (String p : COMMIT) {
      Optional<MessageCount> c = r.count(p, PARTICIPANTS, TOLERANCE, COORDINATOR_DEAD);
      if (c.isPresent()) {
        runs++;
        boolean blocked = c.get().counter(BLOCKED) > 0;
        blocking &= blocked == p.equals("2pc");
        dead.add(p + (blocked ? " blocked" : " decided at t=" + c.get().counter(LATENCY)));
      }
    }
    claims.add(new Claim(BLOCKING_CLAIM, "With the coordinator dead for good right after its decision, 2PC blocks and"
        + " 3PC and Paxos Commit (F = 1) decide everywhere", dead.isEmpty() ? "not measured" : String.join("; ", dead),
        runs < COMMIT.size() ? Claim.Verdict.NOT_MEASURED : Claim.Verdict.of(blocking)));
    return claims;
  }

  @Override
  public void render(Results r, Doc doc) {
    doc.heading(2, title());
    doc.text("Each protocol is run once per configuration in the simulator with nobody lying, every frame through"
        + " its codec, and its logical messages, bytes and signatures counted (`messages.json`); the dashed"
        + " curves are the formulas. Per decision means divided by the n - 1 loyal lieutenants that decide.");
    XYChart c = Charts.xy("Messages per decision at n = 3m + 1", "m (n = 3m + 1)",
        "logical messages per decision (log scale)", false, true);
    int series = 0;
    for (String p : AGREEMENT) {
      List<Integer> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (int m = 1; m <= LAST_M; m++) {
        Optional<MessageCount> cnt = at(r, p, 3 * m + 1, m);
        if (cnt.isPresent()) {
          x.add(m);
          y.add(perDecision(cnt.get(), cnt.get().messages()));
        }
      }
      if (!x.isEmpty()) {
        Charts.pointsAndLine(c, p, x, y, series++);
      }
    }
    if (!c.getSeriesCollection().isEmpty()) {
      doc.figure("protocols-messages-per-decision", c, "Logical messages per decision, counted, at n = 3m + 1: OM(m)"
          + " grows as n^m, Phase King as n·m, SM(m) and Dolev-Strong (nobody lying) as n. OM and Phase King cross"
          + " between m = 2 and m = 3.");
    }
    Doc.Table t = new Doc.Table("m", "n", "protocol", "messages", "formula", "equal", "per decision", "bytes",
        "bytes per decision", "signatures per decision", "verified per decision");
    for (int m = 1; m <= LAST_M; m++) {
      for (String p : AGREEMENT) {
        row(t, r, p, 3 * m + 1, m);
      }
    }
    doc.table(t);
    doc.text(crossing(r));

    XYChart g = Charts.xy("Messages per decision at m = " + FIXED_M + " as n grows", "n, generals",
        "logical messages per decision (log scale)", false, true);
    series = 0;
    for (String p : AGREEMENT) {
      List<Integer> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (int n : GROWING_N) {
        at(r, p, n, FIXED_M).ifPresent(cnt -> {
          x.add(n);
          y.add(perDecision(cnt, cnt.messages()));
        });
      }
      if (!x.isEmpty()) {
        Charts.pointsAndLine(g, p, x, y, series++);
      }
    }
    if (!g.getSeriesCollection().isEmpty()) {
      doc.figure("protocols-messages-growing-n", g, "At m = " + FIXED_M + ", counted: OM(2) per decision grows as"
          + " n², Phase King's as n, SM's and Dolev-Strong's stay at n - 1.");
    }
    Doc.Table gt = new Doc.Table("m", "n", "protocol", "messages", "formula", "equal", "per decision", "bytes",
        "bytes per decision", "signatures per decision", "verified per decision");
    for (int n : GROWING_N) {
      for (String p : AGREEMENT) {
        row(gt, r, p, n, FIXED_M);
      }
    }
    doc.table(gt);
    doc.text("Signatures: the commander signs its order once, in SM(m) as in Dolev-Strong; each relay is"
        + " countersigned once and every lieutenant verifies each distinct signature once, in both.");

    doc.heading(3, "Commit: 2PC, 3PC and Paxos Commit");
    doc.text("One transaction, " + PARTICIPANTS + " participants, every vote to commit, F = " + TOLERANCE
        + " (Paxos Commit runs 2F + 1 = 3 acceptors: the coordinator and two more nodes; 2PC and 3PC ignore F)."
        + " Latency is virtual time (a message takes 1) from the submission until the last participant forced the"
        + " outcome. With the coordinator dead: it crashes for good right after forcing its decision"
        + " (`after-decision`), before anyone hears of it.");
    Doc.Table ct = new Doc.Table("protocol", "run", "messages", "formula", "forced log writes", "latency",
        "outcome");
    for (String p : COMMIT) {
      for (String run : List.of(FAULT_FREE, COORDINATOR_DEAD)) {
        Optional<MessageCount> cnt = r.count(p, PARTICIPANTS, TOLERANCE, run);
        ct.row(p, run, cnt.map(x -> Format.count(x.messages())).orElse(Format.NONE),
            run.equals(FAULT_FREE) ? Format.count(commitFormula(p, PARTICIPANTS, TOLERANCE)) : Format.NONE,
            cnt.map(x -> Format.count(x.counter(FORCES))).orElse(Format.NONE),
            cnt.map(x -> x.counters().containsKey(LATENCY) ? Format.count(x.counter(LATENCY)) : "never")
                .orElse(Format.NONE),
            cnt.map(x -> x.counter(BLOCKED) > 0 ? "blocked" : "decided everywhere").orElse(Format.NONE));
      }
    }
    doc.table(ct);
    doc.text("2PC is cheapest when nothing fails and blocks when its coordinator dies at the wrong moment. 3PC pays"
        + " a third round (2p messages, p + 1 forces) to decide without it, but only if a silent node is a crashed"
        + " one: under a partition it can commit on one side and abort on the other (the commit search finds such"
        + " a run). Paxos Commit pays F more acceptors and their votes, and decides while F + 1 acceptors are up,"
        + " whatever the network does; at F = 0 it is 2PC, message for message.");
  }

  private static void row(Doc.Table t, Results r, String p, int n, int m) {
    Optional<MessageCount> cnt = at(r, p, n, m);
    long formula = formula(p, n, m);
    boolean signs = p.equals("sm") || p.equals(DolevStrong.NAME);
    t.row(Integer.toString(m), Integer.toString(n), p, cnt.map(x -> Format.count(x.messages())).orElse(Format.NONE),
        Format.count(formula), cnt.map(x -> x.messages() == formula ? "yes" : "NO").orElse(Format.NONE),
        cnt.map(x -> Format.number(perDecision(x, x.messages()))).orElse(Format.NONE),
        cnt.filter(x -> x.counters().containsKey(BYTES)).map(x -> Format.count(x.counter(BYTES))).orElse(Format.NONE),
        cnt.filter(x -> x.counters().containsKey(BYTES)).map(x -> Format.number(perDecision(x, x.counter(BYTES))))
            .orElse(Format.NONE),
        signs ? cnt.map(x -> Format.number(perDecision(x, x.counter(SIGNED)))).orElse(Format.NONE) : Format.NONE,
        signs ? cnt.map(x -> Format.number(perDecision(x, x.counter(VERIFIED)))).orElse(Format.NONE) : Format.NONE);
  }

  /** Where OM's count overtakes Phase King's, in words. */
  static String crossing(Results r) {
    Integer last = null;
    Integer first = null;
    for (int m = 1; m <= LAST_M; m++) {
      Optional<MessageCount> om = at(r, "om", 3 * m + 1, m);
      Optional<MessageCount> pk = at(r, PhaseKing.NAME, 3 * m + 1, m);
      if (om.isPresent() && pk.isPresent()) {
        if (om.get().messages() < pk.get().messages()) {
          last = m;
        } else if (first == null) {
          first = m;
        }
      }
    }
    if (last == null && first == null) {
      return "*OM and Phase King were not both counted in this run.*";
    }
    return "Where the lines cross: OM(m) is the cheaper up to m = " + (last == null ? "none" : last)
        + (first == null ? "" : ", and Phase King from m = " + first) + " (counted at n = 3m + 1).";
  }
}
