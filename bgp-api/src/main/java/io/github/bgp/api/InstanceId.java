package io.github.bgp.api;

import io.github.bgp.spi.Entropy;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Names one protocol instance (one run of a protocol). Many instances can share the same
 * nodes and connections; every frame on the wire carries its instance id, and signed
 * payloads bind it so that a signature cannot be replayed into another run.
 *
 * @param value the id's 64 bits, printed as 16 hexadecimal digits
 * @since 0.1.0
 */
public record InstanceId(long value) {

  /**
   * Returns the instance id with this value.
   *
   * @param value any 64 bits
   * @return the id
   */
  public static InstanceId of(long value) {
    return new InstanceId(value);
  }

  private static final SecureRandom FRESH = new SecureRandom();

  /**
   * A fresh instance id, from a cryptographically strong random source: what a live cluster
   * uses, so that no frame or signature of one run is ever accepted in another (ids are never
   * derived from a default seed). 64 random bits: two runs share an id with probability about
   * 2^-64, and a million runs with about 2^-25.
   *
   * @return a fresh id
   */
  public static InstanceId random() {
    return new InstanceId(FRESH.nextLong());
  }

  /**
   * The id of the {@code index}-th sub-instance of this one (interactive consistency runs one
   * agreement per proposer): distinct for distinct indexes, and unrelated to this id's neighbours.
   *
   * @param index the sub-instance's index, from 0
   * @return the sub-instance's id
   * @throws IllegalArgumentException if {@code index} is negative
   */
  public InstanceId derive(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("a sub-instance index is non-negative, got " + index);
    }
    return new InstanceId(Entropy.mix(value ^ Entropy.mix(0x5B1D + (long) index)));
  }

  /**
   * The instance id a simulation derives from its seed, so that a run replays exactly. Never for
   * a live cluster: a run of the same seed would reuse the id.
   *
   * @param seed the simulation's seed
   * @return the same id for the same seed
   */
  public static InstanceId fromSeed(long seed) {
    return new InstanceId(Entropy.mix(seed ^ 0x1D5EED0F1A57A11L));
  }

  /**
   * Parses the 16-digit hexadecimal form that {@link #toString()} prints.
   *
   * @param text 1 to 16 hexadecimal digits, in either case
   * @return the id
   * @throws IllegalArgumentException if {@code text} is not 1 to 16 hexadecimal digits
   */
  public static InstanceId parse(String text) {
    if (text == null || text.isEmpty() || text.length() > 16 || !text.chars().allMatch(HexFormat::isHexDigit)) {
      throw new IllegalArgumentException(
          "not an instance id: '" + text + "' (expected 1 to 16 hexadecimal digits)");
    }
    return new InstanceId(Long.parseUnsignedLong(text, 16));
  }

  @Override
  public String toString() {
    return HexFormat.of().toHexDigits(value);
  }
}
