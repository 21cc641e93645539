package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** {@code --evaluate}: the closed-form evaluator, reporting what a run would decide and send. */
class EvaluateTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String... args) throws Exception {
    Cli.Result r = Cli.run(args);
    assertEquals(0, r.exit(), r.err());
    return JSON.readTree(r.out());
  }

  @Test
  void evaluationDecidesAndCountsWhatARunDoes() throws Exception {
    String[] scenario = {"om", "--generals", "13", "--m", "4", "--traitors", "0,3,7,12", "--strategy", "random",
        "--seed", "5", "--json"};
    ObjectNode run = (ObjectNode) json(scenario);
    String[] evaluated = java.util.Arrays.copyOf(scenario, scenario.length + 1);
    evaluated[scenario.length] = "--evaluate";
    ObjectNode evaluation = (ObjectNode) json(evaluated);
    assertFalse(run.get("evaluated").asBoolean());
    assertTrue(evaluation.get("evaluated").asBoolean());
    assertEquals(0, evaluation.get("frames").asLong());
    for (String key : new String[] {"decisions", "heard", "messages", "received", "ic1", "ic2", "rounds", "guarantee"}) {
      assertEquals(run.get(key), evaluation.get(key), key);
    }
  }

  @Test
  void theTableSaysNothingWasSent() {
    Cli.Result r = Cli.run("om", "--generals", "7", "--traitors", "3,4", "--evaluate");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("156 logical messages a run would send"), r.out());
    assertTrue(r.out().contains("(evaluated: none sent)"), r.out());
    assertTrue(r.out().contains("by recursion: no message was sent"), r.out());
    assertTrue(r.out().contains("IC1 held"), r.out());
  }

  @Test
  void scenarioFilesCanBeEvaluated() {
    Cli.Result r = Cli.runWithInput("{\"generals\": 4, \"traitors\": [0]}\n{\"generals\": 7}\n",
        "om", "--scenarios", "-", "--evaluate");
    assertEquals(0, r.exit(), r.err());
    assertEquals(2, r.outLines().size());
    r.outLines().forEach(line -> assertTrue(line.contains("\"evaluated\":true"), line));
  }

  @Test
  void evaluationRefusesWhatNeedsMessages() {
    Cli.Result trace = Cli.run("om", "--generals", "7", "--evaluate", "--trace");
    assertEquals(2, trace.exit());
    assertTrue(trace.err().contains("nothing to --trace"), trace.err());
    Cli.Result search = Cli.run("om", "--generals", "7", "--evaluate", "--search");
    assertEquals(2, search.exit());
    assertTrue(search.err().contains("drop --evaluate"), search.err());
    assertEquals(1, trace.errLines().size());
  }
}
