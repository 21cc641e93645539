package io.github.bgp.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.NodeId;
import io.github.bgp.net.LiveNode;
import io.github.bgp.twophase.log.FileLog;
import io.github.bgp.twophase.log.LogOwner;
import io.github.bgp.twophase.log.WatchedLog;
import io.github.bgp.xa.BankAccounts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bank run's pieces that need no database: transfers on the command line, the options, and
 * the crash hook of {@link Halt} on the node's log. The whole run (two PostgreSQL servers, three processes, a
 * SIGKILL: about a minute) is {@code .ci/run}'s step {@code ./bgp 2pc bank}.
 */
class BankPiecesTest {

  @Test
  void transfersRoundTripThroughTheCommandLineAndBecomeTheBanksPayload() {
    List<Transfer> ts = BankRun.TRANSFERS;

    assertEquals(ts, Transfer.parse(Transfer.words(ts)));
    assertEquals(Map.of("alice", -30L, "bob", 30L), BankAccounts.entries(ts.get(0).payload()));
  }

  @Test
  void theRunHasTransfersNoBalanceCanCoverAndTransfersEveryBalanceCovers() {
    long total = BankRun.BANK_1.values().iterator().next() + BankRun.BANK_2.values().iterator().next();
    assertTrue(BankRun.TRANSFERS.stream().anyMatch(t -> t.amount() > total), "a transfer the CHECK must refuse");
    long smallest = Math.min(BankRun.BANK_1.get("alice"), BankRun.BANK_2.get("bob"));
    assertTrue(BankRun.TRANSFERS.stream().anyMatch(t -> t.amount() <= smallest / 2), "a transfer that can commit");
  }

  @Test
  void badTransfersAndOptionsAreRefusedNamingTheProblem() {
    assertEquals("not a transfer (id:from:to:amount): '1:alice:bob'",
        assertThrows(IllegalArgumentException.class, () -> Transfer.parse("1:alice:bob")).getMessage());
    assertEquals("transfer 2 moves a positive amount, got -5",
        assertThrows(IllegalArgumentException.class, () -> Transfer.parse("2:alice:bob:-5")).getMessage());
    assertEquals("transfer 3 moves money from 'bob' to itself",
        assertThrows(IllegalArgumentException.class, () -> Transfer.parse("3:bob:bob:5")).getMessage());

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertEquals(2, BankMain.run(new String[] {"run", "--kill", "participant-3"}, o, e));
    assertEquals(2, BankMain.run(new String[] {"run", "--json", "--json"}, o, e));
    assertEquals(2, BankMain.run(new String[] {"run", "--victim"}, o, e));
    assertEquals(2, BankMain.run(new String[] {"walk"}, o, e));
    assertEquals(2, BankMain.run(new String[] {"run", "--resource-threads", "0"}, o, e));
    assertEquals(2, BankMain.run(new String[] {"run", "--resource-threads", "many"}, o, e));
    assertEquals(2, BankMain.run(new String[] {"node", "--config", "c.json", "--id", "1", "--log-dir", "logs",
        "--transfers", "1:alice:bob:5", "--resource-threads", "1025"}, o, e));
    assertEquals(List.of("bgp 2pc bank: --kill takes coordinator, participant-1, participant-2; got 'participant-3'",
        "bgp 2pc bank: --json is given twice",
        "bgp 2pc bank: unknown option '--victim' (known: --json, --kill, --resource-threads)",
        "bgp 2pc bank: bank.jar wants 'run [--kill VICTIM] [--json] [--resource-threads N]' or 'node OPTIONS', got"
            + " 'walk'",
        "bgp 2pc bank: --resource-threads must be 1 to 1024, got 0",
        "bgp 2pc bank: --resource-threads wants a whole number, got 'many'",
        "bgp 2pc bank: --resource-threads must be 1 to 1024, got 1025"),
        err.toString(StandardCharsets.UTF_8).lines().toList());
    assertEquals(LiveNode.DEFAULT_RESOURCE_THREADS, BankMain.resourceThreads(Map.of()));
    assertEquals(16, BankMain.resourceThreads(Map.of("--resource-threads", "16")));
    assertEquals("--halt-after wants KIND:TXN (DECIDED:2, READY:2), got 'DECIDED'",
        assertThrows(IllegalArgumentException.class, () -> Halt.parse("DECIDED")).getMessage());
  }

  @Test
  void theLogHaltsRightAfterTheForceThatMakesTheNamedRecordDurableAndSaysSo(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(said, true, StandardCharsets.UTF_8);
    try (WatchedLog log = new WatchedLog(FileLog.open(dir.resolve("node.log"), LogOwner.of("bank", BankNode.SPEC,
        NodeId.of(1), "2pc")), new Halt("READY", 2).afterForce(BankPiecesTest::describe, out))) {
      log.append("READY 1".getBytes(StandardCharsets.UTF_8)); // READY of transaction 1: no halt
      log.force();
      assertEquals("", said.toString(StandardCharsets.UTF_8));
      log.append("READY 2".getBytes(StandardCharsets.UTF_8)); // READY of transaction 2
      Thread forcing = new Thread(log::force, "forcing");
      forcing.setDaemon(true);
      forcing.start();
      CompletableFuture<Void> halted = new CompletableFuture<>();
      Thread watch = new Thread(() -> {
        while (!said.toString(StandardCharsets.UTF_8).contains("halted")) {
          Thread.onSpinWait();
        }
        halted.complete(null);
      }, "watch");
      watch.setDaemon(true);
      watch.start();
      halted.get(30, TimeUnit.SECONDS);
      assertEquals("{\"event\":\"halted\",\"record\":\"READY\",\"txn\":2}",
          said.toString(StandardCharsets.UTF_8).strip());
      assertEquals(2, log.records().size(), "the record is durable before the halt is said");
      assertTrue(forcing.isAlive(), "the force never returns: nothing after it may happen");
      forcing.interrupt(); // parking ignores it: the thread stays, as the process would until its SIGKILL
    }
  }

  /** A stand-in for the protocol's description of its records: record "READY n" is transaction n's READY. */
  private static Map<Long, List<String>> describe(List<byte[]> records) {
    Map<Long, List<String>> d = new java.util.TreeMap<>();
    for (byte[] r : records) {
      String[] w = new String(r, StandardCharsets.UTF_8).split(" ");
      d.computeIfAbsent(Long.parseLong(w[1]), k -> new java.util.ArrayList<>()).add(w[0]);
    }
    return d;
  }
}
