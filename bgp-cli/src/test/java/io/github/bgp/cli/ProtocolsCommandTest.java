package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.AgreementSpec;
import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.Guarantee;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Protocols;
import io.github.bgp.spi.Adversary;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Setup;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line built from the providers: {@code bgp protocols}, a command per provider, and name clashes. */
class ProtocolsCommandTest {

  @TempDir
  Path dir;

  @Test
  void theJsonListsEveryProviderWithItsFamilyAndCapabilities() throws Exception {
    Cli.Result r = Cli.run("protocols", "--json");

    assertEquals(0, r.exit(), r.err());
    assertEquals(1, r.outLines().size(), r.out());
    JsonNode j = Json.MAPPER.readTree(r.out());
    assertEquals(List.of("protocols"), OmCommandTest.fieldNames(j));
    JsonNode om = protocol(j, "om");
    assertEquals(List.of("name", "family", "capabilities", "summary", "guarantee"), OmCommandTest.fieldNames(om));
    assertEquals("agreement", om.get("family").asText());
    assertEquals("[\"evaluator\"]", om.get("capabilities").toString());
    assertTrue(om.get("summary").asText().startsWith("OM(m), oral messages"), om.toString());
    JsonNode guarantee = om.get("guarantee");
    assertEquals(4, guarantee.get("generals").asInt());
    assertEquals(1, guarantee.get("m").asInt());
    assertEquals(1, guarantee.get("traitors").asInt());
    assertTrue(guarantee.get("guaranteed").asBoolean(), guarantee.toString());
    assertTrue(guarantee.get("explanation").asText().contains("n=4 > 3m=3"), guarantee.toString());
    JsonNode sm = protocol(j, "sm");
    assertEquals("agreement", sm.get("family").asText());
    assertEquals("[\"signatures\"]", sm.get("capabilities").toString());
    assertTrue(sm.get("guarantee").get("guaranteed").asBoolean(), sm.toString());
    JsonNode tpc = protocol(j, "2pc");
    assertEquals("commit", tpc.get("family").asText());
    assertEquals("[\"durable-log\"]", tpc.get("capabilities").toString());
    assertTrue(tpc.get("guarantee").isNull(), "a commit protocol has no agreement guarantee: " + tpc);
    JsonNode direct = protocol(j, "direct");
    assertEquals("[]", direct.get("capabilities").toString());
    assertEquals(false, direct.get("guarantee").get("guaranteed").asBoolean(), "one traitor, nobody relays");
    List<String> names = new ArrayList<>();
    j.get("protocols").forEach(p -> names.add(p.get("name").asText()));
    assertEquals(Protocols.names(), names, "every provider on the class path, by name");
  }

  @Test
  void theTableListsEveryProviderWithItsFamilyAndCapabilities() {
    Cli.Result r = Cli.run("protocols");

    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.outLines();
    assertTrue(lines.get(0).matches("protocol +family +capabilities +summary"), lines.get(0));
    assertTrue(lines.stream().anyMatch(l -> l.matches("om +agreement +evaluator +OM\\(m\\), oral messages.*")),
        r.out());
    assertTrue(lines.stream().anyMatch(l -> l.matches("sm +agreement +signatures +SM\\(m\\).*")), r.out());
    assertTrue(lines.stream().anyMatch(l -> l.matches("2pc +commit +durable-log +two-phase commit.*")), r.out());
    assertTrue(lines.stream().anyMatch(l -> l.matches("direct +agreement +- +the commander tells.*")), r.out());
  }

  @Test
  void aProviderThatIsNotBuiltInRunsByItsNameWithTheOptionsAndJsonOfOm() throws Exception {
    Cli.Result r = Cli.run("direct", "--generals", "4", "--json");

    assertEquals(0, r.exit(), r.err());
    JsonNode j = Json.MAPPER.readTree(r.out());
    JsonNode om = Json.MAPPER.readTree(Cli.run("om", "--generals", "4", "--json").out());
    assertEquals(OmCommandTest.fieldNames(om), OmCommandTest.fieldNames(j), "the JSON of bgp om");
    assertEquals("direct", j.get("protocol").asText());
    assertEquals("{\"1\":\"ATTACK\",\"2\":\"ATTACK\",\"3\":\"ATTACK\"}", j.get("decisions").toString());
    assertTrue(j.get("ic1").asBoolean() && j.get("ic2").asBoolean(), j.toString());
    assertTrue(j.get("guaranteed").asBoolean(), j.toString());
    assertEquals(3, j.get("messages").asLong(), "one order to each lieutenant");
    assertEquals(1, j.get("rounds").asInt());

    Cli.Result table = Cli.run("direct", "--generals", "4", "--traitors", "2", "--order", "RETREAT");
    assertEquals(0, table.exit(), table.err());
    assertTrue(table.out().contains("IC2 held: the commander is loyal and every loyal lieutenant decided its order"
        + " RETREAT"), table.out());
    assertTrue(Cli.run("--help").out().contains("direct"), "bgp --help lists it");

    // It lists no logical messages for a trace: the trace shows what its nodes noted instead.
    Cli.Result traced = Cli.run("direct", "--generals", "3", "--trace");
    assertEquals(0, traced.exit(), traced.err());
    List<String> lines = traced.outLines();
    assertEquals("(direct lists no logical messages; what its nodes noted, in Lamport order:)",
        lines.get(lines.indexOf("trace:") + 1));
    for (int lieutenant : new int[] {1, 2}) {
      assertTrue(lines.stream().anyMatch(l -> l.matches("  \\[lamport \\d+\\] lieutenant " + lieutenant
          + " receives ATTACK from commander 0 in round 1")), traced.out());
    }
  }

