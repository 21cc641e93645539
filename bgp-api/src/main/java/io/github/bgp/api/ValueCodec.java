package io.github.bgp.api;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How an application's own type becomes a {@link Value} to agree on, and back: the bytes it
 * writes are what the protocol carries and compares (two values are the same value when their
 * bytes are equal), so an encoding must be canonical.
 *
 * @param <T> the application's type
 * @since 0.1.0
 */
public interface ValueCodec<T> {

  /**
   * The bytes of {@code value}; equal values must give equal bytes.
   *
   * @param value the application's value, not null
   * @return its canonical encoding
   */
  byte[] encode(T value);

  /**
   * The value these bytes hold.
   *
   * @param bytes an encoding, possibly made up by a traitor
   * @return the application's value
   * @throws IllegalArgumentException if they are not an encoding of a {@code T}; a decided value a
   *     traitor made up may be any bytes, so a decoder must check them
   */
  T decode(byte[] bytes);

  /**
   * Wraps a value of the application's type as a {@link Value} of kind {@code BYTES}.
   *
   * @param value the application's value
   * @return a byte value holding its encoding
   * @throws NullPointerException if {@code value} is null
   */
  default Value toValue(T value) {
    return Value.bytes(encode(Objects.requireNonNull(value, "value")));
  }

  /**
   * The application's value a {@code BYTES} value holds.
   *
   * @param value a value of kind {@code BYTES}, such as a decision
   * @return the decoded value
   * @throws IllegalStateException if {@code value} is not a byte value
   * @throws IllegalArgumentException if its bytes are not an encoding of a {@code T}
   */
  default T fromValue(Value value) {
    return decode(value.bytes());
  }

  /**
   * UTF-8 strings: a decoder that rejects malformed input rather than replacing it.
   *
   * @return the codec, stateless and safe to share between threads
   */
  static ValueCodec<String> utf8() {
    return new ValueCodec<>() {
      @Override
      public byte[] encode(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public String decode(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
          return decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
          throw new IllegalArgumentException("not UTF-8: " + bytes.length + " bytes", e);
        }
      }
    };
  }
}
