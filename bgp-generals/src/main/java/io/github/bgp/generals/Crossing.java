package io.github.bgp.generals;

import java.util.Objects;

/**
 * One messenger's crossing of the valley.
 *
 * @param messenger its number, from 1, in the order messengers set out
 * @param round the round it was sent in
 * @param message what it carried, from whom (to the other general)
 * @param delivered whether it arrived (false: captured)
 * @since 0.1.0
 */
public record Crossing(int messenger, int round, Message message, boolean delivered) {


  /**
   * Checks its components.
   *
   * @param messenger its number, from 1, in the order messengers set out
   * @param round the round it was sent in
   * @param message what it carried, from whom (to the other general)
   * @param delivered whether it arrived (false: captured)
   */
  public Crossing {
    Objects.requireNonNull(message, "message");
  }
}
