package io.github.bgp.xa;

import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Transaction;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.transaction.xa.Xid;

/**
 * The XA branch of one bgp transaction at one participant: format {@link #FORMAT_ID}, global
 * transaction id {@link Transaction#globalId()} ({@code cluster '/' instance txn}: the cluster's
 * name in UTF-8, a slash, then the instance and the transaction id as 8 big-endian bytes each),
 * and branch qualifier the participant's node index (4 big-endian bytes). Every participant of a
 * transaction shares its global id and has its own branch, as XA intends, so two participants
 * may keep their branches in the same database.
 *
 * <p>{@link #parse(Xid)} reads one back from what a store's {@code recover} returns, and tells
 * bgp's own branches from the foreign ones (another transaction manager's, or a hand-made
 * {@code PREPARE TRANSACTION}) that recovery must leave alone.
 *
 * @since 0.1.0
 */
public final class BgpXid implements Xid {

  /** The format id of every bgp branch: {@code "bgpX"} in ASCII. */
  public static final int FORMAT_ID = 0x62677058;

  /** The longest cluster name, in UTF-8 bytes, whose global id fits XA's 64 bytes. */
  public static final int MAX_CLUSTER_BYTES = Xid.MAXGTRIDSIZE - 2 * Long.BYTES - 1;

  private static final int BQUAL_BYTES = Integer.BYTES;

  private final String cluster;
  private final InstanceId instance;
  private final long txn;
  private final NodeId branch;
  private final byte[] gtrid;
  private final byte[] bqual;

  private BgpXid(String cluster, InstanceId instance, long txn, NodeId branch, byte[] gtrid) {
    this.cluster = cluster;
    this.instance = instance;
    this.txn = txn;
    this.branch = branch;
    this.gtrid = gtrid;
    this.bqual = ByteBuffer.allocate(BQUAL_BYTES).putInt(branch.index()).array();
  }

  /**
   * The branch of {@code t} at participant {@code branch}.
   *
   * @param t the bgp transaction, whose cluster, instance and id make the global transaction id
   * @param branch the participant, which makes the branch qualifier
   * @return the branch's Xid
   * @throws IllegalArgumentException if {@code t}'s cluster name is longer than {@link #MAX_CLUSTER_BYTES}
   */
  public static BgpXid of(Transaction t, NodeId branch) {
    checkCluster(t.cluster());
    return new BgpXid(t.cluster(), t.instance(), t.id(), Objects.requireNonNull(branch, "branch"), t.globalId());
  }

  /**
   * Refuses a cluster name whose transactions' global ids would not fit an XA global transaction id.
   *
   * @param cluster the cluster's name
   * @throws IllegalArgumentException if {@code cluster} is longer than {@link #MAX_CLUSTER_BYTES} in UTF-8
   */
  public static void checkCluster(String cluster) {
    int bytes = cluster.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_CLUSTER_BYTES) {
      throw new IllegalArgumentException("the cluster name '" + cluster + "' is " + bytes
          + " bytes in UTF-8; an XA global transaction id holds " + Xid.MAXGTRIDSIZE + " bytes, so with the instance"
          + " and the transaction id a cluster name for XA is at most " + MAX_CLUSTER_BYTES + " bytes");
    }
  }

  /**
   * Reads {@code xid} as a bgp branch; empty if it is not one (another format, or a global id or a
   * branch qualifier that bgp did not write).
   *
   * @param xid any Xid, such as one that {@code xa_recover} lists
   * @return the bgp branch it names, or empty
   */
  public static Optional<BgpXid> parse(Xid xid) {
    if (xid.getFormatId() != FORMAT_ID) {
      return Optional.empty();
    }
    byte[] g = xid.getGlobalTransactionId();
    byte[] b = xid.getBranchQualifier();
    int name = g.length - 2 * Long.BYTES - 1;
    if (b.length != BQUAL_BYTES || name < 0 || name > MAX_CLUSTER_BYTES || g[name] != '/') {
      return Optional.empty();
    }
    String cluster;
    try {
      cluster = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(g, 0, name)).toString();
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
    ByteBuffer ids = ByteBuffer.wrap(g, name + 1, 2 * Long.BYTES);
    InstanceId instance = InstanceId.of(ids.getLong());
    long txn = ids.getLong();
    int node = ByteBuffer.wrap(b).getInt();
    if (txn < 0 || node < 0) {
      return Optional.empty();
    }
    return Optional.of(new BgpXid(cluster, instance, txn, NodeId.of(node), g.clone()));
  }

  /**
   * The cluster whose transaction this is.
   *
   * @return the cluster's name
   */
  public String cluster() {
    return cluster;
  }

  /**
   * The commit instance the transaction belongs to.
   *
   * @return the instance's id
   */
  public InstanceId instance() {
    return instance;
  }

  /**
   * The transaction's id within its instance.
   *
   * @return the id, 0 or more
   */
  public long txn() {
    return txn;
  }

  /**
   * The participant whose branch this is.
   *
   * @return the participant's node id
   */
  public NodeId branch() {
    return branch;
  }

  @Override
  public int getFormatId() {
    return FORMAT_ID;
  }

  @Override
  public byte[] getGlobalTransactionId() {
    return gtrid.clone();
  }

  @Override
  public byte[] getBranchQualifier() {
    return bqual.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BgpXid x && Arrays.equals(x.gtrid, gtrid) && Arrays.equals(x.bqual, bqual);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(gtrid) * 31 + Arrays.hashCode(bqual);
  }

  @Override
  public String toString() {
    return "bgp branch " + (cluster.isEmpty() ? "" : cluster + "/") + instance + "/" + txn + " at node " + branch;
  }
}
