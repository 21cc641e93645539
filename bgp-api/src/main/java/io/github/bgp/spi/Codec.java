package io.github.bgp.spi;

import io.github.bgp.api.DropReason;
import java.nio.ByteBuffer;

/**
 * A protocol's wire format for its messages.
 *
 * <p>{@code decode(encode(m))} equals {@code m} for every message. Decoding bytes from the
 * network must never trust them: any malformed input is an {@link IllegalArgumentException}
 * that says what is wrong, which the runtime counts as a dropped frame
 * ({@link DropReason#MALFORMED}).
 *
 * @param <M> the protocol's message type
 * @since 0.1.0
 */
public interface Codec<M> {

  /**
   * The bytes of {@code message}, in a new array the caller owns.
   *
   * @param message a message of this protocol
   * @return its encoding
   */
  byte[] encode(M message);

  /**
   * Reads one message from the remaining bytes of {@code bytes}, which must hold exactly one.
   *
   * @param bytes the frame's payload, from the network and not to be trusted
   * @return the message
   * @throws IllegalArgumentException if the bytes are not a well-formed message
   */
  M decode(ByteBuffer bytes);

  /**
   * How many bytes {@link #encode} writes for {@code message}: what a run that hands messages over
   * without encoding them counts as bytes sent. The default encodes; a protocol with large
   * messages says it without.
   *
   * @param message a message of this protocol
   * @return the length of its encoding, in bytes
   */
  default int size(M message) {
    return encode(message).length;
  }
}
