package io.github.bgp.generals;

/**
 * Which messengers are captured: asked once for each messenger, in the order they set out.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Losses {

  /**
   * Whether messenger {@code messenger} (from 1, in sending order) is captured.
   *
   * @param messenger the messenger's number, from 1
   * @return whether it is captured
   */
  boolean lost(int messenger);
}
