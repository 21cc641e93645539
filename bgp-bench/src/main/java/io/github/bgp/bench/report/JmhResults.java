package io.github.bgp.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What JMH measured, read from its JSON result format: one {@link Result} per benchmark and
 * parameter combination. Every table and chart of the report is built from this, so a test can
 * render a report from a JSON fixture.
 */
final class JmhResults {

  /** JMH's secondary result of the GC profiler: bytes allocated per operation. */
  static final String ALLOC_NORM = "gc.alloc.rate.norm";

  private final List<Result> results;

  JmhResults(List<Result> results) {
    this.results = List.copyOf(results);
  }

  static JmhResults empty() {
    return new JmhResults(List.of());
  }

  /** Parses JMH's JSON result format (an array of benchmark results). */
  static JmhResults parse(String json) throws IOException {
    JsonNode root = new ObjectMapper().readTree(json);
    if (root == null || !root.isArray()) {
      throw new IOException("not a JMH JSON result: expected an array of benchmark results");
    }
    List<Result> results = new ArrayList<>();
    for (JsonNode r : root) {
      results.add(Result.of(r));
    }
    return new JmhResults(results);
  }

  List<Result> all() {
    return results;
  }

  /** The results of benchmark class {@code simpleName} (any method). */
  List<Result> of(String simpleName) {
    return results.stream().filter(r -> r.className().equals(simpleName)).toList();
  }

  /** The result of {@code simpleName} whose parameters include all of {@code params}. */
  Optional<Result> find(String simpleName, Map<String, String> params) {
    return of(simpleName).stream()
        .filter(r -> params.entrySet().stream().allMatch(e -> e.getValue().equals(r.params().get(e.getKey()))))
        .findFirst();
  }

  /**
   * One benchmark at one parameter combination.
   *
   * @param benchmark the full name, {@code io.github.bgp.bench.OmScalingBenchmark.run}
   * @param mode JMH's mode, {@code avgt} or {@code ss}
   * @param params the {@code @Param} values
   * @param primary the score
   * @param secondary secondary results by name: {@code messages} (an aux counter),
   *     {@link #ALLOC_NORM}, ...
   */
  record Result(String benchmark, String mode, Map<String, String> params, Metric primary,
      Map<String, Metric> secondary) {

    Result {
      Objects.requireNonNull(benchmark, "benchmark");
      params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
      secondary = Collections.unmodifiableMap(new LinkedHashMap<>(secondary));
    }

    static Result of(JsonNode r) throws IOException {
      String benchmark = r.path("benchmark").asText("");
      if (benchmark.isEmpty() || !r.has("primaryMetric")) {
        throw new IOException("not a JMH JSON result: an entry lacks benchmark or primaryMetric");
      }
      Map<String, String> params = new LinkedHashMap<>();
      r.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
      Map<String, Metric> secondary = new LinkedHashMap<>();
      r.path("secondaryMetrics").properties().forEach(e -> secondary.put(normalName(e.getKey()), Metric.of(e.getValue())));
      return new Result(benchmark, r.path("mode").asText(""), params, Metric.of(r.get("primaryMetric")), secondary);
    }

    /** Older JMH versions prefix profiler results with a middle dot: {@code ·gc.alloc.rate.norm}. */
    private static String normalName(String name) {
      return name.startsWith("\u00b7") ? name.substring(1) : name;
    }

    /** {@code OmScalingBenchmark}. */
    String className() {
      String[] parts = benchmark.split("\\.");
      return parts.length >= 2 ? parts[parts.length - 2] : benchmark;
    }

    String param(String name) {
      return params.get(name);
    }

    Optional<Metric> metric(String name) {
      return Optional.ofNullable(secondary.get(name));
    }

    /**
     * Logical messages per operation, from the {@code messages} aux counter: JMH reports it as
     * time per message, so the score's time over it is the count.
     */
    Optional<Double> messagesPerOp() {
      return metric("messages").filter(m -> m.nanos() > 0).map(m -> primary.nanos() / m.nanos());
    }

    /** Nanoseconds per logical message, from the {@code messages} aux counter. */
    Optional<Double> nanosPerMessage() {
      return metric("messages").map(Metric::nanos);
    }

    /** Bytes allocated per logical message: the GC profiler's bytes per operation over messages per operation. */
    Optional<Double> bytesPerMessage() {
      Optional<Double> perOp = messagesPerOp();
      return metric(ALLOC_NORM).flatMap(a -> perOp.map(m -> a.score() / m));
    }
  }

  /**
   * One measured quantity.
   *
   * @param score the mean (or the single-shot average)
   * @param error the 99.9% half-width, NaN when JMH had too few iterations to give one
   * @param unit JMH's unit, like {@code ns/op}, {@code ms/op}, {@code B/op}
   * @param raw every measurement iteration's value
   */
  record Metric(double score, double error, String unit, List<Double> raw) {

    Metric {
      Objects.requireNonNull(unit, "unit");
      raw = List.copyOf(raw);
    }

    static Metric of(JsonNode m) {
      List<Double> raw = new ArrayList<>();
      for (JsonNode fork : m.path("rawData")) {
        for (JsonNode v : fork) {
          raw.add(number(v));
        }
      }
      return new Metric(number(m.path("score")), number(m.path("scoreError")), m.path("scoreUnit").asText(""), raw);
    }

    /** JMH writes NaN as the string "NaN". */
    private static double number(JsonNode v) {
      if (v.isNumber()) {
        return v.asDouble();
      }
      try {
        return Double.parseDouble(v.asText());
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }

    /** The score in nanoseconds (per operation), for a time unit. */
    double nanos() {
      return score * nanosPer(unit);
    }

    /** The largest iteration's value in nanoseconds, or the score when there are no raw values. */
    double worstNanos() {
      return raw.stream().mapToDouble(Double::doubleValue).max().orElse(score) * nanosPer(unit);
    }

    /** How many nanoseconds one of {@code unit}'s time unit is ({@code ms/op}: a million). */
    static double nanosPer(String unit) {
      String time = unit.contains("/") ? unit.substring(0, unit.indexOf('/')) : unit;
      switch (time.toLowerCase(Locale.ROOT)) {
        case "ns":
          return 1;
        case "us":
        case "\u00b5s":
          return 1e3;
        case "ms":
          return 1e6;
        case "s":
          return 1e9;
        case "min":
          return 60e9;
        default:
          throw new IllegalArgumentException("not a time unit: " + unit);
      }
    }
  }
}
