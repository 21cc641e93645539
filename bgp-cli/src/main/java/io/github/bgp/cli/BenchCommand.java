package io.github.bgp.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bgp bench}: runs the benchmark suite and writes the report. The suite and the report
 * live in the benchmarks jar ({@code bgp-bench/target/benchmarks.jar}, with JMH), which this
 * command runs as a child process, so that {@code bgp.jar} carries neither; the child's progress
 * and the report's path come through unchanged.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = {
      "Benchmark bgp on this machine and write a report: tables and charts of what",
      "was measured, and whether bgp's performance claims held.",
      "",
      "The quick suite takes a few minutes; --full takes much longer (more sizes,",
      "more iterations, the evaluator at n=22, m=7). Either runs:",
      "  - JMH benchmarks, one forked JVM each: OM(m) as m grows and as n grows,",
      "    bgp against a naive baseline, the closed-form evaluator;",
      "  - this command as whole processes, 'bgp om --generals 19 --m 6' loyal and",
      "    with traitors: wall time from outside, peak memory from /proc (Linux);",
      "  - every scenario once, to count its logical messages against the formula.",
      "",
      "The claims, each PASS, FAIL or NOT MEASURED, judged only from this run",
      "(OM's beside its floors: memory bandwidth and bytes per value), among them:",
      "  1  n=19, m=6 as a whole process, loyal and with every traitor strategy:",
      "     under 0.8 s wall and 300 MB peak memory;",
      "  2  n=16, m=5: at least 10x faster than the naive baseline, same JMH run;",
      "  3  the evaluator decides n=22, m=7 in under 5 s;",
      "  6  n=22, m=7 by message passing, a whole process with -Xmx20g: under",
      "     60 s and 12 GB peak (measured by --full).",
      "",
      "The report directory holds index.html and report.md, the charts as SVG and",
      "PNG in charts/, and the raw data: jmh.json (JMH's JSON), processes.json,",
      "messages.json and machine.json. Progress goes to standard error; the path",
      "of index.html is printed on standard output. Run it on an otherwise idle",
      "machine: other work skews the numbers."
    },
    descriptionHeading = "%n",
    optionListHeading = "%nOptions:%n",
    footerHeading = "%n",
    footer = {
      "Examples:",
      "  bgp bench",
      "  bgp bench --full --out bench-full",
      "",
      "Exit status: 0 when the report was written (whatever the claims' verdicts),",
      "1 internal error, 2 bad arguments, an unwritable --out or no benchmarks jar."
    })
final class BenchCommand implements Callable<Integer> {

  /** The system property naming the benchmarks jar; the {@code ./bgp} launcher sets it. */
  static final String JAR_PROPERTY = "bgp.benchmarks.jar";
  /** The benchmarks jar: where it is built, from the repository's root, and the command that builds it. */
  static final ChildJar CHILD = new ChildJar("bgp bench", "the benchmarks jar", JAR_PROPERTY,
      Path.of("bgp-bench", "target", "benchmarks.jar"), "mvn -B -DskipTests -pl bgp-bench -am package", "bgp-bench");
  /** The report's program in the benchmarks jar. */
  static final String MAIN = "io.github.bgp.bench.report.ReportMain";

  @Spec
  CommandSpec spec;

  @Option(names = "--full", description = "Run the full suite (every size, more iterations, the evaluator at n=22, m=7)"
      + " instead of the quick one.")
  boolean full;

  @Option(names = "--only", paramLabel = "SECTION", split = ",",
      description = "Run just these sections of the report, by id, e.g. om-processes,om-evaluator (an unknown id"
          + " is refused, listing them).")
  List<String> only;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "bench-report",
      description = "The report directory, created if missing; its report files are overwritten. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Override
  public Integer call() {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new UsageError("--out " + out + " is a file, not a directory");
    }
    Path jar = CHILD.find();
    List<String> command = command(jar, ChildJar.ownLocation().filter(p -> p.toString().endsWith(".jar")));
    return CHILD.run(jar, command, spec, Set.of(Main.OK, Main.USAGE));
  }

  /**
   * The child's command line ({@link ChildJar#java}): this JVM's {@code java} and options (so that
   * {@code BGP_JAVA_OPTS} applies to the report as it did when the report ran in this JVM), the
   * path of {@code bgpJar} for the report's whole-process runs of this command, then the report's
   * program and this command's options.
   */
  List<String> command(Path jar, Optional<Path> bgpJar) {
    List<String> command = ChildJar.java(jar,
        bgpJar.map(p -> List.of("-Dbgp.jar=" + p.toAbsolutePath())).orElse(List.of()), MAIN);
    if (only != null && !only.isEmpty()) {
      command.add("--only");
      command.add(String.join(",", only));
    }
    if (full) {
      command.add("--full");
    }
    command.add("--out");
    command.add(out.toAbsolutePath().normalize().toString());
    return command;
  }
}
