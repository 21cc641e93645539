package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bgp.net.LiveNode;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code bgp node --resource-threads N} and {@code bgp 2pc bank --resource-threads N}: the size of a
 * commit node's resource pool, 1 to 1024, parsed, defaulted, and refused in one line naming the
 * flag and the range before anything starts. Parsing only: nothing here starts a node.
 */
class NodeResourceThreadsTest {

  @TempDir
  Path dir;

  private static NodeCommand parsed(String... args) {
    NodeCommand node = new NodeCommand(new ByteArrayInputStream(new byte[0]));
    new CommandLine(node).parseArgs(args);
    return node;
  }

  @Test
  void theGivenSizeIsTheNodesPoolAndWithoutItTheLiveNodesDefault() {
    assertEquals(8, parsed("--config", "c.json", "--id", "1", "--protocol", "2pc", "--resource-threads", "8")
        .resourceThreads());
    assertEquals(1, parsed("--config", "c.json", "--id", "1", "--protocol", "2pc", "--resource-threads", "1")
        .resourceThreads());
    assertEquals(1024, parsed("--config", "c.json", "--id", "1", "--protocol", "2pc", "--resource-threads", "1024")
        .resourceThreads());
    assertEquals(LiveNode.DEFAULT_RESOURCE_THREADS, parsed("--config", "c.json", "--id", "1", "--protocol", "2pc")
        .resourceThreads());
    assertEquals(4, LiveNode.DEFAULT_RESOURCE_THREADS, "the documented default");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-3", "1025"})
  void aSizeOutsideTheRangeIsOneLineNamingTheFlagAndTheRange(String n) {
    Cli.Result r = Cli.run("node", "--config", dir.resolve("missing.json").toString(), "--id", "1", "--protocol", "2pc",
        "--resource-threads", n);

    assertEquals(2, r.exit(), r.err());
    assertEquals("", r.out());
    assertEquals(List.of("bgp: --resource-threads must be 1 to 1024, got " + n + " (see bgp node --help)"),
        r.errLines());
  }

  @Test
  void aSizeThatIsNoNumberIsOneLine() {
    Cli.Result r = Cli.run("node", "--config", "c.json", "--id", "1", "--protocol", "2pc", "--resource-threads",
        "many");

    assertEquals(2, r.exit(), r.err());
    assertEquals(1, r.errLines().size(), r.err());
    assertEquals("bgp: Invalid value for option '--resource-threads': 'many' is not an int (see bgp node --help)",
        r.errLines().get(0));
  }

  @Test
  void anAgreementNodeRefusesTheOptionItHasNoUseFor() throws Exception {
    Cli.Result keys = Cli.run("keys", "--generals", "2", "--out", dir.toString());
    assertEquals(0, keys.exit(), keys.err());
    Path runs = Files.writeString(dir.resolve("runs.jsonl"), "{\"generals\": 2}\n");

    Cli.Result r = Cli.run("node", "--config", dir.resolve("cluster.json").toString(), "--id", "0", "--protocol",
        "om", "--scenarios", runs.toString(), "--resource-threads", "8");

    assertEquals(2, r.exit(), r.err());
    assertEquals(List.of("bgp: --resource-threads is for a commit protocol's nodes, which call their resources;"
        + " --protocol om runs an agreement (see bgp node --help)"), r.errLines());
  }

  @Test
  void theHelpSaysWhatTheOptionIsAndItsRange() {
    String help = Cli.run("node", "--help").out();
    assertEquals(true, help.contains("--resource-threads=N"), help);
    assertEquals(true, help.replaceAll("\\s+", " ").contains("1 to 1024"), help);
  }

  @Test
  void theBankRefusesABadSizeBeforeItLooksForItsJar() {
    Cli.Result r = Cli.run("2pc", "bank", "--resource-threads", "0");

    assertEquals(2, r.exit(), r.err());
    assertEquals("", r.out());
    assertEquals(List.of("bgp: --resource-threads must be 1 to 1024, got 0 (see bgp 2pc bank --help)"),
        r.errLines());
  }
}
