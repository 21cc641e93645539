package io.github.bgp.xa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Transaction;
import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.Test;

class BgpXidTest {

  /** An Xid as a store's recover gives it back: plain bytes, not bgp's class. */
  private record Plain(int format, byte[] gtrid, byte[] bqual) implements Xid {
    static Plain of(Xid x) {
      return new Plain(x.getFormatId(), x.getGlobalTransactionId(), x.getBranchQualifier());
    }

    @Override
    public int getFormatId() {
      return format;
    }

    @Override
    public byte[] getGlobalTransactionId() {
      return gtrid.clone();
    }

    @Override
    public byte[] getBranchQualifier() {
      return bqual.clone();
    }
  }

  private static final Gen<String> CLUSTERS = Gen.lists(Gen.elements(List.of("a", "Z", "-", "/", "é", "€", "𝄞")), 0, 20)
      .map(parts -> String.join("", parts))
      .filter(c -> c.getBytes(StandardCharsets.UTF_8).length <= BgpXid.MAX_CLUSTER_BYTES);

  @Test
  void theGlobalIdIsTheTransactionsAndTheBranchIsTheNode() {
    Transaction t = new Transaction(42, new byte[] {1}, "bank", InstanceId.of(9));
    BgpXid x = BgpXid.of(t, NodeId.of(2));
    assertEquals(BgpXid.FORMAT_ID, x.getFormatId());
    assertArrayEquals(t.globalId(), x.getGlobalTransactionId());
    assertArrayEquals(new byte[] {0, 0, 0, 2}, x.getBranchQualifier());
    assertEquals("bgp branch bank/0000000000000009/42 at node 2", x.toString());
    assertEquals(64, Xid.MAXGTRIDSIZE);
    assertEquals(47, BgpXid.MAX_CLUSTER_BYTES);
  }

  @Test
  void whatRecoverGivesBackReadsAsTheSameBranch() {
    Gen<long[]> ids = Gen.longs().zip(Gen.longs().map(Math::abs).map(v -> v < 0 ? 0 : v), (i, t) -> new long[] {i, t});
    Gen<Object[]> cases = CLUSTERS.zip(ids, (c, i) -> new Object[] {c, i}).zip(Gen.ints(0, 100_000),
        (ci, node) -> new Object[] {ci[0], ci[1], node});
    Property.forAll(cases).tries(300).describedAs(Arrays::deepToString).check(c -> {
      long[] i = (long[]) c[1];
      Transaction t = new Transaction(i[1], new byte[0], (String) c[0], InstanceId.of(i[0]));
      BgpXid x = BgpXid.of(t, NodeId.of((Integer) c[2]));
      Optional<BgpXid> back = BgpXid.parse(Plain.of(x));
      return back.isPresent() && back.get().equals(x) && back.get().cluster().equals(t.cluster())
          && back.get().instance().equals(t.instance()) && back.get().txn() == t.id()
          && back.get().branch().equals(NodeId.of((Integer) c[2]));
    });
  }

  @Test
  void anyBytesOfBgpsFormatEitherReadBackExactlyOrAreNotBgps() {
    Gen<byte[]> bytes = Gen.lists(Gen.ints(-128, 127), 0, 64).map(l -> {
      byte[] b = new byte[l.size()];
      for (int k = 0; k < b.length; k++) {
        b[k] = (byte) (int) l.get(k);
      }
      return b;
    });
    Gen<Plain> xids = bytes.zip(Gen.lists(Gen.ints(-128, 127), 0, 6), (g, q) -> {
      byte[] b = new byte[q.size()];
      for (int k = 0; k < b.length; k++) {
        b[k] = (byte) (int) q.get(k);
      }
      return new Plain(BgpXid.FORMAT_ID, g, b);
    });
    Property.forAll(xids).tries(500).check(p -> BgpXid.parse(p)
        .map(x -> Arrays.equals(x.getGlobalTransactionId(), p.gtrid) && Arrays.equals(x.getBranchQualifier(), p.bqual))
        .orElse(true));
  }

  @Test
  void foreignAndMalformedXidsAreNotBgps() {
    BgpXid x = BgpXid.of(new Transaction(1, new byte[0], "c", InstanceId.of(1)), NodeId.of(1));
    byte[] g = x.getGlobalTransactionId();
    byte[] q = x.getBranchQualifier();
    assertEquals(Optional.of(x), BgpXid.parse(Plain.of(x)));
    assertEquals(Optional.empty(), BgpXid.parse(new Plain(0x4e41, g, q)), "another format");
    assertEquals(Optional.empty(), BgpXid.parse(new Plain(BgpXid.FORMAT_ID, Arrays.copyOf(g, 16), q)), "too short");
    byte[] noSlash = g.clone();
    noSlash[1] = 'x';
    assertEquals(Optional.empty(), BgpXid.parse(new Plain(BgpXid.FORMAT_ID, noSlash, q)), "no slash");
    assertEquals(Optional.empty(), BgpXid.parse(new Plain(BgpXid.FORMAT_ID, g, new byte[] {0, 1})), "2-byte branch");
    assertEquals(Optional.empty(), BgpXid.parse(new Plain(BgpXid.FORMAT_ID, g, new byte[] {-1, 0, 0, 1})), "node < 0");
    byte[] notUtf8 = g.clone();
    notUtf8[0] = (byte) 0xC3; // half of a two-byte character
    assertEquals(Optional.empty(), BgpXid.parse(new Plain(BgpXid.FORMAT_ID, notUtf8, q)), "not UTF-8");
    byte[] negative = ByteBuffer.allocate(g.length).put(g, 0, g.length - 8).putLong(-1).array();
    assertEquals(Optional.empty(), BgpXid.parse(new Plain(BgpXid.FORMAT_ID, negative, q)), "negative transaction id");
  }

  @Test
  void aClusterNameThatWouldNotFitIsRefusedNamingTheLimit() {
    String fits = "x".repeat(47);
    BgpXid.checkCluster(fits);
    assertEquals(64, BgpXid.of(new Transaction(1, new byte[0], fits, InstanceId.of(1)), NodeId.of(1))
        .getGlobalTransactionId().length);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BgpXid.of(new Transaction(1, new byte[0], fits + "€", InstanceId.of(1)), NodeId.of(1)));
    assertTrue(e.getMessage().startsWith("the cluster name '" + fits + "€' is 50 bytes in UTF-8; an XA global"
        + " transaction id holds 64 bytes"), e.getMessage());
  }
}
