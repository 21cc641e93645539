package io.github.bgp.cli;

import io.github.bgp.bench.report.BenchReport;
import io.github.bgp.bench.report.Settings;
import io.github.bgp.bench.report.Suite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bgp bench}: runs the benchmark suite and writes the report. */
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
      "more iterations, n=22, m=7 by message passing). Either runs:",
      "  - JMH benchmarks, one forked JVM each: OM(m) as m grows and as n grows,",
      "    bgp against a naive baseline, the closed-form evaluator, a memory copy;",
      "  - this command as whole processes through ./bgp, 'bgp om --generals 19",
      "    --m 6' loyal and with each strategy: wall time from outside, peak memory",
      "    from /proc (Linux);",
      "  - every scenario once, to count its logical messages against the formula.",
      "",
      "The claims, each PASS, FAIL or NOT MEASURED, judged only from this run;",
      "the OM ones stand beside the machine's floors (memory copied per second,",
      "measured in the same run, and a byte per value), as ratios:",
      "  1  n=19, m=6 as a whole ./bgp process, loyal and every traitor strategy:",
      "     under 0.8 s wall and under 300 MB peak memory;",
      "  2  n=16, m=5: at least 10x faster than the naive baseline, same JMH run;",
      "  3  the evaluator decides n=22, m=7 in under 5 s;",
      "  4  durable two-phase commit beats forced appends without group commit;",
      "  5  agreements over loopback TLS decide correctly, no deadline missed;",
      "  6  n=22, m=7 by message passing, a whole process with -Xmx20g: under",
      "     60 s and 12 GB peak (measured by --full).",
      "--only SECTION[,SECTION] runs just those sections of the report.",
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
      "  bgp bench --only om-processes,om-evaluator",
      "",
      "Exit status: 0 when the report was written (whatever the claims' verdicts),",
      "1 internal error, 2 bad arguments or an unwritable --out."
    })
final class BenchCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--full", description = "Run the full suite (every size, more iterations, n=22, m=7 by message passing)"
      + " instead of the quick one.")
  boolean full;

  @Option(names = "--only", paramLabel = "SECTION", split = ",",
      description = "Run only these sections of the report (comma-separated): ${COMPLETION-CANDIDATES}.",
      completionCandidates = Sections.class)
  List<String> only = new ArrayList<>();

  /** The report's section ids, for --only's help. */
  static final class Sections implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Settings.sections().iterator();
    }
  }

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "bench-report",
      description = "The report directory, created if missing; its report files are overwritten. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Override
  public Integer call() {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new UsageError("--out " + out + " is a file, not a directory");
    }
    PrintWriter err = spec.commandLine().getErr();
    Path index;
    try (PrintStream log = lines(err)) {
      Settings settings;
      try {
        settings = new Settings(full ? Suite.FULL : Suite.QUICK, out, log, only);
      } catch (IllegalArgumentException e) {
        throw new UsageError("--only: " + e.getMessage());
      }
      index = BenchReport.run(settings);
    } catch (IOException e) {
      throw new UsageError("cannot write the report to " + out + ": " + e.getMessage());
    }
    spec.commandLine().getOut().println(index);
    return Main.OK;
  }

  /** A stream that passes whole lines on to {@code w} (JMH and the report print to a stream). */
  private static PrintStream lines(PrintWriter w) {
    OutputStream lines = new OutputStream() {
      private final ByteArrayOutputStream line = new ByteArrayOutputStream();

      @Override
      public void write(int b) {
        line.write(b);
        if (b == '\n') {
          flush();
        }
      }

      @Override
      public void flush() {
        w.print(line.toString(StandardCharsets.UTF_8));
        w.flush();
        line.reset();
      }

      @Override
      public void close() {
        flush();
      }
    };
    return new PrintStream(lines, true, StandardCharsets.UTF_8);
  }
}
