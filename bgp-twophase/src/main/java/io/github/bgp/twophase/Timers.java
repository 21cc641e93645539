package io.github.bgp.twophase;

/** Timer tokens: a transaction id and what the timer is for, in one long. */
final class Timers {

  static final int START = 0;
  static final int VOTES = 1;
  static final int RETRY = 2;
  static final int REQUEST = 3;

  /** Transaction ids must stay below this, so a token has room for the kind. */
  static final long MAX_TXN = 1L << 60;

  private Timers() {}

  static long token(long txn, int kind) {
    return txn << 2 | kind;
  }

  static long txn(long token) {
    return token >>> 2;
  }

  static int kind(long token) {
    return (int) (token & 3);
  }
}
