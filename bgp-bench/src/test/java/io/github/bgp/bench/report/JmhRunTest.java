package io.github.bgp.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.runner.options.Options;

/** The JMH runs the sections ask for name real benchmarks and parameters: a typo would only show at bench time. */
class JmhRunTest {

  private static String benchmarkList() throws IOException {
    try (InputStream in = JmhRunTest.class.getClassLoader().getResourceAsStream("META-INF/BenchmarkList")) {
      assertNotNull(in, "JMH's annotation processor wrote META-INF/BenchmarkList");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void everyRunSelectsItsBenchmarkAndRealParameters() throws Exception {
    String list = benchmarkList();
    for (Suite suite : Suite.values()) {
      for (Section s : BenchReport.SECTIONS) {
        for (JmhRun run : s.benchmarks(suite)) {
          Options o = run.options("/tmp/x.json");
          String include = o.getIncludes().get(0);
          String method = run.benchmark().getName() + "." + (run.name().equals("EvaluatorBenchmark") ? "evaluate" : "run");
          assertTrue(Pattern.compile(include).matcher(method).find(), include + " selects " + method);
          assertTrue(list.contains(" " + run.benchmark().getName() + " "), run.name() + " is in the benchmark list");
          String other = method.replace("Benchmark.", "BenchmarkOther.");
          assertTrue(!Pattern.compile(include).matcher(other).find(), include + " does not select " + other);
          for (String param : run.params().keySet()) {
            assertTrue(hasParam(run.benchmark(), param, new java.util.HashSet<>()), run.name() + " has no @Param " + param);
          }
          assertEquals(1, o.getForkCount().get());
          // Nothing of the report JVM's own options (the launcher's) reaches the forks.
          assertEquals(java.util.List.of(), new java.util.ArrayList<>(o.getJvmArgs().get()), run.name());
        }
      }
    }
  }

  /**
   * Whether {@code type}, or a state it uses (through its {@code @Benchmark} or {@code @Setup}
   * methods' parameters, or its nested classes), declares a {@code @Param} called {@code name}.
   */
  private static boolean hasParam(Class<?> type, String name, java.util.Set<Class<?>> seen) {
    if (!seen.add(type)) {
      return false;
    }
    for (java.lang.reflect.Field f : type.getFields()) {
      if (f.getName().equals(name) && f.getAnnotation(Param.class) != null) {
        return true;
      }
    }
    for (Class<?> nested : type.getDeclaredClasses()) {
      if (hasParam(nested, name, seen)) {
        return true;
      }
    }
    for (java.lang.reflect.Method m : type.getMethods()) {
      if (m.getAnnotation(org.openjdk.jmh.annotations.Benchmark.class) != null
          || m.getAnnotation(org.openjdk.jmh.annotations.Setup.class) != null) {
        for (Class<?> p : m.getParameterTypes()) {
          if (hasParam(p, name, seen)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  @Test
  void aRunIsAlsoACommandLine() {
    JmhRun run = new JmhRun(io.github.bgp.bench.OmScalingBenchmark.class, Map.of("m", List.of("1", "2")), 1,
        Duration.ofSeconds(3), 2, Duration.ofMillis(1500), true);

    assertEquals("java -jar bgp-bench/target/benchmarks.jar OmScalingBenchmark -p m=1,2 -f 1 -wi 1 -w 3s -i 2 -r 1500ms"
        + " -prof gc -rf json", run.command());
    assertEquals(2, run.configurations());
  }
}
