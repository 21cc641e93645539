package io.github.bgp.api;

import java.util.HexFormat;

/**
 * Names one agreement instance (one run of a protocol). Many instances can share the same
 * nodes and connections; every frame on the wire carries its instance id, and signed
 * payloads bind it so that a signature cannot be replayed into another run.
 */
public record InstanceId(long value) {

  /** Returns the instance id with this value. */
  public static InstanceId of(long value) {
    return new InstanceId(value);
  }

  /** The instance id a simulation derives from its seed, so that a run replays exactly. */
  public static InstanceId fromSeed(long seed) {
    return new InstanceId(Entropy.mix(seed ^ 0x1D5EED0F1A57A11L));
  }

  /**
   * Parses the 16-digit hexadecimal form that {@link #toString()} prints.
   *
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
