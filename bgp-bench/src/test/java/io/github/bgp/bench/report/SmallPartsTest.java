package io.github.bgp.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The formula, the /proc parsers, the machine, number formats. */
class SmallPartsTest {

  @Test
  void theFormulaCountsOmMessages() {
    assertEquals(156, OmFormula.messages(7, 2));
    assertEquals(3_999_675, OmFormula.messages(16, 5));
    assertEquals(174_865_860, OmFormula.messages(19, 6));
    assertEquals(8_832_432_021L, OmFormula.messages(22, 7));
    assertEquals(3, OmFormula.messages(4, 0));
    // m beyond n-2 relays no further: OM(5) among 4 generals is OM(2).
    assertEquals(OmFormula.messages(4, 2), OmFormula.messages(4, 5));
    assertThrows(IllegalArgumentException.class, () -> OmFormula.messages(1, 0));
  }

  @Test
  void silentTraitorsKeepTheirFramesBack() {
    // Counted by running: n=19, m=6 with six silent lieutenants sends 116,577,246.
    assertEquals(116_577_246, OmFormula.messagesWithSilence(19, 6, 6, false));
    // n=7, m=2: a silent lieutenant keeps back 5 + 5*4 = 25 of 156; a silent commander its 6.
    assertEquals(156 - 25, OmFormula.messagesWithSilence(7, 2, 1, false));
    assertEquals(156 - 2 * 25 - 6, OmFormula.messagesWithSilence(7, 2, 2, true));
    assertEquals(156, OmFormula.messagesWithSilence(7, 2, 0, false));
  }

