package io.github.bgp.generals;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in protocols, each a family with a parameter k (at least 1).
 *
 * @since 0.1.0
 */
public enum Family {

  /** {@link Messengers messengers(k)}: A sends k messengers and attacks; B attacks iff one arrives. */
  MESSENGERS("messengers", "p^k",
      "A, resolved to attack, sends k messengers \"attack at dawn\" and attacks; B attacks iff at least one arrives."),

  /** {@link Acks acks(k)}: a chain of k messages, each an acknowledgement of the one before. */
  ACKS("acks", "(1-p)^(k-1)*p",
      "A handshake of k messages alternating A to B, B to A, ...: \"attack at dawn\", \"ack 1\", \"ack 2\", ...,"
          + " each sent only when the one before arrived; a general attacks iff it received every message"
          + " of the chain addressed to it."),

  /** {@link Retries retries(k)}: A retries up to k times until acknowledged; B acknowledges every try. */
  RETRIES("retries", "(2p-p^2)^k - p^k",
      "A sends \"attack at dawn\" up to k times, every other round, until an acknowledgement comes back;"
          + " B acknowledges every try that arrives. A attacks iff acknowledged, B iff a try arrived.");

  private static final Pattern NAME = Pattern.compile("([a-z]+)\\((\\d{1,9})\\)");

  private final String id;
  private final String formula;
  private final String description;

  Family(String id, String formula, String description) {
    this.id = id;
    this.formula = formula;
    this.description = description;
  }

  /**
   * The family's name: {@code messengers}, {@code acks} or {@code retries}.
   *
   * @return the name
   */
  public String id() {
    return id;
  }

  /**
   * What its protocols do, in one sentence or two.
   *
   * @return the description
   */
  public String description() {
    return description;
  }

  /**
   * The probability of disagreement as a formula in p (each messenger's loss rate) and k.
   *
   * @return the formula, as text
   */
  public String formula() {
    return formula;
  }

  /**
   * Its protocol with parameter {@code k}.
   *
   * @param k the parameter, at least 1
   * @return the protocol
   * @throws IllegalArgumentException if {@code k} is less than 1
   */
  public FamilyProtocol protocol(int k) {
    switch (this) {
      case MESSENGERS:
        return new Messengers(k);
      case ACKS:
        return new Acks(k);
      default:
        return new Retries(k);
    }
  }

  /**
   * The most messengers its protocol with parameter {@code k} sends.
   *
   * @param k the parameter, at least 1
   * @return the most messengers
   */
  public int maxMessengers(int k) {
    return protocol(k).maxMessengers();
  }

  /**
   * The largest k whose protocol {@link Search} can search exhaustively.
   *
   * @return the largest k
   */
  public int largestSearchableK() {
    return this == RETRIES ? Search.MAX_MESSENGERS / 2 : Search.MAX_MESSENGERS;
  }

  /**
   * The exact probability that exactly one general attacks, when every messenger is captured
   * independently with probability {@code p}: {@link #formula()}. It is positive for every k
   * when 0 &lt; p &lt; 1; more messengers shrink it (for retries only eventually), none make it zero.
   *
   * @param k the parameter, at least 1
   * @param p each messenger's loss rate, in [0, 1]
   * @return the probability of disagreement
   * @throws IllegalArgumentException if {@code k} is less than 1 or {@code p} is outside [0, 1]
   */
  public double exactDisagreement(int k, double p) {
    checkK(k);
    checkRate(p);
    switch (this) {
      case MESSENGERS:
        return Math.pow(p, k);
      case ACKS:
        return Math.pow(1 - p, k - 1) * p;
      default:
        return Math.pow(2 * p - p * p, k) - Math.pow(p, k);
    }
  }

  /**
   * The family called {@code id} (any case).
   *
   * @param id the family's name
   * @return the family
   * @throws IllegalArgumentException if no family has that name, listing the names
   */
  public static Family parse(String id) {
    String lower = id.strip().toLowerCase(Locale.ROOT);
    for (Family f : values()) {
      if (f.id.equals(lower)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown protocol family '" + id + "' (expected messengers, acks or retries)");
  }

  /**
   * The protocol named {@code name}, as {@link MessengerProtocol#name()} writes it: {@code acks(4)}.
   *
   * @param name the protocol's name with its parameter
   * @return the protocol
   * @throws IllegalArgumentException if {@code name} is not a family's name and a k of at least 1
   */
  public static FamilyProtocol parseProtocol(String name) {
    Matcher m = NAME.matcher(name.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("not a protocol name: '" + name + "' (expected e.g. messengers(3), acks(4), retries(2))");
    }
    return parse(m.group(1)).protocol(Integer.parseInt(m.group(2)));
  }

  static void checkK(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
  }

  static void checkRate(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("a loss rate is a probability, from 0 to 1; got " + p);
    }
  }
}
