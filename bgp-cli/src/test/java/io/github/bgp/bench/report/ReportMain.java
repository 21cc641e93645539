package io.github.bgp.bench.report;

import java.nio.file.Path;

/**
 * A stand-in for the benchmark report's program, under the name {@code bgp bench} runs from the
 * benchmarks jar: it prints what it was given as progress, then the path of an index.html, as the
 * real one does, or fails as the real one does when its directory ends in {@code unwritable}.
 * Only the JDK: the tests run it from bgp-cli's test classes.
 */
public final class ReportMain {

  private ReportMain() {}

  public static void main(String[] args) {
    System.err.println("fake report: args=" + String.join(" ", args));
    System.err.println("fake report: bgp.jar=" + System.getProperty("bgp.jar"));
    Path out = Path.of(args[args.length - 1]);
    if (out.getFileName().toString().endsWith("unwritable")) {
      System.err.println("bgp: cannot write the report to " + out + ": denied");
      System.exit(2);
    }
    if (out.getFileName().toString().endsWith("crash")) {
      System.exit(3);
    }
    System.out.println(out.resolve("index.html"));
    System.exit(0);
  }
}
