package io.github.bgp.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
      "The claims, each PASS, FAIL or NOT MEASURED, judged only from this run:",
      "  1  n=19, m=6 as a whole process, loyal and with traitors: under 5 s wall",
      "     and under 1 GB peak memory;",
      "  2  n=16, m=5: at least 10x faster than the naive baseline, same JMH run;",
      "  3  the evaluator decides n=22, m=7 in under 60 s (measured by --full).",
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
  /** Where the benchmarks jar is built, from the repository's root. */
  static final Path JAR = Path.of("bgp-bench", "target", "benchmarks.jar");
  /** The command that builds it. */
  static final String BUILD = "mvn -B -DskipTests -pl bgp-bench -am package";
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
    Optional<Path> location = ownLocation();
    Path jar = benchmarksJar(System.getProperty(JAR_PROPERTY), location);
    List<String> command = command(jar, location.filter(p -> p.toString().endsWith(".jar")));
    Process child;
    try {
      child = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      throw new UsageError("cannot run the benchmarks jar " + jar + ": " + e.getMessage());
    }
    // Stopped by a signal meanwhile: the report's JVM stops too (JMH's forks end with it).
    Thread hook = new Thread(child::destroy, "bgp-bench-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      Thread progress = pump(child.getErrorStream(), spec.commandLine().getErr(), "bgp-bench-progress");
      pump(child.getInputStream(), spec.commandLine().getOut(), "bgp-bench-output").join();
      progress.join();
      int exit = child.waitFor();
      return exit == Main.OK || exit == Main.USAGE ? exit : Main.INTERNAL_ERROR;
    } catch (InterruptedException e) {
      child.destroy();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the benchmarks ran", e);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running, and stops the child
      }
    }
  }

  /**
   * The benchmarks jar: the one {@code property} names if it is set, else the one built beside
   * this command in the same repository ({@code location} is this command's jar or classes
   * directory, {@code bgp-cli/target/...}).
   *
   * @throws UsageError if it is missing, naming the command that builds it
   */
  static Path benchmarksJar(String property, Optional<Path> location) {
    Path jar;
    if (property != null && !property.isBlank()) {
      jar = Path.of(property);
    } else {
      Path root = location.map(Path::toAbsolutePath).map(Path::getParent).map(Path::getParent).map(Path::getParent)
          .orElse(Path.of("").toAbsolutePath());
      jar = root.resolve(JAR);
    }
    if (!Files.exists(jar)) {
      throw new UsageError("bgp bench runs the benchmarks jar " + jar + ", which is not built; build it with: "
          + BUILD);
    }
    return jar;
  }

  /**
   * The child's command line: this JVM's {@code java} with its {@code -X} and {@code -D} options
   * (so that {@code BGP_JAVA_OPTS} applies to the report as it did when the report ran in this
   * JVM), the path of {@code bgpJar} for the report's whole-process runs of this command, then
   * the report's program and this command's options.
   */
  List<String> command(Path jar, Optional<Path> bgpJar) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (option.startsWith("-X") || option.startsWith("-D")) {
        command.add(option);
      }
    }
    bgpJar.ifPresent(p -> command.add("-Dbgp.jar=" + p.toAbsolutePath()));
    command.add("-cp");
    command.add(jar.toString());
    command.add(MAIN);
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

  /** Where this command's classes were loaded from: {@code bgp.jar}, or a classes directory. */
  private static Optional<Path> ownLocation() {
    CodeSource source = BenchCommand.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(source.getLocation().toURI()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Copies {@code in} to {@code w} line by line on a thread of its own, until the child closes it. */
  private static Thread pump(InputStream in, PrintWriter w, String name) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          w.println(line);
          w.flush();
        }
      } catch (IOException e) {
        // The child went away mid-line: what it printed so far is through; its exit code tells the rest.
      }
    }, name);
    t.setDaemon(true);
    t.start();
    return t;
  }
}