  @Test
  void aProviderWithoutAnEvaluatorRefusesEvaluateNamingTheProtocolsThatHaveOne() {
    Cli.Result r = Cli.run("direct", "--generals", "4", "--evaluate");

    assertEquals(2, r.exit());
    assertEquals(List.of("bgp: --evaluate is available for om only; direct has no closed-form evaluator"
        + " (see bgp direct --help)"), r.errLines());
  }

  @Test
  void aCommitProviderGetsTheCommitCommandAndItsLogCommandUnderItsName() {
    CommandLine bgp = Main.commandLine(new ByteArrayInputStream(new byte[0]), List.of(new Renamed("tpc")));
    Path logs = dir.resolve("logs");

    Cli.Result run = Cli.runOn(bgp, "tpc", "--votes", "1:ccc", "--log-dir", logs.toString());
    Cli.Result log = Cli.runOn(Main.commandLine(new ByteArrayInputStream(new byte[0]), List.of(new Renamed("tpc"))),
        "tpc", "log", logs.toString());

    assertEquals(0, run.exit(), run.err());
    assertTrue(run.outLines().get(0).startsWith("tpc: coordinator 0, participants 1..3; 3 transactions"), run.out());
    assertTrue(run.out().contains("read them with: bgp tpc log " + logs), run.out());
    assertEquals(0, log.exit(), log.err());
    assertTrue(log.out().startsWith(logs.resolve("node-0.log") + ": coordinator (node 0)"), log.out());
    Cli.Result help = Cli.runOn(Main.commandLine(new ByteArrayInputStream(new byte[0]), List.of(new Renamed("tpc"))),
        "tpc", "--help");
    assertTrue(help.out().contains("Run the tpc commit protocol"), "generic notes: " + help.out());
    assertTrue(help.out().contains("log  Print each transaction's records and state in tpc logs."), help.out());
  }

  @Test
  void aProviderNamedAfterABuiltInCommandIsRefusedAtStartUpNamingBoth() {
    UsageError e = assertThrows(UsageError.class,
        () -> Main.commandLine(new ByteArrayInputStream(new byte[0]), List.of(new Named("node"))));

    assertEquals("the protocol 'node' (" + Named.class.getName() + ") has the name of the built-in command 'bgp node';"
        + " rename the protocol, or take its jar off the class path (BGP_CLASSPATH)", e.getMessage());
  }

  @Test
  void aClashStopsTheCommandBeforeAnythingRunsInOneLineWithExitCode2() {
    Cli.Result r = Cli.runWith(List.of(Protocols.agreement("om"), new Named("keys")), "om", "--generals", "4");

    assertEquals(2, r.exit(), r.err());
    assertEquals("", r.out());
    assertEquals(List.of("bgp: the protocol 'keys' (" + Named.class.getName() + ") has the name of the built-in"
        + " command 'bgp keys'; rename the protocol, or take its jar off the class path (BGP_CLASSPATH)"), r.errLines());
  }

  @Test
  void twoProvidersOfOneNameOrANameThatIsNoCommandAreRefused() {
    UsageError twice = assertThrows(UsageError.class, () -> Main.commandLine(new ByteArrayInputStream(new byte[0]),
        List.of(new Named("twin"), new Renamed("twin"))));
    assertEquals("two protocols are called 'twin': " + Named.class.getName() + " and " + Renamed.class.getName(),
        twice.getMessage());

    UsageError bad = assertThrows(UsageError.class, () -> Main.commandLine(new ByteArrayInputStream(new byte[0]),
        List.of(new Named("--help"))));
    assertTrue(bad.getMessage().startsWith("the protocol " + Named.class.getName() + " is called '--help', which"
        + " cannot be a command"), bad.getMessage());
  }

  private static JsonNode protocol(JsonNode j, String name) {
    for (JsonNode p : j.get("protocols")) {
      if (p.get("name").asText().equals(name)) {
        return p;
      }
    }
    throw new AssertionError("no protocol " + name + " in " + j);
  }

  /** An agreement protocol that only has a name. */
  private static final class Named implements AgreementProtocol {
    private final String name;

    Named(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String summary() {
      return "a name only";
    }

    @Override
    public Guarantee guarantee(AgreementSpec spec, int traitors) {
      return Guarantee.none("a name only");
    }

    @Override
    public Setup<?> create(AgreementSpec spec, Environment environment, Adversary adversary) {
      throw new UnsupportedOperationException("a name only");
    }
  }

  /** Two-phase commit under another name: a commit provider the command does not know. */
  private static final class Renamed implements CommitProtocol {
    private final CommitProtocol tpc = Protocols.commit("2pc");
    private final String name;

    Renamed(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String summary() {
      return "two-phase commit under another name";
    }

    @Override
    public Setup<?> create(CommitSpec spec, Environment environment) {
      return tpc.create(spec, environment);
    }

    @Override
    public CommitOutcome outcome(CommitSpec spec, Map<NodeId, List<byte[]>> logs, Set<NodeId> down,
        Set<Long> expected) {
      return tpc.outcome(spec, logs, down, expected);
    }

    @Override
    public boolean settled(CommitSpec spec, NodeId node, Set<Long> txns, List<byte[]> records) {
      return tpc.settled(spec, node, txns, records);
    }

    @Override
    public Map<Long, List<String>> describeLog(List<byte[]> records) {
      return tpc.describeLog(records);
    }

    @Override
    public Optional<Milestone> milestone(byte[] record) {
      return tpc.milestone(record);
    }
  }
}
