package io.github.bgp.twophase;

import java.util.Locale;

/**
 * Timer tokens of bgp's commit protocols (2pc, 3pc, paxos-commit): a transaction id and what the
 * timer is for, in one long. {@link #PREPARE} and {@link #BACKOFF} belong to the
 * {@link ResourceSide}; each protocol gives the other kinds its own meanings.
 */
public final class Timers {

  /** The coordinator's wait for every vote. */
  public static final int VOTES = 1;
  /** A READY participant asks for the outcome; the coordinator repeats its decision. */
  public static final int RETRY = 2;
  /** A participant's wait for its resource to prepare. */
  public static final int PREPARE = 3;
  /** A participant that acknowledged waits for the coordinator's END, and acknowledges again. */
  public static final int ACK = 4;
  /** A participant's resource call failed: try it again. */
  public static final int BACKOFF = 5;

  /** Transaction ids must stay below this, so a token has room for the kind. */
  public static final long MAX_TXN = 1L << 60;

  /** Free for a protocol's own use (3PC: the pre-commit acknowledgements; Paxos Commit: repeating a decision). */
  public static final int SIXTH = 6;
  /** Free for a protocol's own use (3PC: the termination protocol's collection of states). */
  public static final int SEVENTH = 7;

  private static final String[] NAMES = {"", "vote timeout", "retry", "prepare timeout", "end wait", "resource backoff",
      "timer 6", "timer 7"};

  private Timers() {}

  public static long token(long txn, int kind) {
    return txn << 3 | kind;
  }

  public static long txn(long token) {
    return token >>> 3;
  }

  public static int kind(long token) {
    return (int) (token & 7);
  }

  /** {@code vote timeout, txn 3}: what a timer is for, for traces. */
  public static String describe(long token) {
    return describe(token, NAMES);
  }

  /** What a timer is for, with a protocol's own names for the kinds (index = kind). */
  public static String describe(long token, String[] names) {
    int kind = kind(token);
    String name = kind < names.length && !names[kind].isEmpty() ? names[kind] : "timer " + kind;
    return name.toLowerCase(Locale.ROOT) + ", txn " + txn(token);
  }
}
