package io.github.bgp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.Decision;
import io.github.bgp.api.DropReason;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Step;
import io.github.bgp.api.Value;
import io.github.bgp.api.Verdict;
import io.github.bgp.spi.Call;
import io.github.bgp.spi.Codec;
import io.github.bgp.spi.Input;
import io.github.bgp.spi.Node;
import io.github.bgp.spi.Setup;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one node host: the order of effects, Lamport clocks, drops, timers, steps, crashes. */
class NodeDriverTest {

  static final InstanceId I = InstanceId.of(7);
  static final NodeId ME = NodeId.of(1);
  static final NodeId PEER = NodeId.of(2);

  /** Messages are strings; "!" is not a message (it does not decode). */
  static final Codec<String> STRINGS = new Codec<>() {
    @Override
    public byte[] encode(String m) {
      return m.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String decode(ByteBuffer bytes) {
      byte[] b = new byte[bytes.remaining()];
      bytes.get(b);
      String s = new String(b, StandardCharsets.UTF_8);
      if (s.equals("!")) {
        throw new IllegalArgumentException("not a message");
      }
      return s;
    }
  };

  /** A node scripted by what it receives: "persist x", "send x", "decide", "timer t at", "cancel t", "done", "call". */
  static final class Scripted implements Node<String> {
    final List<String> seen = new ArrayList<>();

    @Override
    public void start(Context<String> ctx) {
      seen.add("start@" + ctx.now());
    }

    @Override
    public void receive(NodeId from, int round, String m, Context<String> ctx) {
      seen.add(m);
      for (String command : m.split(";")) {
        String[] w = command.strip().split(" ");
        switch (w[0]) {
          case "persist" -> ctx.persist(w[1].getBytes(StandardCharsets.UTF_8));
          case "send" -> ctx.send(PEER, 1, w[1]);
          case "decide" -> ctx.decide(Decision.of(Value.ATTACK));
          case "outcome" -> ctx.outcome(3, Verdict.COMMIT);
          case "timer" -> ctx.setTimer(Long.parseLong(w[2]), Long.parseLong(w[1]));
          case "cancel" -> ctx.cancelTimer(Long.parseLong(w[1]));
          case "done" -> ctx.done();
          case "call" -> ctx.call(Call.inDoubt());
          case "drop" -> ctx.drop(from, round, DropReason.WRONG_SIZE);
          default -> {}
        }
      }
    }

    @Override
    public void timer(long token, Context<String> ctx) {
      seen.add("timer " + token + "@" + ctx.now());
    }

    @Override
    public void input(Input input, Context<String> ctx) {
      if (!(input instanceof Input.Propose)) {
        throw new IllegalArgumentException("only proposals");
      }
      seen.add("input");
    }
  }

  /** Records what the driver asks for, in order; crashes at a chosen step. */
  static final class Recorder implements Effects<String> {
    final List<String> log = new ArrayList<>();
    final List<long[]> scheduled = new ArrayList<>();
    final List<String> details = new ArrayList<>();
    int crashBefore = -1;
    int crashAfter = -1;

    @Override
    public boolean before(Step step) {
      log.add("before " + step.number() + " " + step.kind());
      details.add(step.detail());
      return step.number() != crashBefore;
    }

    @Override
    public boolean after(Step step) {
      return step.number() != crashAfter;
    }

    @Override
    public void force(List<byte[]> records) {
      List<String> r = new ArrayList<>();
      records.forEach(b -> r.add(new String(b, StandardCharsets.UTF_8)));
      log.add("force " + r);
    }

    @Override
    public void send(Outgoing<String> m) {
      log.add("send " + m.message() + " lamport " + m.lamport());
    }

    @Override
    public void schedule(long timer, long at) {
      log.add("schedule at " + at);
      scheduled.add(new long[] {timer, at});
    }

    @Override
    public void cancel(long timer) {
      log.add("cancel");
    }

    @Override
    public void call(Call call) {
      log.add("call " + call.kind());
    }

    @Override
    public void decided(Decision d) {
      log.add("decided " + d.value());
    }

    @Override
    public void outcome(long txn, Verdict v) {
      log.add("outcome " + txn + " " + v);
    }

    @Override
    public void done() {
      log.add("done");
    }
  }

  record Fixture(NodeDriver<String> driver, Scripted node) {}

  static Fixture driver(NodeDriver.Options options) {
    Scripted node = new Scripted();
    Setup<String> setup = new Setup<>() {
      @Override
      public Codec<String> codec() {
        return STRINGS;
      }

      @Override
      public Node<String> node(NodeId id) {
        return node;
      }
    };
    return new Fixture(new NodeDriver<>(ME, I, setup, options), node);
  }

  static Frame frame(String payload, long lamport) {
    return new Frame(I, 1, PEER, ME, lamport, ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void recordsAreForcedBeforeAnythingElseAndTheDecisionIsReleasedLast() {
    Fixture f = driver(NodeDriver.Options.defaults().durable(true));
    f.driver().start(0);
    f.driver().receive(frame("send a; persist r1; decide; timer 5 30; call; outcome", 10), 4);
    f.driver().receive(frame("persist r2; send b", 11), 5);
    Recorder r = new Recorder();
    assertTrue(f.driver().carryOut(f.driver().ready(), r, 5));
    assertEquals(List.of("before 1 FORCE", "force [r1, r2]", "before 2 SEND", "send a lamport 12",
        "before 3 SEND", "send b lamport 14", "schedule at 30", "call IN_DOUBT", "decided ATTACK",
        "outcome 3 COMMIT"), r.log);
    assertEquals(Decision.of(Value.ATTACK).value(), f.driver().report().decision().orElseThrow().value());
    assertEquals(1, f.driver().report().counter("log.forces"));
    assertFalse(f.driver().hasReady());
  }

  @Test
  void stepsAreDescribedOnlyWhenAskedFor() {
    // Describing a message is work for a trace: a driver that records no steps never asks for it, one that does, once a frame.
    for (boolean record : new boolean[] {false, true}) {
      Scripted node = new Scripted();
      List<String> described = new ArrayList<>();
      Setup<String> setup = new Setup<>() {
        @Override
        public Codec<String> codec() {
          return STRINGS;
        }

        @Override
        public Node<String> node(NodeId id) {
          return node;
        }

        @Override
        public String describe(String message) {
          described.add(message);
          return "m " + message;
        }
      };
      NodeDriver<String> driver = new NodeDriver<>(ME, I, setup, NodeDriver.Options.defaults().recordSteps(record));
      driver.start(0);
      driver.receive(frame("send a; send b", 1), 1);
      Recorder r = new Recorder();
      assertTrue(driver.carryOut(driver.ready(), r, 1));
      assertEquals(record ? List.of("a", "b") : List.of(), described);
      assertEquals(record ? List.of("m a to 2", "m b to 2") : List.of("", ""), r.details);
    }
  }

  @Test
  void aDecisionIsNotReportedUntilItIsCarriedOut() {
    Fixture f = driver(NodeDriver.Options.defaults());
    f.driver().start(0);
    f.driver().receive(frame("decide", 1), 1);
    assertTrue(f.driver().decision().isPresent());
    assertTrue(f.driver().report().decision().isEmpty(), "released only after the records before it are forced");
    f.driver().carryOut(f.driver().ready(), new Recorder(), 1);
    assertTrue(f.driver().report().decision().isPresent());
  }

  @Test
  void aCrashAtAStepEndsEverythingAfterIt() {
    Fixture f = driver(NodeDriver.Options.defaults().durable(true));
    f.driver().start(0);
    f.driver().receive(frame("persist r; send a; send b; decide", 1), 1);
    Recorder r = new Recorder();
    r.crashAfter = 2;
    assertFalse(f.driver().carryOut(f.driver().ready(), r, 1));
    assertEquals(List.of("before 1 FORCE", "force [r]", "before 2 SEND", "send a lamport 3"), r.log);
    assertTrue(f.driver().report().decision().isEmpty(), "a crashed node released nothing after the crash");
    assertEquals(2, f.driver().lastStep());
    Recorder before = new Recorder();
    before.crashBefore = 7;
    Fixture g = driver(NodeDriver.Options.defaults().durable(true).firstStep(7));
    g.driver().start(0);
    g.driver().receive(frame("persist r", 1), 1);
    assertFalse(g.driver().carryOut(g.driver().ready(), before, 1));
    assertEquals(List.of("before 7 FORCE"), before.log, "steps of a restarted node go on from its first step");
  }

  @Test
  void lamportClocksTickOnEveryEventAndTakeTheMaxOnReceipt() {
    Fixture f = driver(NodeDriver.Options.defaults());
    f.driver().start(0); // 1
    f.driver().receive(frame("send a", 40), 1); // max(1, 40) + 1 = 41, send: 42
    f.driver().input(new Input.Propose(Value.ATTACK), 2); // 43
    f.driver().receive(frame("send b", 2), 3); // 44, send: 45
    Recorder r = new Recorder();
    f.driver().carryOut(f.driver().ready(), r, 3);
    assertEquals(List.of("before 1 SEND", "send a lamport 42", "before 2 SEND", "send b lamport 45"), r.log);
  }

  @Test
  void aFrameThatDoesNotDecodeIsDroppedAsMalformedAndNeverReachesTheNode() {
    Fixture f = driver(NodeDriver.Options.defaults());
    f.driver().start(0);
    f.driver().receive(frame("!", 1), 1);
    f.driver().receive(frame("drop", 2), 1);
    assertEquals(List.of("start@0", "drop"), f.node().seen);
    assertEquals(Map.of(DropReason.MALFORMED, 1L, DropReason.WRONG_SIZE, 1L), f.driver().report().dropped());
  }

  @Test
  void aTimerSetAgainOrCancelledNeverFires() {
    Fixture f = driver(NodeDriver.Options.defaults());
    f.driver().start(0);
    f.driver().receive(frame("timer 5 30; timer 6 40; timer 5 50; cancel 6", 1), 1);
    Recorder r = new Recorder();
    f.driver().carryOut(f.driver().ready(), r, 1);
    assertEquals(1, r.scheduled.size(), "only the latest setting of token 5 is scheduled: " + r.log);
    assertEquals(50, r.scheduled.get(0)[1]);
    f.driver().timer(r.scheduled.get(0)[0], 50);
    f.driver().timer(r.scheduled.get(0)[0], 51); // fired already: ignored
    f.driver().timer(12345, 52); // never asked for: ignored
    assertEquals(List.of("start@0", "timer 5 30; timer 6 40; timer 5 50; cancel 6", "timer 5@50"), f.node().seen);
  }

  @Test
  void aDoneNodeTakesNoMoreAndItsLateFramesAreCounted() {
    Fixture f = driver(NodeDriver.Options.defaults());
    f.driver().start(0);
    f.driver().receive(frame("timer 1 99; done", 1), 1);
    Recorder r = new Recorder();
    f.driver().carryOut(f.driver().ready(), r, 1);
    assertTrue(r.log.contains("done"), r.log.toString());
    assertTrue(r.scheduled.isEmpty(), "a done node's timers are dropped: " + r.log);
    f.driver().receive(frame("send x", 2), 2);
    assertEquals(1L, f.driver().report().dropped().get(DropReason.LATE));
    assertThrows(IllegalStateException.class, () -> f.driver().input(new Input.Propose(Value.ATTACK), 3));
  }

  @Test
  void misuseIsRefusedWithAClearError() {
    Fixture f = driver(NodeDriver.Options.defaults());
    assertThrows(IllegalStateException.class, () -> f.driver().receive(frame("x", 1), 1), "before start");
    f.driver().start(0);
    assertThrows(IllegalStateException.class, () -> f.driver().start(0));
    UnsupportedOperationException noLog = assertThrows(UnsupportedOperationException.class,
        () -> f.driver().receive(frame("persist r", 1), 1));
    assertTrue(noLog.getMessage().contains("no durable log"), noLog.getMessage());
    IllegalArgumentException wrongNode = assertThrows(IllegalArgumentException.class,
        () -> f.driver().receive(new Frame(I, 1, PEER, NodeId.of(5), 1, ByteBuffer.allocate(0)), 1));
    assertTrue(wrongNode.getMessage().contains("given to node 1"), wrongNode.getMessage());
    assertThrows(IllegalArgumentException.class, () -> f.driver().input(new Input.Submit(
        new io.github.bgp.api.Transaction(1, new byte[0])), 2));
  }

  @Test
  void aTracedRunNotesFramesItCannotDescribeAndTimersByName() {
    Fixture f = driver(NodeDriver.Options.defaults().tracing(true));
    f.driver().start(0);
    f.driver().receive(frame("timer 4 10", 1), 1);
    Recorder r = new Recorder();
    f.driver().carryOut(f.driver().ready(), r, 1);
    f.driver().timer(r.scheduled.get(0)[0], 10);
    List<io.github.bgp.api.Note> notes = f.driver().report().notes();
    assertEquals(List.of("message", "timer"), notes.stream().map(io.github.bgp.api.Note::kind).toList());
    assertEquals("timer 4", notes.get(1).field("timer"));
    assertEquals("timer 4 10", notes.get(0).field("what"));
  }
}
