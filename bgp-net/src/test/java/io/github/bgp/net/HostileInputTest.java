package io.github.bgp.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.Decision;
import io.github.bgp.api.DropReason;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.runtime.Frame;
import io.github.bgp.sim.Simulation;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Input;
import io.github.bgp.spi.Setup;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input against a live node, over real sockets (issue 6, "bad input, each a test").
 *
 * <p>Four nodes run on 127.0.0.1 over mutual TLS 1.3. While OM(1) and SM(1) run among them (node
 * 3 a traitor), an attacker aims one kind of bad input at node 1, several times over: either an
 * outsider with no cluster key, or a traitor that holds node 3's genuine key, which is the
 * realistic attacker when A2 holds. Each test then checks that the input was dropped or refused,
 * counted under its own name in node 1's {@link NodeMetrics}, logged exactly once however often
 * it came, and that node 1 still serves: a legitimate frame still reaches a protocol (a
 * {@link Probe}), and both agreements decide exactly what {@link Simulation#run} decides for the
 * same scenarios.
 *
 * <p>Random bytes come from a seed printed with every failure; {@code -Dbgp.seed=...} replays it.
 */
class HostileInputTest {

  private static final NodeId TARGET = NodeId.of(1);
  private static final NodeId TRAITOR = NodeId.of(3);
  private static final NodeId OTHER = NodeId.of(2);
  private static final int MAX_FRAME = 64 << 10;
  private static final long ROUND_MILLIS = 60_000; // every round closes when its last frame arrives
  private static final int REPEATS = 3;
  private static final InstanceId PROBE = InstanceId.of(0x9806E);
  private static final InstanceId NOBODY_RUNS_THIS = InstanceId.of(0xDEAD);

  /** The cluster's keys and certificates, made once: every test starts its own nodes from them. */
  @TempDir static Path dir;
  private static ClusterConfig made;

  private final LogCapture log = new LogCapture();
  private final long seed = seed();

  /** Every failure names the seed of the random bytes, whether or not the test drew any. */
  @RegisterExtension
  final TestExecutionExceptionHandler printSeed = (context, failure) -> {
    throw new AssertionError(failure.getMessage() + " [seed " + seed + "; replay with -Dbgp.seed=" + seed + "]",
        failure);
  };
  private LocalCluster cluster;
  private Probe probe;

  @BeforeAll
  static void makeKeys() throws IOException {
    ClusterConfig keys = Certificates.makeCluster(dir, "test", 4, "127.0.0.1", 0, ROUND_MILLIS);
    made = new ClusterConfig(keys.name(), keys.security(), keys.roundTimeoutMillis(), MAX_FRAME, keys.members(),
        keys.directory());
  }

  @BeforeEach
  void startCluster() throws Exception {
    cluster = LocalCluster.start(made, dir);
    probe = new Probe();
    cluster.node(TARGET.index()).register(PROBE, probe).start(System.currentTimeMillis());
  }

  @AfterEach
  void stop() {
    try {
      if (cluster != null) {
        cluster.close();
      }
    } finally {
      log.close();
    }
  }

  // ---- the size limit

  @Test
  void aFrameOverTheSizeLimitIsSkippedAndTheNextFrameStillGetsThrough() throws Exception {
    HonestRun run = HonestRun.start(cluster);
    try (SSLSocket traitor = asTraitor()) {
      byte[] largest = probeFrame(MAX_FRAME - Wire.DATA_HEADER, "largest");
      assertEquals(Wire.LENGTH + MAX_FRAME, largest.length, "a frame of exactly maxFrameBytes after its length");
      Attacker.send(traitor, largest);
      assertEquals(MAX_FRAME - Wire.DATA_HEADER, probe.next().text().length(), "the largest allowed frame");
      for (int i = 0; i < REPEATS; i++) {
        byte[] over = probeFrame(MAX_FRAME - Wire.DATA_HEADER + 1, "over");
        Attacker.send(traitor, over, probeFrame("after " + i));
        assertEquals("after " + i, probe.next().text(), "the frame after an oversized one, on the same connection");
      }
    }
    assertEquals(REPEATS, metrics().dropped(DropReason.OVERSIZE), metrics().toText());
    assertDroppedOnly(DropReason.OVERSIZE);
    assertLoggedOnce("node 1: dropped a frame from node 3 that " + DropReason.OVERSIZE.description());
    run.assertDecidesAsInMemory();
  }

  @Test
  void theLargestFrameANodeMaySendIsOneItsPeerAccepts() throws Exception {
    NettyTransport node3 = cluster.transports.get(TRAITOR.index());
    byte[] payload = new byte[MAX_FRAME - Wire.DATA_HEADER];
    payload[0] = 'x';
    node3.send(new Frame(PROBE, 1, TRAITOR, TARGET, 1, ByteBuffer.wrap(payload)));
    Probe.Heard heard = probe.next();
    assertEquals(TRAITOR, heard.from());
    assertEquals(payload.length, heard.text().length());
    assertEquals(0, metrics().dropped(DropReason.OVERSIZE), metrics().toText());
  }

  // ---- cut short

  @Test
  void aFrameCutOffByItsConnectionClosingIsTruncated() throws Exception {
    HonestRun run = HonestRun.start(cluster);
    for (int i = 0; i < REPEATS; i++) {
      try (SSLSocket traitor = asTraitor()) {
        byte[] whole = probeFrame("never finished");
        Attacker.send(traitor, Arrays.copyOf(whole, whole.length - 5));
      }
      int done = i + 1;
      await(() -> metrics().dropped(DropReason.TRUNCATED) == done, "truncation " + done + " counted");
    }
    assertStillServes();
    assertEquals(0, probe.waiting(), "a cut-off frame reached the protocol");
    assertEquals(REPEATS, metrics().dropped(DropReason.TRUNCATED), metrics().toText());
    assertDroppedOnly(DropReason.TRUNCATED);
    assertLoggedOnce("node 1: dropped a frame from node 3 that " + DropReason.TRUNCATED.description());
    run.assertDecidesAsInMemory();
  }

  // ---- random bytes

  @Test
  void randomBytesFromAnOutsiderAreRefusedInTheHandshake() throws Exception {
    HonestRun run = HonestRun.start(cluster);
    Random random = new Random(seed);
    for (int i = 0; i < REPEATS; i++) {
      byte[] junk = new byte[70_000]; // longer than any TLS record the junk might announce
      random.nextBytes(junk);
      try (Socket outsider = Attacker.plain(port(TARGET))) {
        Attacker.sendTillHungUp(outsider, junk);
        assertTrue(Attacker.hungUpOn(outsider), "node 1 kept a connection of random bytes open");
      }
      int done = i + 1;
      await(() -> refused("handshake") == done, "refusal " + done + " counted");
    }
    assertStillServes();
    assertEquals(REPEATS, refused("handshake"), metrics().toText());
    assertDroppedOnly();
    assertLoggedOnce("node 1: refused a connection from 127.0.0.1 (handshake)");
    run.assertDecidesAsInMemory();
  }

  @Test
  void randomBytesInjectedIntoATraitorsTlsStreamAreMalformed() throws Exception {
    HonestRun run = HonestRun.start(cluster);
    Random random = new Random(seed);
    Certificates.NodeKeys node3 = keys(TRAITOR);
    for (int i = 0; i < REPEATS; i++) {
      byte[] junk = new byte[70_000]; // longer than any TLS record the junk might announce
      random.nextBytes(junk);
      Socket raw = Attacker.plain(port(TARGET));
      SSLSocket traitor = Attacker.tls(raw, node3.privateKey(), node3.certificate());
      Attacker.send(traitor, Attacker.hello(TRAITOR, "test"));
      Attacker.sendTillHungUp(raw, junk); // under TLS: the bytes reach the node's TLS layer as they are
      assertTrue(Attacker.hungUpOn(traitor), "node 1 kept a connection of random TLS records open");
      Attacker.closeQuietly(traitor);
      int done = i + 1;
      await(() -> metrics().dropped(DropReason.MALFORMED) == done, "malformed input " + done + " counted");
    }
    assertStillServes();
    assertEquals(REPEATS, metrics().dropped(DropReason.MALFORMED), metrics().toText());
    assertDroppedOnly(DropReason.MALFORMED);
    assertLoggedOnce("node 1: dropped a frame from node 3 that " + DropReason.MALFORMED.description());
    run.assertDecidesAsInMemory();
  }

  @Test
  void randomBytesAfterATraitorsHelloAreAnOversizedFrame() throws Exception {
    HonestRun run = HonestRun.start(cluster);
    Random random = new Random(seed);
    for (int i = 0; i < REPEATS; i++) {
      byte[] junk = new byte[4096];
      do { // the length prefix is unsigned: all but one draw in ~65,000 announce more than the limit
        random.nextBytes(junk);
      } while (Integer.toUnsignedLong(ByteBuffer.wrap(junk).getInt()) <= MAX_FRAME);
      try (SSLSocket traitor = asTraitor()) {
        Attacker.send(traitor, junk);
        int done = i + 1;
        await(() -> metrics().dropped(DropReason.OVERSIZE) == done, "oversized frame " + done + " counted");
      }
    }
    assertStillServes();
    assertEquals(0, probe.waiting(), "random bytes reached a protocol");
    assertEquals(REPEATS, metrics().dropped(DropReason.OVERSIZE), metrics().toText());
    assertDroppedOnly(DropReason.OVERSIZE);
    assertLoggedOnce("node 1: dropped a frame from node 3 that " + DropReason.OVERSIZE.description());
    run.assertDecidesAsInMemory();
  }

  @Test
  void randomFramesFromATraitorAreDroppedAndItsConnectionClosedOnce() throws Exception {
    HonestRun run = HonestRun.start(cluster);
    Random random = new Random(seed);
    for (int i = 0; i < REPEATS; i++) {
      ByteArrayOutputStream frames = new ByteArrayOutputStream();
      for (int f = 0; f < 50; f++) { // well framed, random within: any kind byte, any header fields
        byte[] body = new byte[random.nextInt(65)];
        random.nextBytes(body);
        frames.write(ByteBuffer.allocate(Wire.LENGTH).putInt(body.length).array());
        frames.write(body);
      }
      SSLSocket traitor = asTraitor();
      Attacker.sendTillHungUp(traitor, frames.toByteArray());
      assertTrue(Attacker.hungUpOn(traitor), "50 random frames did not get node 3 hung up on");
      Attacker.closeQuietly(traitor);
      int done = i + 1;
      await(() -> metrics().dropped(DropReason.MALFORMED) == done, "malformed frame " + done + " counted");
    }
    assertStillServes();
    assertEquals(0, probe.waiting(), "a random frame reached a protocol");
    // one malformed frame per connection: the node hangs up on it and reads nothing after it
    assertEquals(REPEATS, metrics().dropped(DropReason.MALFORMED), metrics().toText());
    assertDroppedOnly(DropReason.MALFORMED, DropReason.IMPERSONATION, DropReason.MISDIRECTED,
        DropReason.UNKNOWN_INSTANCE);
    for (DropReason r : DropReason.values()) {
      if (metrics().dropped(r) > 0) {
        assertLoggedOnce("node 1: dropped a frame from node 3 that " + r.description());
      }
    }
    run.assertDecidesAsInMemory();
  }

  @Test
  void inAPlaintextClusterAPeerIsWhoeverItsHelloSays() throws Exception {
    cluster.close();
    List<ClusterConfig.Member> members = new ArrayList<>();
    for (ClusterConfig.Member m : cluster.config.members()) {
      members.add(new ClusterConfig.Member(m.id(), m.host(), 0, null));
    }
    cluster = LocalCluster.start(new ClusterConfig("test", ClusterConfig.Security.PLAINTEXT_INSECURE, ROUND_MILLIS,
        MAX_FRAME, members, dir), dir);
    probe = new Probe();
    cluster.node(TARGET.index()).register(PROBE, probe).start(System.currentTimeMillis());
    try (Socket anyone = Attacker.plain(port(TARGET))) {
      Attacker.send(anyone, Attacker.hello(OTHER, "test"),
          Attacker.data(PROBE, 1, OTHER, TARGET, Probe.payload("I am node 2")));
      assertEquals(new Probe.Heard(OTHER, 1, "I am node 2"), probe.next(), "by design: no authentication");
    }
    assertDroppedOnly();
  }

  // ---- well-formed frames the node must not act on

  @Test
  void dataForAnUnknownInstanceIsDropped() throws Exception {
    HonestRun run = HonestRun.start(cluster);
    try (SSLSocket traitor = asTraitor()) {
      for (int i = 0; i < REPEATS; i++) {
        Attacker.send(traitor, Attacker.data(NOBODY_RUNS_THIS, 1, TRAITOR, TARGET, ORDER_ATTACK));
      }
      Attacker.send(traitor, probeFrame("after"));
      assertEquals("after", probe.next().text());
    }
    assertEquals(REPEATS, metrics().dropped(DropReason.UNKNOWN_INSTANCE), metrics().toText());
    assertDroppedOnly(DropReason.UNKNOWN_INSTANCE);
    assertLoggedOnce("node 1: dropped a frame from node 3 that " + DropReason.UNKNOWN_INSTANCE.description());
    run.assertDecidesAsInMemory();
  }

  @Test
  void dataForAPastRoundOfARunningInstanceIsLate() throws Exception {
    HonestRun run = HonestRun.start(cluster);
    LiveNode.Instance om = run.instance("om", TARGET);
    // OM(1): node 1 relays in round 2 once round 1 has closed; frames for round 1 are late from then on, whether
    // the instance is still in round 2 (its round layer drops them) or has finished (the node drops them)
    await(() -> om.report().lastRound() >= 2, "node 1 closing round 1");
    try (SSLSocket traitor = asTraitor()) {
      byte[] pastRound = Attacker.data(om.id(), 1, TRAITOR, TARGET, ORDER_ATTACK);
      for (int i = 0; i < REPEATS; i++) {
        Attacker.send(traitor, pastRound);
      }
      Attacker.send(traitor, probeFrame("after"));
      assertEquals("after", probe.next().text());
    }
    await(() -> metrics().dropped(DropReason.LATE) == REPEATS, "the late frames counted");
    assertDroppedOnly(DropReason.LATE);
    assertLoggedOnce("node 1: dropped a frame from node 3 that " + DropReason.LATE.description());
    run.assertDecidesAsInMemory();
  }

  @Test
  void dataClaimingAnotherSenderIsImpersonation() throws Exception {
    HonestRun run = HonestRun.start(cluster);
    InstanceId om = run.instance("om", TARGET).id();
    try (SSLSocket traitor = asTraitor()) {
      for (int i = 0; i < REPEATS; i++) { // node 2's round-2 relay, forged: RETREAT where node 2 says ATTACK
        Attacker.send(traitor, Attacker.data(om, 2, OTHER, TARGET, ORDER_RETREAT),
            Attacker.data(PROBE, 1, OTHER, TARGET, Probe.payload("forged")));
      }
      Attacker.send(traitor, probeFrame("after"));
      Probe.Heard next = probe.next();
      assertEquals(new Probe.Heard(TRAITOR, 1, "after"), next, "a forged frame reached the probe");
    }
    assertEquals(2 * REPEATS, metrics().dropped(DropReason.IMPERSONATION), metrics().toText());
    assertDroppedOnly(DropReason.IMPERSONATION);
    assertLoggedOnce("node 1: dropped a frame from node 3 that " + DropReason.IMPERSONATION.description());
    run.assertDecidesAsInMemory();
  }

  @Test
  void dataAddressedToAnotherNodeIsMisdirected() throws Exception {
    HonestRun run = HonestRun.start(cluster);
    InstanceId om = run.instance("om", TARGET).id();
    try (SSLSocket traitor = asTraitor()) {
      for (int i = 0; i < REPEATS; i++) {
        Attacker.send(traitor, Attacker.data(om, 2, TRAITOR, OTHER, ORDER_RETREAT),
            Attacker.data(PROBE, 1, TRAITOR, OTHER, Probe.payload("for node 2")));
      }
      Attacker.send(traitor, probeFrame("after"));
      assertEquals("after", probe.next().text(), "a misdirected frame reached the probe");
    }
    assertEquals(2 * REPEATS, metrics().dropped(DropReason.MISDIRECTED), metrics().toText());
    assertDroppedOnly(DropReason.MISDIRECTED);
    assertLoggedOnce("node 1: dropped a frame from node 3 that " + DropReason.MISDIRECTED.description());
    run.assertDecidesAsInMemory();
  }

  // ---- identities

  @Test
  void aHelloNamingAnotherNodeThanTheCertificateIsHungUpOn() throws Exception {
    HonestRun run = HonestRun.start(cluster);
    InstanceId om = run.instance("om", TARGET).id();
    for (int i = 0; i < REPEATS; i++) {
      SSLSocket traitor = asTraitor(false);
      Attacker.sendTillHungUp(traitor, Attacker.hello(OTHER, "test"), Attacker.data(om, 2, OTHER, TARGET,
          ORDER_RETREAT), Attacker.data(PROBE, 1, OTHER, TARGET, Probe.payload("as node 2")));
      assertTrue(Attacker.hungUpOn(traitor), "node 1 kept talking to node 3 calling itself node 2");
      Attacker.closeQuietly(traitor);
    }
    assertStillServes();
    assertEquals(0, probe.waiting(), "a frame after a lying HELLO reached the protocol");
    assertEquals(REPEATS, metrics().dropped(DropReason.IMPERSONATION), metrics().toText());
    assertDroppedOnly(DropReason.IMPERSONATION);
    assertLoggedOnce("node 1: dropped a frame from node 3 that " + DropReason.IMPERSONATION.description());
    run.assertDecidesAsInMemory();
  }

  @Test
  void node2sCertificateWithAKeyThatIsNotNode2sFailsTheHandshake() throws Exception {
    HonestRun run = HonestRun.start(cluster);
    X509Certificate node2 = keys(OTHER).certificate();
    for (int i = 0; i < REPEATS; i++) {
      KeyPair someoneElse = Certificates.newKeyPair();
      assertFalse(Certificates.matches(someoneElse.getPrivate(), node2.getPublicKey()));
      attemptAsNode2(someoneElse, node2, run.instance("om", TARGET).id());
      int done = i + 1;
      await(() -> refused("handshake") == done, "refusal " + done + " counted");
    }
    assertStillServes();
    assertEquals(0, probe.waiting(), "a frame over a failed handshake reached the protocol");
    assertEquals(REPEATS, refused("handshake"), metrics().toText());
    assertEquals(0, refused("unknown-certificate"), metrics().toText());
    assertDroppedOnly();
    assertLoggedOnce("node 1: refused a connection from 127.0.0.1 (handshake)");
    run.assertDecidesAsInMemory();
  }

  @Test
  void aCertificateOutsideTheClusterIsRefused() throws Exception {
    HonestRun run = HonestRun.start(cluster);
    for (int i = 0; i < REPEATS; i++) {
      KeyPair outsider = Certificates.newKeyPair(); // self-signed, even claiming to be node 2 of "test"
      attemptAsNode2(outsider, Certificates.selfSigned(OTHER, "test", outsider), run.instance("om", TARGET).id());
      int done = i + 1;
      await(() -> refused("unknown-certificate") == done, "refusal " + done + " counted");
    }
    assertStillServes();
    assertEquals(0, probe.waiting(), "a frame from outside the cluster reached the protocol");
    assertEquals(REPEATS, refused("unknown-certificate"), metrics().toText());
    assertDroppedOnly();
    assertLoggedOnce("node 1: refused a connection from 127.0.0.1 (unknown-certificate)");
    run.assertDecidesAsInMemory();
  }

  @Test
  void aDialedPeerThatProvesToBeAnotherNodeIsHungUpOn() throws Exception {
    cluster.close(); // this test builds its own: node 1 alone, and node 3 answering at node 2's address
    Certificates.NodeKeys node3 = keys(TRAITOR);
    try (SSLServerSocket impostor = Attacker.tlsServer(node3.privateKey(), node3.certificate())) {
      NettyTransport node1 = NettyTransport.listen(made, TARGET, keys(TARGET), new NodeMetrics(TARGET));
      cluster.transports.set(TARGET.index(), node1); // so that metrics() finds it
      cluster.nodes.clear();
      cluster.nodes.add(new LiveNode(node1, node1.metrics())); // so that close() stops it
      probe = new Probe();
      cluster.nodes.get(0).register(PROBE, probe).start(System.currentTimeMillis());
      cluster.config = made.withPort(TARGET, node1.port()).withPort(OTHER, impostor.getLocalPort());
      node1.connect(cluster.config); // nodes 0 and 3 are not there (port 0): it keeps dialing them, harmlessly
      for (int i = 0; i < REPEATS; i++) {
        try (Socket dialed = impostor.accept()) {
          ((SSLSocket) dialed).startHandshake();
          assertEquals(-1, dialed.getInputStream().read(), "node 1 said something to node 3 posing as node 2");
        } catch (SSLException | java.net.SocketException hungUpMidHandshake) {
          // also a hang-up
        }
        int done = i + 1;
        await(() -> refused("wrong-node") == done, "refusal " + done + " counted");
      }
      assertStillServes();
    }
    assertEquals(REPEATS, refused("wrong-node"), metrics().toText());
    assertDroppedOnly();
    assertLoggedOnce("(wrong-node)");
  }

  // ---- helpers

  /** OM(1) and SM(1) over the live cluster: n = 4, node 3 a traitor that splits. */
  private static final class HonestRun {
    private final Map<String, Scenario> scenarios = new TreeMap<>();
    private final Map<String, List<LiveNode.Instance>> instances = new TreeMap<>();

    private HonestRun(LocalCluster cluster) {
      scenarios.put("om", Scenario.builder(4).m(1).order(Value.ATTACK).traitors(TRAITOR.index())
          .strategy(Strategy.SPLIT).seed(42).build());
      scenarios.put("sm", Scenario.builder(4).m(1).order(Value.ATTACK).traitors(TRAITOR.index())
          .strategy(Strategy.SPLIT).seed(43).build());
      Map<String, List<Setup<?>>> agreements = new TreeMap<>();
      scenarios.forEach((name, scenario) -> {
        AgreementProtocol protocol = Protocols.byName(name, AgreementProtocol.class);
        Environment env = Environment.builder(InstanceId.fromSeed(scenario.seed())).roundTimeout(ROUND_MILLIS)
            .build();
        List<Setup<?>> perNode = new ArrayList<>();
        for (int i = 0; i < cluster.nodes.size(); i++) {
          perNode.add(protocol.create(scenario.spec(), env, scenario.adversary()));
        }
        agreements.put(name, perNode);
      });
      // Node 0, the commander, is the one that speaks first, and it comes last: whenever it starts,
      // every lieutenant already runs the instance (a node drops frames for instances it does not).
      long epoch = System.currentTimeMillis() + 150;
      agreements.keySet().forEach(name -> instances.put(name, new ArrayList<>(cluster.nodes.size())));
      for (int i = cluster.nodes.size() - 1; i >= 0; i--) {
        for (String name : agreements.keySet()) {
          InstanceId id = InstanceId.fromSeed(scenarios.get(name).seed());
          LiveNode.Instance instance = cluster.node(i).register(id, agreements.get(name).get(i));
          instance.start(epoch);
          if (i == 0) {
            instance.input(new Input.Propose(scenarios.get(name).order()));
          }
          instances.get(name).add(0, instance);
        }
      }
    }

    static HonestRun start(LocalCluster cluster) {
      return new HonestRun(cluster);
    }

    LiveNode.Instance instance(String protocol, NodeId node) {
      return instances.get(protocol).get(node.index());
    }

    /**
     * Every loyal lieutenant decides what it decides in memory: the same value, having heard the
     * same values from the same generals. (The attacks start as the instances are registered,
     * before their epoch, so bad input that got through would be there before the real frames.)
     */
    void assertDecidesAsInMemory() throws Exception {
      for (String name : scenarios.keySet()) {
        Scenario scenario = scenarios.get(name);
        Outcome memory = Simulation.run(Protocols.byName(name, AgreementProtocol.class), scenario);
        assertTrue(memory.ic1() && memory.ic2(), memory.toString());
        Map<NodeId, Decision> live = new TreeMap<>();
        for (NodeId lieutenant : scenario.loyalLieutenants()) {
          live.put(lieutenant, instance(name, lieutenant).decision().get(2 * ROUND_MILLIS, TimeUnit.MILLISECONDS));
        }
        assertEquals(memory.decisions(), live, name + ": the attack changed a decision");
      }
    }
  }

  /** OM's encoding of one order, ATTACK (its wire format: type 1 orders, count, values). */
  private static final byte[] ORDER_ATTACK = {1, 0, 0, 0, 1, 1};
  private static final byte[] ORDER_RETREAT = {1, 0, 0, 0, 1, 0};

  private NodeMetrics metrics() {
    return cluster.transports.get(TARGET.index()).metrics();
  }

  private long refused(String reason) {
    return metrics().snapshot().getOrDefault("refused." + reason, 0L);
  }

  private int port(NodeId node) {
    return cluster.config.member(node).port();
  }

  private Certificates.NodeKeys keys(NodeId node) {
    return Certificates.read(node, dir.resolve(Certificates.keyFile(node)), made.certificate(node));
  }

  /** A TLS connection to node 1 with node 3's genuine key, its HELLO sent. */
  private SSLSocket asTraitor() throws IOException {
    return asTraitor(true);
  }

  private SSLSocket asTraitor(boolean hello) throws IOException {
    Certificates.NodeKeys node3 = keys(TRAITOR);
    SSLSocket s = Attacker.tls(port(TARGET), node3.privateKey(), node3.certificate());
    if (hello) {
      Attacker.send(s, Attacker.hello(TRAITOR, "test"));
    }
    return s;
  }

  /**
   * Connects to node 1 with {@code certificate} and {@code pair}'s key, then speaks as node 2: a
   * frame for the probe, and node 2's round-2 relay in OM instance {@code om}, forged.
   */
  private void attemptAsNode2(KeyPair pair, X509Certificate certificate, InstanceId om) throws IOException {
    SSLSocket s;
    try {
      s = Attacker.tls(port(TARGET), pair.getPrivate(), certificate);
    } catch (SSLException | java.net.SocketException refusedInTheHandshake) {
      return; // the node's alert reached the handshake
    }
    // under TLS 1.3 a client is done before the server has judged it: it tries to speak anyway
    Attacker.sendTillHungUp(s, Attacker.hello(OTHER, "test"), Attacker.data(om, 2, OTHER, TARGET, ORDER_RETREAT),
        Attacker.data(PROBE, 1, OTHER, TARGET, Probe.payload("as node 2")));
    assertTrue(Attacker.hungUpOn(s), "node 1 kept the connection open");
    Attacker.closeQuietly(s);
  }

  /** A DATA frame from node 3 to node 1 for the probe instance, carrying {@code text}. */
  private static byte[] probeFrame(String text) {
    return Attacker.data(PROBE, 1, TRAITOR, TARGET, Probe.payload(text));
  }

  /** The same, its payload {@code text} padded with dots to {@code length} bytes. */
  private static byte[] probeFrame(int length, String text) {
    byte[] t = Probe.payload(text);
    byte[] payload = Arrays.copyOf(t, length);
    Arrays.fill(payload, t.length, payload.length, (byte) '.');
    return Attacker.data(PROBE, 1, TRAITOR, TARGET, payload);
  }

  /** A fresh legitimate connection from node 3 still gets a frame through to a protocol. */
  private void assertStillServes() throws Exception {
    try (SSLSocket traitor = asTraitor()) {
      Attacker.send(traitor, probeFrame("still serving"));
      assertEquals(new Probe.Heard(TRAITOR, 1, "still serving"), probe.next());
    }
  }

  /** Node 1 dropped no frame for any reason but these: the honest runs lost nothing. */
  private void assertDroppedOnly(DropReason... reasons) {
    List<DropReason> allowed = List.of(reasons);
    for (DropReason r : DropReason.values()) {
      if (!allowed.contains(r)) {
        assertEquals(0, metrics().dropped(r), r + " should not be counted: " + metrics().toText());
      }
    }
  }

  private void assertLoggedOnce(String line) {
    assertEquals(1, log.lines(line).size(), "expected one log line with '" + line + "' for " + REPEATS
        + " attacks, got: " + log.all());
  }

  private void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // only a hang: the wait ends at the event
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + "; " + metrics().toText() + log.all());
      }
      TimeUnit.MILLISECONDS.sleep(5);
    }
  }

  private static long seed() {
    String fixed = System.getProperty("bgp.seed", "").strip();
    if (fixed.isEmpty() || fixed.startsWith("${")) {
      return new SecureRandom().nextLong();
    }
    return Long.parseLong(fixed);
  }
}
