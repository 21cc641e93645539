package io.github.bgp.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bgp.charts.Charts;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The benchmark report: runs the suite (JMH benchmarks in forked JVMs, whole-process probes of
 * the bgp command, message counts), then writes {@code index.html}, {@code report.md}, the
 * charts as SVG and PNG in {@code charts/}, and the raw measurements ({@code jmh.json},
 * {@code processes.json}, {@code messages.json}, {@code machine.json}). Every number in it is
 * measured by the run that writes it; each claim's PASS or FAIL is judged from those numbers.
 *
 * <p>The report is made of {@link Section}s; adding a protocol's benchmarks to it is adding a
 * section to {@link #SECTIONS}.
 */
public final class BenchReport {

  /** The sections, in the report's order. */
  static final List<Section> SECTIONS = List.of(
      new OmScalingSection(),
      new OmGrowingNSection(),
      new OmBaselineSection(),
      new OmEvaluatorSection(),
      new OmProcessSection(),
      new SmSection(),
      new ProtocolsSection(),
      new DurableCommitSection(),
      new NarayanaSection(),
      new PostgresCommitSection(),
      new LoopbackSection(),
      new TwoGeneralsSection());

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private BenchReport() {}

  /**
   * Runs the suite and writes the report into {@code settings.out()}, progress on {@code settings.log()}.
   *
   * @return the report's {@code index.html}
   * @throws IOException if the report directory or a file in it cannot be written
   */
  public static Path run(Settings settings) throws IOException {
    System.setProperty("java.awt.headless", "true");
    PrintStream log = settings.log();
    Suite suite = settings.suite();
    List<Section> sections = settings.selected();
    Path out = settings.out().toAbsolutePath().normalize();
    Files.createDirectories(out.resolve("charts"));
    long start = System.nanoTime();
    log.printf(Locale.ROOT, "bgp bench: the %s suite (%s)%s; the report goes to %s%n", suite.label(),
        suite == Suite.QUICK ? "a few minutes; --full for the long one" : "the long one",
        settings.only().isEmpty() ? "" : ", sections " + String.join(", ", settings.only()), out);

    Machine machine = Machine.current();
    writeJson(out.resolve("machine.json"), JSON.valueToTree(machine.asMap()));
    log.printf(Locale.ROOT, "machine: %s, %d logical cores, %s, Java %s (%s)%n", machine.cpuModel(), machine.logicalCores(),
        Machine.memory(machine.totalMemoryBytes()), machine.jdkVersion(), machine.vm());

    long t = System.nanoTime();
    log.println("[1/3] counting logical messages: each scenario run once by message passing");
    List<MessageCount> counts = new ArrayList<>();
    for (Section s : sections) {
      counts.addAll(s.count(suite, log));
    }
    writeJson(out.resolve("messages.json"), JSON.valueToTree(counts));
    log.printf(Locale.ROOT, "[1/3] done in %s%n", Format.duration(System.nanoTime() - t));
    System.gc();

    t = System.nanoTime();
    List<ProcessProbe> probes = sections.stream().flatMap(s -> s.probes(suite).stream()).toList();
    log.printf(Locale.ROOT, "[2/3] whole processes: %d configurations%n", probes.size());
    ProcessRunner runner = new ProcessRunner(log);
    List<ProcessResult> processes = new ArrayList<>();
    for (ProcessProbe p : probes) {
      processes.add(runner.run(p));
    }
    writeJson(out.resolve("processes.json"), processesJson(processes));
    log.printf(Locale.ROOT, "[2/3] done in %s%n", Format.duration(System.nanoTime() - t));

    t = System.nanoTime();
    Set<JmhRun> runs = new LinkedHashSet<>();
    sections.forEach(s -> runs.addAll(s.benchmarks(suite)));
    List<String> problems = new ArrayList<>();
    JmhResults jmh = runJmh(List.copyOf(runs), out, log, problems);
    log.printf(Locale.ROOT, "[3/3] done in %s%n", Format.duration(System.nanoTime() - t));

    Results results = new Results(suite, jmh, counts, processes, machine);
    long elapsed = System.nanoTime() - start;
    Path index = write(results, out, sections, elapsed, problems, runs);
    log.printf(Locale.ROOT, "bgp bench: measured in %s; report written in %s%n", Format.duration(elapsed),
        Format.duration(System.nanoTime() - start - elapsed));
    for (Claim c : claims(results, sections)) {
      log.printf(Locale.ROOT, "  claim %d: %s: %s%n", c.number(), c.verdict().label(), c.measured());
    }
    return index;
  }

  /** Runs every JMH run in turn, JMH's output on {@code log}, and merges their JSON into {@code out/jmh.json}. */
  private static JmhResults runJmh(List<JmhRun> runs, Path out, PrintStream log, List<String> problems)
      throws IOException {
    ArrayNode all = JSON.createArrayNode();
    int i = 0;
    for (JmhRun run : runs) {
      i++;
      log.printf(Locale.ROOT, "[3/3] JMH %d/%d: %s, %d configurations: %s%n", i, runs.size(), run.name(),
          run.configurations(), run.command());
      Path part = Files.createTempFile("bgp-bench-" + run.name() + "-", ".json");
      try {
        new Runner(run.options(part.toString()), OutputFormatFactory.createFormatInstance(log, VerboseMode.NORMAL)).run();
        JsonNode results = JSON.readTree(Files.readString(part, StandardCharsets.UTF_8));
        if (results != null && results.isArray()) {
          all.addAll((ArrayNode) results);
        }
      } catch (RunnerException e) {
        String why = run.name() + " failed: " + oneLine(e);
        problems.add("JMH run " + why + "; its results are missing from this report");
        log.println("bgp bench: " + why);
      } finally {
        Files.deleteIfExists(part);
      }
    }
    String json = JSON.writeValueAsString(all);
    Files.writeString(out.resolve("jmh.json"), json + "\n", StandardCharsets.UTF_8);
    return JmhResults.parse(json);
  }

  private static String oneLine(Throwable e) {
    StringBuilder s = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      s.append(": ").append(c.getMessage());
    }
    return s.toString().replaceAll("\\s*\\R\\s*", " ");
  }

  /** Every section's claims, in their numbers' order. */
  static List<Claim> claims(Results results, List<Section> sections) {
    return sections.stream().flatMap(s -> s.claims(results).stream()).sorted(Comparator.comparingInt(Claim::number)).toList();
  }

  /**
   * Writes the report of {@code results}: index.html, report.md and the charts (the raw JSON is
   * written as it is measured).
   *
   * @return index.html
   */
  static Path write(Results results, Path out, List<Section> sections, long elapsedNanos, List<String> problems,
      Set<JmhRun> runs) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Doc doc = Report.build(results, sections, elapsedNanos, problems, runs);
    Path charts = out.resolve("charts");
    Files.createDirectories(charts);
    for (Doc.Figure f : doc.figures()) {
      Charts.write(f.chart(), charts, f.name());
    }
    Files.writeString(out.resolve("report.md"), Markdown.write(doc), StandardCharsets.UTF_8);
    Path index = out.resolve("index.html");
    Files.writeString(index, Html.write(doc), StandardCharsets.UTF_8);
    return index;
  }

  static JsonNode processesJson(List<ProcessResult> processes) {
    ArrayNode all = JSON.createArrayNode();
    for (ProcessResult p : processes) {
      ObjectNode o = all.addObject();
      o.put("id", p.probe().id());
      o.put("label", p.probe().label());
      ArrayNode command = o.putArray("command");
      p.command().forEach(command::add);
      o.put("expectedMessages", p.probe().expectedMessages());
      if (p.unavailable() != null) {
        o.put("unavailable", p.unavailable());
      }
      ArrayNode runs = o.putArray("runs");
      for (ProcessResult.Run r : p.runs()) {
        ObjectNode run = runs.addObject();
        run.put("exitCode", r.exit());
        run.put("wallMillis", r.wallNanos() / 1e6);
        if (r.hasPeak()) {
          run.put("peakRssBytes", r.peakRssBytes());
        } else {
          run.putNull("peakRssBytes");
        }
        putBoolean(run, "ic1", r.ic1());
        putBoolean(run, "ic2", r.ic2());
        run.put("messages", r.messages());
        run.put("correct", r.correct(p.probe().expectedMessages()));
        if (r.problem() != null) {
          run.put("problem", r.problem());
        }
      }
    }
    return all;
  }

  private static void putBoolean(ObjectNode o, String name, Boolean value) {
    if (value == null) {
      o.putNull(name);
    } else {
      o.put(name, value);
    }
  }

  private static void writeJson(Path file, JsonNode json) throws IOException {
    Files.writeString(file, JSON.writeValueAsString(json) + "\n", StandardCharsets.UTF_8);
  }
}
