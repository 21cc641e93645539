package io.github.bgp.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Lays the report out: the run, the claims, each section, the machine, how to reproduce it. */
final class Report {

  private Report() {}

  static Doc build(Results r, List<Section> sections, long elapsedNanos, List<String> problems, Set<JmhRun> runs) {
    Machine machine = r.machine();
    Doc doc = new Doc("bgp benchmark report");
    doc.text("The " + r.suite().label() + " suite (`./bgp bench" + (r.suite() == Suite.FULL ? " --full" : "") + "`), run on "
        + machine.date() + " on " + machine.cpuModel() + " (" + machine.logicalCores() + " logical cores, "
        + Machine.memory(machine.totalMemoryBytes()) + "), Java " + machine.jdkVersion() + " (" + machine.vm() + "), bgp "
        + machine.bgpVersion() + (machine.loadAverage() >= 0 ? ", the load average over the last minute "
        + Format.number(machine.loadAverage()) + " when it started (other work on the machine skews the numbers)" : "")
        + "; measuring took " + Format.duration(elapsedNanos) + ". Every number below was"
        + " measured by this run, and each claim's verdict is judged from those numbers; the raw data is beside this"
        + " file (`jmh.json`, `processes.json`, `messages.json`, `machine.json`).");
    if (sections.size() < BenchReport.SECTIONS.size()) {
      doc.text("This run measured only some of the report's sections (`--only " + String.join(",",
          sections.stream().map(Section::id).toList()) + "`): " + String.join("; ",
          sections.stream().map(Section::title).toList()) + ".");
    }
    if (r.suite() == Suite.QUICK) {
      doc.text("The quick suite warms each configuration up for one iteration of " + Suites.QUICK_WARMUP.toSeconds()
          + " s and measures two of " + Suites.ITERATION.toSeconds() + " s (the single-shot evaluator: one warmup"
          + " and two measured invocations), on fewer sizes, so its numbers are rougher than the full suite's;"
          + " `./bgp bench --full` measures more sizes with more iterations.");
    }
    if (!problems.isEmpty()) {
      doc.heading(2, "Problems in this run");
      doc.bullets(problems);
    }

    doc.heading(2, "Claims");
    Doc.Table claims = new Doc.Table("#", "claim", "measured", "verdict");
    for (Claim c : BenchReport.claims(r, sections)) {
      claims.row(Integer.toString(c.number()), c.statement(), c.measured(), c.verdict().label());
    }
    doc.table(claims);

    for (Section s : sections) {
      s.render(r, doc);
    }

    doc.heading(2, "Machine");
    Doc.Table m = new Doc.Table("", "");
    for (Map.Entry<String, Object> e : machine.asMap().entrySet()) {
      Object v = e.getKey().equals("totalMemoryBytes") ? Machine.memory(machine.totalMemoryBytes()) : e.getValue();
      m.row(label(e.getKey()), String.valueOf(v));
    }
    doc.table(m);

    doc.heading(2, "Reproduce");
    doc.text("The whole report, quick or full (the `./bgp` launcher builds the command on first use):");
    doc.code("./bgp bench", "./bgp bench --full", "./bgp bench --out DIR");
    doc.text("The JMH runs of this report, one at a time, from the benchmarks jar (JMH prints its own tables;"
        + " add `-rff FILE` to name the JSON file):");
    List<String> commands = new ArrayList<>();
    commands.add("mvn -B -q -Dmaven.test.skip=true -pl bgp-bench -am package");
    runs.forEach(run -> commands.add(run.command()));
    doc.code(commands);
    doc.text("The whole-process runs (`processes.json` has each exact command line):");
    List<String> probes = new ArrayList<>();
    for (ProcessResult p : r.processes()) {
      probes.add(p.probe().mainClass().equals(ProcessProbe.BGP) ? "./" + p.probe().display()
          : "java " + String.join(" ", p.probe().jvmOptions()) + " -cp bgp-cli/target/bgp.jar " + p.probe().mainClass()
              + " " + String.join(" ", p.probe().args()));
    }
    if (!probes.isEmpty()) {
      doc.code(probes);
    }
    return doc;
  }

  private static String label(String key) {
    switch (key) {
      case "cpuModel":
        return "CPU";
      case "logicalCores":
        return "logical cores";
      case "totalMemoryBytes":
        return "memory";
      case "jdkVersion":
        return "JDK version";
      case "jdkVendor":
        return "JDK vendor";
      case "vm":
        return "VM";
      case "os":
        return "OS";
      case "arch":
        return "architecture";
      case "date":
        return "date";
      case "bgpVersion":
        return "bgp version";
      case "loadAverage":
        return "load average (1 min) at the start";
      default:
        return key;
    }
  }
}
