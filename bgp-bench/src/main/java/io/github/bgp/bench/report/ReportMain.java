package io.github.bgp.bench.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The benchmark report as a program of its own, which {@code bgp bench} runs from the benchmarks
 * jar, so that the command itself needs neither JMH nor the benchmarks:
 * {@code java -cp bgp-bench/target/benchmarks.jar io.github.bgp.bench.report.ReportMain [--full] [--only IDS] --out DIR}.
 *
 * <p>Progress goes to standard error, the path of {@code index.html} to standard output. Exit
 * codes are the command's: 0 when the report was written, 1 for an internal error, 2 for bad
 * arguments or a report directory that cannot be written. The bgp command's own runs (the
 * whole-process probes) use the jar named by {@code -Dbgp.jar}, when given.
 */
public final class ReportMain {

  private ReportMain() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(List.of(args), out, err));
  }

  /** Runs the report as {@code args} ask; see the class comment for the exit codes. */
  static int run(List<String> args, PrintStream out, PrintStream err) {
    Suite suite = Suite.QUICK;
    Path dir = null;
    List<String> only = List.of();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--full")) {
        suite = Suite.FULL;
      } else if (a.equals("--out") && i + 1 < args.size()) {
        dir = Path.of(args.get(++i));
      } else if (a.equals("--only") && i + 1 < args.size()) {
        only = List.of(args.get(++i).split(","));
      } else {
        err.println("bgp bench: unexpected argument '" + a + "' (usage: ReportMain [--full] [--only SECTION[,SECTION]] --out DIR)");
        return 2;
      }
    }
    if (dir == null) {
      err.println("bgp bench: missing --out DIR (usage: ReportMain [--full] [--only SECTION[,SECTION]] --out DIR)");
      return 2;
    }
    Settings settings;
    try {
      settings = new Settings(suite, dir, err, only);
    } catch (IllegalArgumentException e) {
      err.println("bgp: --only: " + e.getMessage());
      return 2;
    }
    try {
      out.println(BenchReport.run(settings));
      return 0;
    } catch (IOException e) {
      err.println("bgp: cannot write the report to " + dir + ": " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      err.println("bgp: internal error: " + String.valueOf(e).strip().replaceAll("\\s*\\R\\s*", " "));
      return 1;
    }
  }
}
