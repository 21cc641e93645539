package io.github.bgp.bench.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * One JMH run a section needs: a benchmark class at some parameter values, with one fork.
 *
 * @param benchmark the benchmark class
 * @param params the {@code @Param} values to run (all combinations)
 * @param warmups warmup iterations
 * @param warmupTime each warmup iteration's time, or null for the class's own (and for single-shot benchmarks)
 * @param measurements measurement iterations
 * @param measurementTime each measurement iteration's time, or null for the class's own
 * @param gc whether to add JMH's GC profiler, for bytes allocated per operation
 */
record JmhRun(Class<?> benchmark, Map<String, List<String>> params, int warmups, Duration warmupTime,
    int measurements, Duration measurementTime, boolean gc) {

  JmhRun {
    Objects.requireNonNull(benchmark, "benchmark");
    Map<String, List<String>> copy = new LinkedHashMap<>();
    params.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    params = Collections.unmodifiableMap(copy);
  }

  /** Parameters in the order given (JMH's command line shows them so). */
  static Map<String, List<String>> params(String name, List<String> values) {
    Map<String, List<String>> p = new LinkedHashMap<>();
    p.put(name, values);
    return p;
  }

  /** Two parameters, in the order given. */
  static Map<String, List<String>> params(String name, List<String> values, String name2, List<String> values2) {
    Map<String, List<String>> p = params(name, values);
    p.put(name2, values2);
    return p;
  }

  String name() {
    return benchmark.getSimpleName();
  }

  /** How many forks (parameter combinations) the run has. */
  int configurations() {
    return params.values().stream().mapToInt(List::size).reduce(1, (a, b) -> a * b);
  }

  /** JMH's options for this run, its JSON result written to {@code resultFile}. */
  Options options(String resultFile) {
    ChainedOptionsBuilder b = new OptionsBuilder()
        .include("^" + Pattern.quote(benchmark.getName() + ".") + "\\w+$")
        .forks(1)
        .warmupIterations(warmups)
        .measurementIterations(measurements)
        .shouldFailOnError(true)
        // Forks would inherit the report JVM's options (the launcher's collector, compiler and
        // archive); they get the benchmark's own and nothing else.
        .jvmArgs()
        .resultFormat(ResultFormatType.JSON)
        .result(resultFile);
    if (warmupTime != null) {
      b.warmupTime(TimeValue.milliseconds(warmupTime.toMillis()));
    }
    if (measurementTime != null) {
      b.measurementTime(TimeValue.milliseconds(measurementTime.toMillis()));
    }
    params.forEach((name, values) -> b.param(name, values.toArray(String[]::new)));
    if (gc) {
      b.addProfiler(GCProfiler.class);
    }
    return b.build();
  }

  /** The same run from the command line, with the benchmarks jar. */
  String command() {
    List<String> c = new ArrayList<>(List.of("java", "-jar", "bgp-bench/target/benchmarks.jar", name()));
    params.forEach((name, values) -> c.add("-p " + name + "=" + String.join(",", values)));
    c.add("-f 1");
    c.add("-wi " + warmups);
    if (warmupTime != null) {
      c.add("-w " + time(warmupTime));
    }
    c.add("-i " + measurements);
    if (measurementTime != null) {
      c.add("-r " + time(measurementTime));
    }
    if (gc) {
      c.add("-prof gc");
    }
    c.add("-rf json");
    return String.join(" ", c);
  }

  private static String time(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
