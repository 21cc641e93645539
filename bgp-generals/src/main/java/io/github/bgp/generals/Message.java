package io.github.bgp.generals;

import java.util.Objects;

/**
 * What one messenger carries across the valley.
 *
 * @param from the general who sends it (it goes to {@link #to()}, the other one)
 * @param text what it says, as the timeline shows it: {@code attack at dawn}, {@code ack 2}
 * @param number a protocol-defined tag a receiver may read (the position in a chain, a try),
 *     so that protocols need not parse {@code text}
 * @since 0.1.0
 */
public record Message(General from, String text, int number) {


  /**
   * Checks its components.
   *
   * @param from the general who sends it (it goes to {@link #to()}, the other one)
   * @param text what it says, as the timeline shows it: {@code attack at dawn}, {@code ack 2}
   * @param number a protocol-defined tag a receiver may read (the position in a chain, a try),
   *     so that protocols need not parse {@code text}
   * @throws IllegalArgumentException if {@code text} is blank
   * @throws NullPointerException if {@code from} or {@code text} is null
   */
  public Message {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("a message says something: its text is blank");
    }
  }

  /**
   * The general it is sent to.
   *
   * @return the receiver
   */
  public General to() {
    return from.other();
  }
}
