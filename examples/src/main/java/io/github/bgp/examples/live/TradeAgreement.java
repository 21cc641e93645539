package io.github.bgp.examples.live;

import io.github.bgp.api.AgreementSpec;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.ValueCodec;
import io.github.bgp.net.AgreementNode;
import io.github.bgp.net.Certificates;
import io.github.bgp.net.ClusterConfig;
import io.github.bgp.net.LiveNode;
import io.github.bgp.net.NettyTransport;
import io.github.bgp.net.NodeMetrics;
import io.github.bgp.net.Schedule;
import io.github.bgp.net.Slot;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An application agreeing on a value of its own type, one process per node over mutual TLS: four
 * trading desks agree on the trade the first desk (the commander) proposes, signed under SM(1), so
 * that no desk can make the others settle different trades. The type is the application's
 * {@link Trade}; its {@link #CODEC} is the only bridge to bgp's bytes.
 *
 * <p>{@code TradeAgreement CONFIG ID}: node ID of the cluster in CONFIG (made by {@code bgp keys}).
 * It listens, prints {@code ready}, reads the run's start (milliseconds since 1970) from standard
 * input, the same for every node, and prints {@code node ID decided Trade[...]}.
 */
public final class TradeAgreement {

  /** The application's own value: what one desk buys, how many, at what price. */
  public record Trade(String instrument, long quantity, long priceCents) {
    public Trade {
      if (instrument.isBlank() || quantity <= 0 || priceCents <= 0) {
        throw new IllegalArgumentException("a trade names an instrument, a positive quantity and a positive price");
      }
    }
  }

  /** A canonical encoding of a trade: the instrument in modified UTF-8, then the two numbers. */
  public static final ValueCodec<Trade> CODEC = new ValueCodec<>() {
    @Override
    public byte[] encode(Trade t) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeUTF(t.instrument());
        out.writeLong(t.quantity());
        out.writeLong(t.priceCents());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return bytes.toByteArray();
    }

    @Override
    public Trade decode(byte[] bytes) {
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
        Trade t = new Trade(in.readUTF(), in.readLong(), in.readLong());
        if (in.available() > 0) {
          throw new IllegalArgumentException("a trade has " + in.available() + " bytes after its fields");
        }
        return t;
      } catch (IOException e) {
        throw new IllegalArgumentException("not a trade: " + bytes.length + " bytes (" + e + ")", e);
      }
    }
  };

  /** What the commander's desk proposes. */
  public static final Trade PROPOSED = new Trade("ACME", 100, 12_345);

  private TradeAgreement() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: TradeAgreement CONFIG ID");
      System.exit(2);
    }
    ClusterConfig cluster = ClusterConfig.load(Path.of(args[0]));
    NodeId self = NodeId.of(Integer.parseInt(args[1]));
    Certificates.NodeKeys keys = Certificates.read(self, cluster.directory().resolve(Certificates.keyFile(self)),
        cluster.certificate(self));
    NodeMetrics metrics = new NodeMetrics(self);
    NettyTransport transport = NettyTransport.listen(cluster, self, keys, metrics);
    System.out.println("ready");
    long start = Schedule.parseStart(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
        .readLine().strip());
    try (LiveNode live = new LiveNode(transport, metrics, cluster.name())) {
      AgreementNode.Typed<Trade> trades = AgreementNode.builder(live, Protocols.agreement("sm"),
              AgreementSpec.bytes(cluster.size(), 1, 256))
          .cluster(cluster)
          .keys(Certificates.ring(cluster, Map.of(self, keys.privateKey())))
          .build()
          .typed(CODEC);
      Slot slot = Slot.of(cluster.name(), "trades-" + start, 0, start);
      var decided = self.equals(NodeId.COMMANDER) ? trades.propose(slot, PROPOSED) : trades.join(slot);
      transport.connect(cluster);
      System.out.println("node " + self + " decided " + decided.get(60, TimeUnit.SECONDS));
      // what this node sent may still wait for a connection (the commander is done once it has sent):
      // stay until every node is connected, and a moment more for the last frames to reach them
      transport.mesh().get(60, TimeUnit.SECONDS);
      Thread.sleep(1_000);
    }
  }
}
