package io.github.bgp.twophase.internal;

import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.NodeId;
import io.github.bgp.spi.Codec;
import io.github.bgp.spi.Setup;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * What the setups of bgp's commit protocols share: the codec, the timers' and the records' names
 * ({@code READY txn 3}, or a damaged record named as such). Each protocol says which node is which
 * ({@link #node}) and how its messages read ({@link #describe}). Not API: the package is not
 * exported.
 *
 * @param <M> the protocol's messages
 * @since 0.1.0
 */
public abstract class CommitSetup<M> implements Setup<M> {

  private final Codec<M> codec;
  private final LongFunction<String> timers;
  private final Function<byte[], CommitRecord> decode;
  private final Function<CommitRecord, String> describe;

  /**
   * A setup of one instance.
   *
   * @param codec the protocol's wire format
   * @param timers the protocol's names for its timers ({@code Timers::describe}, or with its own names)
   * @param decode the protocol's record decoder
   * @param describe the protocol's name for a record
   */
  protected CommitSetup(Codec<M> codec, LongFunction<String> timers, Function<byte[], CommitRecord> decode,
      Function<CommitRecord, String> describe) {
    this.codec = Objects.requireNonNull(codec, "codec");
    this.timers = Objects.requireNonNull(timers, "timers");
    this.decode = Objects.requireNonNull(decode, "decode");
    this.describe = Objects.requireNonNull(describe, "describe");
  }

  /**
   * Checks that {@code id}, not the coordinator, is one of the instance's participants.
   *
   * @param spec the instance's commit spec
   * @param id the node
   * @return {@code id}
   * @throws IllegalArgumentException if it is past the last participant
   */
  public static NodeId participant(CommitSpec spec, NodeId id) {
    if (id.index() > spec.participants()) {
      throw new IllegalArgumentException(id + " is neither the coordinator (0) nor one of the " + spec.participants()
          + " participants");
    }
    return id;
  }

  @Override
  public final Codec<M> codec() {
    return codec;
  }

  @Override
  public final String describeTimer(long token) {
    return timers.apply(token);
  }

  @Override
  public final String describeRecord(byte[] record) {
    return CommitLogs.describeRecord(record, decode, describe);
  }
}
