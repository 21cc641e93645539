package io.github.bgp.generals;

import java.util.ArrayList;
import java.util.List;

/**
 * Which of the first {@code length} messengers, in the order they set out, are captured. With a
 * deterministic protocol the pattern determines the whole run. Written {@code ..x}: one
 * character per messenger, {@code .} arrived and {@code x} captured.
 *
 * @param length how many messengers it decides about (0 to 63)
 * @param lost bit i-1 set iff messenger i is captured
 * @since 0.1.0
 */
public record LossPattern(int length, long lost) implements Losses {

  /** The longest pattern, in messengers (a pattern keeps its losses in the bits of a {@code long}). */
  public static final int MAX_LENGTH = 63;

  /**
   * Checks its components.
   *
   * @param length how many messengers it decides about (0 to 63)
   * @param lost bit i-1 set iff messenger i is captured
   * @throws IllegalArgumentException if {@code length} is outside 0 to {@link #MAX_LENGTH}, or
   *     {@code lost} marks a messenger beyond it
   */
  public LossPattern {
    if (length < 0 || length > MAX_LENGTH) {
      throw new IllegalArgumentException("a loss pattern decides about 0 to " + MAX_LENGTH + " messengers, not " + length);
    }
    if (length < MAX_LENGTH && (lost >>> length) != 0) {
      throw new IllegalArgumentException("messengers beyond the pattern's " + length + " are marked lost");
    }
  }

  /**
   * Every one of {@code length} messengers arrives.
   *
   * @param length how many messengers
   * @return the pattern
   */
  public static LossPattern none(int length) {
    return new LossPattern(length, 0);
  }

  /**
   * Every one of {@code length} messengers is captured.
   *
   * @param length how many messengers
   * @return the pattern
   */
  public static LossPattern all(int length) {
    return new LossPattern(length, length == 0 ? 0 : -1L >>> (64 - length));
  }

  /**
   * {@code length} messengers of which those numbered {@code lost} (from 1) are captured.
   *
   * @param length how many messengers
   * @param lost the numbers of the captured ones, from 1
   * @return the pattern
   * @throws IllegalArgumentException if a number is outside 1 to {@code length}, or {@code length}
   *     is outside 0 to {@link #MAX_LENGTH}
   */
  public static LossPattern of(int length, int... lost) {
    long bits = 0;
    for (int m : lost) {
      if (m < 1 || m > length) {
        throw new IllegalArgumentException("messenger " + m + " is not among the pattern's 1.." + length);
      }
      bits |= 1L << (m - 1);
    }
    return new LossPattern(length, bits);
  }

  /**
   * The pattern written as {@link #toString()} writes it: {@code ..x}.
   *
   * @param text one {@code .} (arrives) or {@code x} (captured) per messenger
   * @return the pattern
   * @throws IllegalArgumentException if {@code text} holds another character or more than
   *     {@link #MAX_LENGTH} of them
   */
  public static LossPattern parse(String text) {
    long bits = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 'x' || c == 'X') {
        bits |= 1L << i;
      } else if (c != '.') {
        throw new IllegalArgumentException("not a loss pattern: '" + text + "' (one . per messenger that arrives,"
            + " one x per messenger captured)");
      }
    }
    return new LossPattern(text.length(), bits);
  }

  /**
   * Whether messenger {@code messenger} (from 1) is captured.
   *
   * @throws IllegalArgumentException if the pattern does not decide about it
   */
  @Override
  public boolean lost(int messenger) {
    if (messenger < 1 || messenger > length) {
      throw new IllegalArgumentException("a loss pattern of " + length + " messengers says nothing about messenger " + messenger);
    }
    return (lost >>> (messenger - 1) & 1) != 0;
  }

  /**
   * How many are captured.
   *
   * @return the number captured
   */
  public int lostCount() {
    return Long.bitCount(lost);
  }

  /**
   * The captured messengers' numbers, ascending.
   *
   * @return the numbers, from 1
   */
  public List<Integer> lostMessengers() {
    List<Integer> out = new ArrayList<>();
    for (int i = 1; i <= length; i++) {
      if (lost(i)) {
        out.add(i);
      }
    }
    return out;
  }

  /**
   * The pattern of the first {@code n} messengers only.
   *
   * @param n how many messengers to keep
   * @return the shorter pattern
   * @throws IllegalArgumentException if {@code n} is negative or longer than this pattern
   */
  public LossPattern prefix(int n) {
    if (n < 0 || n > length) {
      throw new IllegalArgumentException("a prefix of " + n + " messengers of a pattern of " + length);
    }
    return new LossPattern(n, n == 0 ? 0 : lost & (-1L >>> (64 - n)));
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(length);
    for (int i = 1; i <= length; i++) {
      b.append(lost(i) ? 'x' : '.');
    }
    return b.toString();
  }
}
