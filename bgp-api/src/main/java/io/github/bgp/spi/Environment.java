package io.github.bgp.spi;

import io.github.bgp.api.InstanceId;
import io.github.bgp.api.KeyRing;
import java.util.Objects;
import java.util.Optional;

/**
 * What a runtime tells a protocol about the world it runs in, beyond the instance's spec: the
 * cluster's name and the instance's id (which signatures, log headers and global transaction ids
 * bind), the length of a synchronous round on the runtime's clock, and, for protocols that sign,
 * the cluster's keys (a simulation may leave them out, and a signing protocol then derives keys
 * from the run's seed, so a run replays).
 *
 * @since 0.1.0
 */
public final class Environment {

  /** The round length the simulator uses, in its virtual time units (messages take 1). */
  public static final long DEFAULT_ROUND_TIMEOUT = 1_000;

  private final String cluster;
  private final InstanceId instance;
  private final long roundTimeout;
  private final KeyRing keys;

  private Environment(Builder b) {
    this.keys = b.keys;
    this.instance = Objects.requireNonNull(b.instance, "instance");
    this.cluster = b.cluster;
    if (b.roundTimeout <= 0) {
      throw new IllegalArgumentException("the round timeout must be positive, got " + b.roundTimeout);
    }
    this.roundTimeout = b.roundTimeout;
  }

  /**
   * Starts an environment for {@code instance}: cluster {@code ""}, the default round length, no keys.
   *
   * @param instance the instance's id; not null (checked by {@link Builder#build()})
   * @return a builder
   */
  public static Builder builder(InstanceId instance) {
    return new Builder(instance);
  }

  /**
   * The name of the cluster the instance runs on, which signatures and global transaction ids bind.
   *
   * @return the name; {@code ""} in a simulation
   */
  public String cluster() {
    return cluster;
  }

  /**
   * The instance this run is.
   *
   * @return its id, which every frame carries
   */
  public InstanceId instance() {
    return instance;
  }

  /**
   * The length of a synchronous round: the deadline of round r is {@code r * roundTimeout()} on
   * the instance's clock.
   *
   * @return the length in the runtime's clock units, positive
   */
  public long roundTimeout() {
    return roundTimeout;
  }

  /**
   * The cluster's keys, if the runtime has them.
   *
   * @return the keys, or empty (a signing protocol then derives keys from the run's seed)
   */
  public Optional<KeyRing> keys() {
    return Optional.ofNullable(keys);
  }

  /**
   * Builds an {@link Environment}.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final InstanceId instance;
    private long roundTimeout = DEFAULT_ROUND_TIMEOUT;
    private KeyRing keys;
    private String cluster = "";

    private Builder(InstanceId instance) {
      this.instance = instance;
    }

    /**
     * The length of a synchronous round; {@link #DEFAULT_ROUND_TIMEOUT} by default.
     *
     * @param roundTimeout the length in the runtime's clock units, positive (checked by {@link #build()})
     * @return this builder
     */
    public Builder roundTimeout(long roundTimeout) {
      this.roundTimeout = roundTimeout;
      return this;
    }

    /**
     * The cluster's name; {@code ""} by default.
     *
     * @param cluster the name from the cluster's configuration
     * @return this builder
     * @throws NullPointerException if {@code cluster} is null
     */
    public Builder cluster(String cluster) {
      this.cluster = Objects.requireNonNull(cluster, "cluster");
      return this;
    }

    /**
     * The cluster's keys; none by default.
     *
     * @param keys every node's public key and the private keys this process holds
     * @return this builder
     * @throws NullPointerException if {@code keys} is null
     */
    public Builder keys(KeyRing keys) {
      this.keys = Objects.requireNonNull(keys, "keys");
      return this;
    }

    /**
     * The environment.
     *
     * @return it, immutable
     * @throws NullPointerException if the instance is null
     * @throws IllegalArgumentException if the round timeout is not positive
     */
    public Environment build() {
      return new Environment(this);
    }
  }
}
