package io.github.bgp.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * n=19, m=6 by message passing as whole processes of the real command, loyal and with
 * traitors; claim 1, each under 5 s wall and 1 GB peak.
 */
final class OmProcessSection implements Section {

  static final int N = 19;
  static final int M = 6;
  static final int CLAIM_SECONDS = 5;
  /** 1 GB, decimal: 10^9 bytes. */
  static final long CLAIM_BYTES = 1_000_000_000L;
  static final int CLAIM_NUMBER = 1;
  private static final String LIEUTENANTS = "1,4,7,10,13,16";
  private static final String WITH_COMMANDER = "0,3,6,9,12,15";

  @Override
  public String title() {
    return "n=19, m=6 as whole processes";
  }

  @Override
  public List<JmhRun> benchmarks(Suite suite) {
    return List.of();
  }

  @Override
  public List<ProcessProbe> probes(Suite suite) {
    int reps = suite == Suite.QUICK ? 3 : 5;
    long expected = OmFormula.messages(N, M);
    String n = Integer.toString(N);
    String m = Integer.toString(M);
    return List.of(
        ProcessProbe.bgp("om-19-6-loyal", "loyal", reps, expected, "om", "--generals", n, "--m", m, "--json"),
        ProcessProbe.bgp("om-19-6-flip", "flip, traitors " + LIEUTENANTS, reps, expected,
            "om", "--generals", n, "--m", m, "--traitors", LIEUTENANTS, "--strategy", "flip", "--json"),
        ProcessProbe.bgp("om-19-6-random", "random, traitors " + LIEUTENANTS, reps, expected,
            "om", "--generals", n, "--m", m, "--traitors", LIEUTENANTS, "--strategy", "random", "--json"),
        ProcessProbe.bgp("om-19-6-split", "split, traitors " + WITH_COMMANDER + " (commander included)", reps, expected,
            "om", "--generals", n, "--m", m, "--traitors", WITH_COMMANDER, "--strategy", "split", "--json"));
  }

  private List<ProcessResult> mine(Results r) {
    return probes(r.suite()).stream().map(p -> r.process(p.id())).flatMap(Optional::stream).toList();
  }

  @Override
  public List<Claim> claims(Results r) {
    String statement = "n=" + N + ", m=" + M + " (" + Format.count(OmFormula.messages(N, M)) + " messages), message"
        + " passing, loyal and traitor runs: each whole process under " + CLAIM_SECONDS + " s wall and"
        + " under 1 GB peak memory (worst of the repetitions per configuration)";
    List<ProcessResult> results = mine(r);
    int expected = probes(r.suite()).size();
    List<String> failures = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<String> worst = new ArrayList<>();
    int runs = 0;
    int correct = 0;
    for (ProcessResult p : results) {
      if (!p.ran()) {
        missing.add(p.probe().label() + " (" + p.unavailable() + ")");
        continue;
      }
      runs += p.runs().size();
      correct += (int) p.runs().stream().filter(x -> x.correct(p.probe().expectedMessages())).count();
      long wall = p.worstWallNanos().orElse(Long.MAX_VALUE);
      OptionalLong peak = p.worstPeakBytes();
      worst.add(shortLabel(p) + " " + Format.duration(wall) + " / " + (peak.isPresent() ? Format.megabytes(peak.getAsLong()) : "peak unavailable"));
      if (!p.allCorrect()) {
        failures.add(shortLabel(p) + ": " + p.problem().orElse("a run failed its checks"));
      }
      if (wall >= CLAIM_SECONDS * 1e9) {
        failures.add(shortLabel(p) + " took " + Format.duration(wall));
      }
      if (peak.isPresent() && peak.getAsLong() >= CLAIM_BYTES) {
        failures.add(shortLabel(p) + " peaked at " + Format.megabytes(peak.getAsLong()));
      }
      if (peak.isEmpty()) {
        missing.add(shortLabel(p) + " peak memory (" + (ProcStatus.available() ? "not read" : "no /proc on this system") + ")");
      }
    }
    if (results.size() < expected && missing.isEmpty()) {
      missing.add((expected - results.size()) + " configurations not run");
    }
    StringBuilder measured = new StringBuilder();
    if (!worst.isEmpty()) {
      measured.append("worst wall / peak: ").append(String.join("; ", worst)).append(". ")
          .append(correct).append(" of ").append(runs).append(" runs exited 0 with IC1, IC2 and ")
          .append(Format.count(OmFormula.messages(N, M))).append(" messages.");
    }
    if (!failures.isEmpty()) {
      measured.append(" Failed: ").append(String.join("; ", failures)).append('.');
      return List.of(new Claim(CLAIM_NUMBER, statement, measured.toString().strip(), Claim.Verdict.FAIL));
    }
    if (!missing.isEmpty() || worst.isEmpty()) {
      measured.append(" Not measured: ").append(missing.isEmpty() ? "no process ran" : String.join("; ", missing)).append('.');
      return List.of(new Claim(CLAIM_NUMBER, statement, measured.toString().strip(), Claim.Verdict.NOT_MEASURED));
    }
    return List.of(new Claim(CLAIM_NUMBER, statement, measured.toString().strip(), Claim.Verdict.PASS));
  }

  private static String shortLabel(ProcessResult p) {
    String label = p.probe().label();
    int comma = label.indexOf(',');
    return comma < 0 ? label : label.substring(0, comma);
  }

  /** {@code 3 of 3 passed} or what went wrong. */
  static String checks(ProcessResult p) {
    if (!p.ran()) {
      return "not run: " + p.unavailable();
    }
    long ok = p.runs().stream().filter(x -> x.correct(p.probe().expectedMessages())).count();
    String s = ok + " of " + p.runs().size() + " exit 0, IC1, IC2, " + Format.count(p.probe().expectedMessages()) + " messages";
    return p.problem().map(x -> s + "; " + x).orElse(s);
  }

  @Override
  public void render(Results r, Doc doc) {
    doc.heading(2, title());
    doc.text("The real command, `java -jar bgp.jar om --generals 19 --m 6 ... --json`, with the JVM's default options,"
        + " each repetition a new process. Wall time is measured by the report around the process (JVM start"
        + " included); peak memory is the process's `VmHWM` (peak resident set) read from `/proc/<pid>/status`"
        + " every 2 ms until it exits. A run counts as correct when it exits with 0 and its JSON says IC1 and IC2"
        + " held and " + Format.count(OmFormula.messages(N, M)) + " messages were sent. 1 GB is 10^9 bytes; MB are 10^6 bytes.");
    Doc.Table t = new Doc.Table("configuration", "command", "wall per run", "peak RSS per run", "worst wall",
        "worst peak", "checks");
    for (ProcessResult p : mine(r)) {
      OptionalLong peak = p.worstPeakBytes();
      t.row(p.probe().label(), "`" + p.probe().display() + "`",
          p.runs().stream().map(x -> Format.duration(x.wallNanos())).collect(Collectors.joining(", ")),
          p.runs().stream().map(x -> x.hasPeak() ? Format.megabytes(x.peakRssBytes()) : "unavailable")
              .collect(Collectors.joining(", ")),
          p.worstWallNanos().isPresent() ? Format.duration(p.worstWallNanos().getAsLong()) : Format.NONE,
          peak.isPresent() ? Format.megabytes(peak.getAsLong()) : "unavailable",
          checks(p));
    }
    doc.table(t);
  }
}
