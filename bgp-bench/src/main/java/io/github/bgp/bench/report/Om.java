package io.github.bgp.bench.report;

import io.github.bgp.api.Protocols;
import io.github.bgp.api.Strategy;
import io.github.bgp.bench.Benchmarks;
import io.github.bgp.sim.Simulation;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** What the OM(m) sections share: the scenarios' names and how a count is taken. */
final class Om {

  static final String PROTOCOL = "om";
  static final String LOYAL = "loyal";
  static final String RANDOM = "random";

  private Om() {}

  /** m of a {@code "16:5"} size. */
  static int m(String size) {
    return Benchmarks.size(size)[1];
  }

  /** n of a {@code "16:5"} size. */
  static int n(String size) {
    return Benchmarks.size(size)[0];
  }

  static List<String> ints(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(Integer::toString).toList();
  }

  /**
   * Runs {@link Benchmarks#scenario} (n, m, all loyal or m traitors lying at random) once by
   * message passing and returns the messages it sent.
   */
  static MessageCount count(int n, int m, String traitors, PrintStream log) {
    long start = System.nanoTime();
    io.github.bgp.api.Outcome once = Simulation.run(Protocols.agreement(PROTOCOL),
        Benchmarks.scenario(n, m, traitors.equals(RANDOM), Strategy.RANDOM));
    long messages = once.messages();
    long nanos = System.nanoTime() - start;
    long formula = OmFormula.messages(n, m);
    log.printf(Locale.ROOT, "  OM(%d), n=%d, %s: %s messages (formula %s)%s, %s%n", m, n, traitors,
        Format.count(messages), Format.count(formula), messages == formula ? "" : " MISMATCH", Format.duration(nanos));
    return new MessageCount(PROTOCOL, n, m, traitors, messages, nanos, java.util.Map.of("bytes", once.bytes()));
  }

  /** The measured count as text, or a dash. */
  static String counted(Optional<MessageCount> c) {
    return c.map(x -> Format.count(x.messages())).orElse(Format.NONE);
  }

  /** Whether a measured count equals the formula: {@code yes}, {@code NO}, or a dash. */
  static String matches(Optional<MessageCount> c, int n, int m) {
    return c.map(x -> x.messages() == OmFormula.messages(n, m) ? "yes" : "NO").orElse(Format.NONE);
  }

  /**
   * A table row: the cells {@code first}, then a run's time, its time per message and its bytes
   * allocated per message, from a benchmark result (dashes where it was not measured).
   */
  static String[] timedRow(Optional<JmhResults.Result> res, String... first) {
    return Stream.concat(Stream.of(first), Stream.of(
        res.map(x -> Format.duration(x.primary().nanos())).orElse(Format.NONE),
        res.flatMap(JmhResults.Result::nanosPerMessage).map(Format::duration).orElse(Format.NONE),
        res.flatMap(JmhResults.Result::bytesPerMessage).map(Format::bytes).orElse(Format.NONE)))
        .toArray(String[]::new);
  }
}
