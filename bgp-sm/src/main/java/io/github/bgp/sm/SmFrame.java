package io.github.bgp.sm;

import java.util.List;

/**
 * What one general sends another in one round of SM(m): the signed values it relays (possibly
 * none: a loyal lieutenant sends an empty frame rather than nothing, so that only silence has
 * to wait for the round's deadline).
 */
record SmFrame(List<SignedValue> messages) {

  SmFrame {
    messages = List.copyOf(messages);
  }

  static final SmFrame EMPTY = new SmFrame(List.of());
}
