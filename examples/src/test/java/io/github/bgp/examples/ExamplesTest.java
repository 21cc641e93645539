package io.github.bgp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every example runs and prints what it promises. */
class ExamplesTest {

  static List<String> run(Runnable main) {
    PrintStream saved = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      main.run();
    } finally {
      System.setOut(saved);
    }
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void quickStartPrintsTheDecisionsTheReadmeShows() {
    List<String> lines = run(() -> QuickStart.main(new String[0]));
    assertEquals(List.of("{1=ATTACK, 2=ATTACK, 5=ATTACK, 6=ATTACK}", "IC1 true, IC2 true, messages 156"), lines);
  }

  @Test
  void sensorsAgreeWhicheverComputerIsFaulty() {
    List<String> lines = run(() -> SensorAgreement.main(new String[0]));
    assertEquals(4, lines.size());
    for (String line : lines) {
      assertTrue(line.endsWith("(IC1 true, IC2 true)"), line);
    }
    assertTrue(lines.get(1).contains("{2=72, 3=72}"), lines.get(1));
  }

  @Test
  void theSearchFindsTheImpossibility() {
    List<String> lines = run(() -> FindCounterexample.main(new String[0]));
    assertTrue(lines.get(0).startsWith("found:  Scenario[generals=6"), lines.get(0));
    assertTrue(lines.get(1).startsWith("shrunk: Scenario[generals=3"), lines.get(1));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("lie:")), String.join("\n", lines));
  }

  @Test
  void threeGeneralsFailUnderOralMessagesAndHoldUnderSignedOnes() {
    List<String> lines = run(() -> ThreeGenerals.main(new String[0]));
    assertTrue(lines.get(0).startsWith("om: lieutenant 1 decides RETREAT; IC1 true, IC2 false; no guarantee"),
        lines.get(0));
    assertTrue(lines.get(1).startsWith("sm: lieutenant 1 decides ATTACK; IC1 true, IC2 true; guaranteed"),
        lines.get(1));
    // Each lieutenant verifies the order (2); 2 checks 1's honest relay (1); 1 refuses the forgery without
    // verifying again: it carries the commander's signature, verified over ATTACK, under RETREAT.
    assertEquals("sm: 1 forged message(s) rejected, 3 signatures verified", lines.get(2));
  }

  @Test
  void theMoneyTransferIsAllOrNothingAfterTheCoordinatorDiesMidProtocol() {
    List<String> lines = run(() -> MoneyTransfer.main(new String[0]));
    String all = String.join("\n", lines);
    assertTrue(lines.get(0).startsWith("t=") && lines.get(0).contains("node 0 crashes after its step 6"), all);
    assertTrue(all.contains("node 0 restarts from its log"), all);
    assertTrue(all.contains("transfer 1: COMMIT at both banks; the coordinator logged COMMIT"), all);
    assertTrue(all.contains("transfer 2: ABORT at both banks"), all);
    assertTrue(all.contains("alice 70, bob 30 (total 100)"), all);
    assertTrue(all.contains("atomic true, every transfer decided true"), all);
  }
}
