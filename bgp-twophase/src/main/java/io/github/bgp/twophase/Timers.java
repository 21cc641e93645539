package io.github.bgp.twophase;

import java.util.Locale;

/** Timer tokens: a transaction id and what the timer is for, in one long. */
final class Timers {

  /** The coordinator's wait for every vote. */
  static final int VOTES = 1;
  /** A READY participant asks for the outcome; the coordinator repeats its decision. */
  static final int RETRY = 2;
  /** A participant's wait for its resource to prepare. */
  static final int PREPARE = 3;
  /** A participant that acknowledged waits for the coordinator's END, and acknowledges again. */
  static final int ACK = 4;
  /** A participant's resource call failed: try it again. */
  static final int BACKOFF = 5;

  /** Transaction ids must stay below this, so a token has room for the kind. */
  static final long MAX_TXN = 1L << 60;

  private static final String[] NAMES = {"", "vote timeout", "retry", "prepare timeout", "end wait", "resource backoff"};

  private Timers() {}

  static long token(long txn, int kind) {
    return txn << 3 | kind;
  }

  static long txn(long token) {
    return token >>> 3;
  }

  static int kind(long token) {
    return (int) (token & 7);
  }

  /** {@code vote timeout, txn 3}: what a timer is for, for traces. */
  static String describe(long token) {
    int kind = kind(token);
    String name = kind < NAMES.length && !NAMES[kind].isEmpty() ? NAMES[kind] : "timer " + kind;
    return name.toLowerCase(Locale.ROOT) + ", txn " + txn(token);
  }
}
