package io.github.bgp.spi;

import io.github.bgp.api.NodeId;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The built-in traitor strategies behind {@link Strategy#FLIP} and its siblings. A protocol may
 * recognise one ({@link #of(Strategy)}) and apply it in bulk to a whole frame of value codes;
 * {@link #applyCode} and {@link #apply} are the single definition every protocol must agree with.
 *
 * <p>On application values (kind {@code BYTES}): flip sends the bitwise complement (the empty
 * value becomes one {@code 0xFF} byte), split sends the one byte {@code 0x01} to odd-numbered
 * recipients and {@code 0x00} to even-numbered ones, and random sends as many bytes as the honest
 * value holds (at least one), drawn from the message's entropy. Each is a value no loyal general
 * need have proposed.
 *
 * @since 0.1.0
 */
public final class Builtin implements Strategy {

  /**
   * Which built-in strategy.
   *
   * @since 0.1.0
   */
  public enum Kind {
    /** {@code honest}: sends what a loyal general would. */
    HONEST,
    /** {@code flip}: sends the opposite of the honest value. */
    FLIP,
    /** {@code split}: one value to odd-numbered recipients, another to even-numbered ones. */
    SPLIT,
    /** {@code silent}: sends nothing. */
    SILENT,
    /** {@code random}: sends a value drawn from the message's entropy. */
    RANDOM
  }

  /** The largest offset {@code random} adds to a numeric honest value. */
  public static final int RANDOM_SPREAD = 100;

  private static final Builtin[] ALL = new Builtin[Kind.values().length];

  static {
    for (Kind k : Kind.values()) {
      ALL[k.ordinal()] = new Builtin(k);
    }
  }

  /** {@link Strategy#HONEST}. */
  public static final Builtin HONEST = ALL[Kind.HONEST.ordinal()];
  /** {@link Strategy#FLIP}. */
  public static final Builtin FLIP = ALL[Kind.FLIP.ordinal()];
  /** {@link Strategy#SPLIT}. */
  public static final Builtin SPLIT = ALL[Kind.SPLIT.ordinal()];
  /** {@link Strategy#SILENT}. */
  public static final Builtin SILENT = ALL[Kind.SILENT.ordinal()];
  /** {@link Strategy#RANDOM}. */
  public static final Builtin RANDOM = ALL[Kind.RANDOM.ordinal()];

  private final Kind kind;

  private Builtin(Kind kind) {
    this.kind = kind;
  }

  /**
   * The built-in strategy of this kind.
   *
   * @param kind which one
   * @return the shared instance (the same object as {@link Strategy#FLIP} and its siblings)
   */
  public static Builtin of(Kind kind) {
    return ALL[kind.ordinal()];
  }

  /**
   * The built-in strategy {@code strategy} is, if it is one, so a protocol can apply it in bulk.
   *
   * @param strategy any strategy
   * @return it as a {@code Builtin}, or empty for a scripted, per-traitor or custom strategy
   */
  public static Optional<Builtin> of(Strategy strategy) {
    return strategy instanceof Builtin b ? Optional.of(b) : Optional.empty();
  }

  /**
   * Whether {@code strategy} is the built-in {@code silent}, so a protocol can skip the traitor's
   * frames altogether.
   *
   * @param strategy any strategy
   * @return {@code true} only for {@link Strategy#SILENT}
   */
  public static boolean isSilent(Strategy strategy) {
    return strategy instanceof Builtin b && b.kind == Kind.SILENT;
  }

  /**
   * All built-in strategies, in declaration order.
   *
   * @return honest, flip, split, silent, random, unmodifiable
   */
  public static List<Builtin> all() {
    return List.of(ALL);
  }

  /**
   * Their names, joined by commas, for error messages.
   *
   * @return {@code "honest, flip, split, silent, random"}
   */
  public static String names() {
    List<String> names = new ArrayList<>();
    for (Builtin b : ALL) {
      names.add(b.name());
    }
    return String.join(", ", names);
  }

  /**
   * Which built-in strategy this is.
   *
   * @return its kind
   */
  public Kind kind() {
    return kind;
  }

  @Override
  public String name() {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public Optional<Value> send(Outgoing m) {
    return kind == Kind.SILENT ? Optional.empty() : Optional.of(apply(m.honest(), m.to(), m.entropy()));
  }

  /**
   * The value this strategy sends given the honest value, the recipient and the message's entropy.
   *
   * @param honest what a loyal general would send
   * @param to the recipient (split looks at whether its index is odd)
   * @param entropy the message's entropy (random draws from it)
   * @return the value to send, of the honest value's kind
   * @throws IllegalStateException for {@code silent}, which sends nothing
   */
  public Value apply(Value honest, NodeId to, long entropy) {
    if (honest.kind() == Value.Kind.BYTES) {
      return applyBytes(honest, to.index(), entropy);
    }
    return Value.of(honest.kind(), applyCode(honest.kind(), honest.code(), to.index(), entropy));
  }

  /**
   * {@link #apply} on value codes, for protocols that keep orders and numbers as codes in flat
   * arrays.
   *
   * @param valueKind {@code ORDER} or {@code NUMBER}
   * @param honest the honest value's code
   * @param to the recipient's index
   * @param entropy the message's entropy
   * @return the code of the value to send: the same as {@code apply(...).code()}
   * @throws IllegalArgumentException for kind {@code BYTES}, which has no codes
   * @throws IllegalStateException for {@code silent}, which sends nothing
   */
  public long applyCode(Value.Kind valueKind, long honest, int to, long entropy) {
    if (valueKind == Value.Kind.BYTES) {
      throw new IllegalArgumentException("byte values have no codes; use apply");
    }
    boolean order = valueKind == Value.Kind.ORDER;
    switch (kind) {
      case HONEST:
        return honest;
      case FLIP:
        return order ? 1 - honest : ~honest;
      case SPLIT:
        if (order) {
          return (to & 1) == 1 ? 1 : 0;
        }
        return saturatingAdd(honest, (to & 1) == 1 ? 1 : -1);
      case RANDOM:
        if (order) {
          return entropy >>> 63;
        }
        return saturatingAdd(honest, Math.floorMod(entropy, 2 * RANDOM_SPREAD + 1) - RANDOM_SPREAD);
      case SILENT:
      default:
        throw new IllegalStateException("the silent strategy sends nothing");
    }
  }

  private Value applyBytes(Value honest, int to, long entropy) {
    byte[] b = honest.bytes();
    switch (kind) {
      case HONEST:
        return honest;
      case FLIP:
        if (b.length == 0) {
          return Value.bytes(new byte[] {(byte) 0xFF});
        }
        for (int i = 0; i < b.length; i++) {
          b[i] = (byte) ~b[i];
        }
        return Value.bytes(b);
      case SPLIT:
        return Value.bytes(new byte[] {(byte) ((to & 1) == 1 ? 1 : 0)});
      case RANDOM:
        byte[] r = new byte[Math.max(1, b.length)];
        long bits = entropy;
        for (int i = 0; i < r.length; i++) {
          if (i % 8 == 0 && i > 0) {
            bits = Entropy.mix(bits);
          }
          r[i] = (byte) (bits >>> (8 * (i % 8)));
        }
        return Value.bytes(r);
      case SILENT:
      default:
        throw new IllegalStateException("the silent strategy sends nothing");
    }
  }

  /** a + b, held at the ends of the long range rather than wrapping around them. */
  private static long saturatingAdd(long a, long b) {
    long sum = a + b;
    if (((a ^ sum) & (b ^ sum)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return sum;
  }

  @Override
  public String toString() {
    return name();
  }
}
