package io.github.bgp.bank;

import io.github.bgp.xa.BankAccounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One money transfer of the bank run: {@code amount} from the account {@code from} (at one bank)
 * to {@code to} (at the other), as transaction {@code id}. Written on the command line of a bank
 * node as {@code id:from:to:amount}, comma-separated.
 */
record Transfer(long id, String from, String to, long amount) {

  Transfer {
    if (id < 1) {
      throw new IllegalArgumentException("a transfer's id is at least 1, got " + id);
    }
    if (amount <= 0) {
      throw new IllegalArgumentException("transfer " + id + " moves a positive amount, got " + amount);
    }
    if (from.equals(to)) {
      throw new IllegalArgumentException("transfer " + id + " moves money from '" + from + "' to itself");
    }
  }

  /** The transaction's payload, as {@link BankAccounts#TRANSFER} reads it: {@code from:-amount,to:+amount}. */
  byte[] payload() {
    return BankAccounts.payload(Map.of(from, -amount, to, amount));
  }

  /** {@code id:from:to:amount}. */
  String word() {
    return id + ":" + from + ":" + to + ":" + amount;
  }

  /** Every transfer of {@code words} ({@code id:from:to:amount}, comma-separated). */
  static List<Transfer> parse(String words) {
    List<Transfer> transfers = new ArrayList<>();
    for (String w : words.split(",", -1)) {
      String[] parts = w.split(":", -1);
      if (parts.length != 4) {
        throw new IllegalArgumentException("not a transfer (id:from:to:amount): '" + w + "'");
      }
      try {
        transfers.add(new Transfer(Long.parseLong(parts[0]), parts[1], parts[2], Long.parseLong(parts[3])));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a transfer (id:from:to:amount, numbers for id and amount): '" + w
            + "'", e);
      }
    }
    return transfers;
  }

  /** {@code transfers} as {@link #parse} reads them. */
  static String words(List<Transfer> transfers) {
    return String.join(",", transfers.stream().map(Transfer::word).toList());
  }
}