  @Test
  void onlyNamesSectionsTheReportHas() {
    PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Settings some = new Settings(Suite.QUICK, java.nio.file.Path.of("out"), log, List.of("om-evaluator", "om-processes"));
    assertEquals(List.of("om-evaluator", "om-processes"), some.selected().stream().map(Section::id).toList());
    assertEquals(BenchReport.SECTIONS, new Settings(Suite.QUICK, java.nio.file.Path.of("out"), log).selected());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Settings(Suite.QUICK, java.nio.file.Path.of("out"), log, List.of("om-evaluator", "nope")));
    assertTrue(e.getMessage().contains("no report section 'nope'"), e.getMessage());
    assertTrue(e.getMessage().contains("om-scaling, om-growing-n"), e.getMessage());
    // Every id is distinct and spelled as --only takes it.
    assertEquals(Settings.sections().size(), Settings.sections().stream().distinct().count());
    assertTrue(Settings.sections().stream().allMatch(id -> id.matches("[a-z0-9]+(-[a-z0-9]+)*")), Settings.sections().toString());
  }

  @Test
  void aRunCountsWhatTheFormulaSays() {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    MessageCount c = Om.count(7, 2, Om.RANDOM, new PrintStream(log, true, StandardCharsets.UTF_8));

    assertEquals(156, c.messages());
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("OM(2), n=7, random: 156 messages (formula 156)"), log.toString(StandardCharsets.UTF_8));
  }

  private static final String STATUS = String.join("\n",
      "Name:\tjava",
      "Umask:\t0022",
      "State:\tS (sleeping)",
      "Pid:\t4242",
      "VmPeak:\t 9876540 kB",
      "VmSize:\t 9876500 kB",
      "VmHWM:\t  667892 kB",
      "VmRSS:\t  612000 kB",
      "Threads:\t23",
      "");

  @Test
  void aCountKeepsItsCountersInTheRawJson() {
    var json = Fixtures.JSON.valueToTree(Fixtures.smCount(4, "lieutenants"));

    assertEquals("sm", json.get("protocol").asText());
    assertEquals(40, json.get("counters").get(SmSection.SIGNED).asLong());
    assertEquals(2, json.get("counters").get(SmSection.DECISIONS).asLong());
    assertEquals(0, Fixtures.JSON.valueToTree(Fixtures.counts().get(0)).get("counters").size(), "OM counts have none");
  }

  @Test
  void vmHwmIsThePeakResidentSetInBytes() {
    assertEquals(OptionalLong.of(667_892L * 1024), ProcStatus.vmHwmBytes(STATUS));
  }

  @Test
  void aStatusWithoutVmHwmHasNoPeak() {
    // A zombie (exited, not yet reaped) keeps its status file but loses its memory lines.
    assertEquals(OptionalLong.empty(), ProcStatus.vmHwmBytes("Name:\tjava\nState:\tZ (zombie)\nPid:\t4242\n"));
    assertThrows(IllegalArgumentException.class, () -> ProcStatus.kilobytes("12 MB"));
  }

  @Test
  void thisProcessHasAPeakOnLinux() {
    if (System.getProperty("os.name").startsWith("Linux")) {
      assertTrue(ProcStatus.read(ProcessHandle.current().pid()).orElse(0) > 1_000_000);
    }
    assertEquals(OptionalLong.empty(), ProcStatus.read(Long.MAX_VALUE));
  }

  @Test
  void theMachineHasEveryKey() {
    Machine m = Machine.current();

    assertEquals(List.of("cpuModel", "logicalCores", "totalMemoryBytes", "jdkVersion", "jdkVendor", "vm", "os", "arch",
        "date", "bgpVersion", "loadAverage"), List.copyOf(m.asMap().keySet()));
    assertTrue(m.logicalCores() >= 1);
    assertEquals(System.getProperty("java.version"), m.jdkVersion());
    assertTrue(m.date().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*"), m.date());
    assertTrue(m.bgpVersion().matches("\\d+\\.\\d+.*"), m.bgpVersion());
    m.asMap().values().forEach(v -> assertTrue(v != null && !v.toString().isEmpty()));
  }

  @Test
  void theCpuModelComesFromCpuinfo() {
    String cpuinfo = "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\nflags\t\t: fpu\n";
    assertEquals("Intel(R) Xeon(R) CPU @ 2.20GHz", Machine.cpuModel(cpuinfo));
    assertNull(Machine.cpuModel("processor\t: 0\n"));
  }

  @Test
  void numbersReadWell() {
    assertEquals("174,865,860", Format.count(174_865_860));
    assertEquals("683 ns", Format.duration(683.4));
    assertEquals("107 \u00b5s", Format.duration(106_673.6));
    assertEquals("49.4 ms", Format.duration(49_400_000));
    assertEquals("1.32 s", Format.duration(1_320_000_000L));
    assertEquals("2 min 41 s", Format.duration(161e9));
    assertEquals("652 MB", Format.megabytes(652_000_000L));
    assertEquals("98.0x", Format.times(98));
    assertEquals("1,234/s", Format.rate(1234.4));
  }

  @Test
  void jmhResultsGiveTimesPerMessageAndBytesPerMessage() throws Exception {
    JmhResults r = Fixtures.jmh(Fixtures.jmhJson());
    JmhResults.Result res = r.find("OmScalingBenchmark", Map.of("m", "2", "traitors", "loyal")).orElseThrow();

    assertEquals(156, res.messagesPerOp().orElseThrow(), 1e-6);
    assertEquals(420, res.nanosPerMessage().orElseThrow(), 1e-6);
    assertEquals(20, res.bytesPerMessage().orElseThrow(), 1e-6);
    JmhResults.Result evaluator = r.find("EvaluatorBenchmark", Map.of("size", "19:6")).orElseThrow();
    assertEquals(420e6, evaluator.primary().nanos(), 1e-3);
    assertEquals(441e6, evaluator.primary().worstNanos(), 1e-3);
    assertTrue(evaluator.messagesPerOp().isEmpty());
    assertTrue(Double.isNaN(evaluator.primary().error()));
  }

  @Test
  void aTimedRowEndsWithTheTimesOfItsResultOrDashes() {
    JmhResults.Result res = Fixtures.jmh(Fixtures.jmhJson())
        .find("OmScalingBenchmark", Map.of("m", "2", "traitors", "loyal")).orElseThrow();

    assertEquals(List.of("2", "7", "65.5 \u00b5s", "420 ns", "20.0 B"),
        List.of(Om.timedRow(java.util.Optional.of(res), "2", "7")));
    assertEquals(List.of("x", Format.NONE, Format.NONE, Format.NONE), List.of(Om.timedRow(java.util.Optional.empty(), "x")));
  }

  @Test
  void olderJmhNamesProfilerResultsWithAMiddleDot() throws Exception {
    String json = "[{\"benchmark\":\"io.github.bgp.bench.X.run\",\"mode\":\"avgt\",\"params\":{},"
        + "\"primaryMetric\":{\"score\":2.0,\"scoreError\":\"NaN\",\"scoreUnit\":\"us/op\",\"rawData\":[[2.0]]},"
        + "\"secondaryMetrics\":{\"\u00b7gc.alloc.rate.norm\":{\"score\":64.0,\"scoreUnit\":\"B/op\",\"rawData\":[[64.0]]},"
        + "\"messages\":{\"score\":0.5,\"scoreUnit\":\"us/op\",\"rawData\":[[0.5]]}}}]";
    JmhResults.Result r = JmhResults.parse(json).all().get(0);

    assertEquals("X", r.className());
    assertEquals(2000, r.primary().nanos(), 1e-9);
    assertEquals(4, r.messagesPerOp().orElseThrow(), 1e-9);
    assertEquals(16, r.bytesPerMessage().orElseThrow(), 1e-9);
  }

  @Test
  void notJmhJsonIsRejected() {
    assertThrows(java.io.IOException.class, () -> JmhResults.parse("{\"a\":1}"));
    assertThrows(java.io.IOException.class, () -> JmhResults.parse("[{\"a\":1}]"));
  }
}
