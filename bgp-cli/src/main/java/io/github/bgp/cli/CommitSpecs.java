package io.github.bgp.cli;

import io.github.bgp.api.NodeId;
import io.github.bgp.api.Verdict;
import io.github.bgp.sim.Faults;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The little languages of {@code bgp 2pc}'s options: a crash ({@code --crash 0:6:after:100}) and a
 * transaction's votes ({@code --votes 2:cac}, {@code --votes 2:abort@1+3}). Each parser throws
 * an {@link IllegalArgumentException} whose message starts with the option and the spec and
 * names the part that is wrong.
 */
final class CommitSpecs {

  /** How long a crashed node stays down when its --crash spec does not say. */
  static final long DEFAULT_DOWNTIME = 50;

  static final String CRASH_FORM = "NODE:STEP:before|after[:DOWNTIME|never]";
  static final String VOTES_FORM = "TXN:VOTES (one letter per participant, c or a) or TXN:abort@P[+P...]";

  private CommitSpecs() {}

  /** One transaction's votes, participant 1's first. */
  record Votes(long txn, List<Verdict> votes) {
    Votes {
      votes = List.copyOf(votes);
    }
  }

  /**
   * A crash of one of {@code nodes} nodes (0 the coordinator, 1.. the participants):
   * {@code NODE:STEP:before|after[:DOWNTIME|never]}. DOWNTIME defaults to {@value #DEFAULT_DOWNTIME}.
   */
  /** Whether a --crash names a point ({@code NODE:after-decision...}) rather than a step. */
  static boolean named(String spec) {
    String[] part = spec.split(":", -1);
    return part.length >= 2 && part[1].strip().toLowerCase(Locale.ROOT).startsWith("after-");
  }

  static Faults.Crash crash(String spec, int nodes) {
    String[] part = spec.split(":", -1);
    String head = "--crash " + spec + ": ";
    if (part.length < 3 || part.length > 4) {
      throw new IllegalArgumentException(head + "expected " + CRASH_FORM + ", e.g. 0:5:after:100 (node 0 crashes just"
          + " after its step 5 and restarts 100 later)");
    }
    int node;
    try {
      node = Integer.parseInt(part[0]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(head + "node '" + part[0] + "' is not a node id (" + nodeRange(nodes) + ")");
    }
    if (node < 0 || node >= nodes) {
      throw new IllegalArgumentException(head + "node " + node + " is not in this run (" + nodeRange(nodes) + ")");
    }
    int step;
    try {
      step = Integer.parseInt(part[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(head + "step '" + part[1] + "' is not a number (a node's steps count from 1:"
          + " each force of its log and each message it sends)");
    }
    if (step < 1) {
      throw new IllegalArgumentException(head + "step " + step + ": steps count from 1");
    }
    boolean after;
    switch (part[2].toLowerCase(Locale.ROOT)) {
      case "after":
        after = true;
        break;
      case "before":
        after = false;
        break;
      default:
        throw new IllegalArgumentException(head + "'" + part[2] + "' is neither before nor after (whether the node"
            + " crashes just before its step or just after it)");
    }
    long down = DEFAULT_DOWNTIME;
    if (part.length == 4) {
      String d = part[3].toLowerCase(Locale.ROOT);
      if (d.equals("never")) {
        down = -1;
      } else {
        try {
          down = Long.parseLong(d);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(head + "downtime '" + part[3] + "' is neither a number of time units nor"
              + " never");
        }
        if (down < 1 || down > CommitCommand.MAX_TIME) {
          throw new IllegalArgumentException(head + "downtime " + down + " must be from 1 to "
              + CommitCommand.MAX_TIME + " (or never, to stay down)");
        }
      }
    }
    return new Faults.Crash(NodeId.of(node), step, after, down);
  }

  /** {@code 0 is the coordinator, 1..3 the participants}. */
  static String nodeRange(int nodes) {
    return "0 is the coordinator, " + (nodes == 2 ? "1 the participant" : "1.." + (nodes - 1) + " the participants");
  }

  /**
   * One transaction's votes among transactions {@code 1..transactions}:
   * {@code TXN:VOTES} with one letter per participant ({@code c} or {@code a}, participant 1's
   * first), or {@code TXN:abort@P[+P...]} (these participants vote ABORT, the others COMMIT).
   */
  static Votes votes(String spec, int participants, int transactions) {
    String head = "--votes " + spec + ": ";
    int colon = spec.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(head + "expected " + VOTES_FORM + ", e.g. 2:cac or 2:abort@3");
    }
    long txn;
    try {
      txn = Long.parseLong(spec.substring(0, colon));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(head + "transaction '" + spec.substring(0, colon) + "' is not a number");
    }
    if (txn < 1 || txn > transactions) {
      throw new IllegalArgumentException(head + "there is no transaction " + txn + " (the transactions are "
          + (transactions == 1 ? "1" : "1.." + transactions) + ")");
    }
    String votes = spec.substring(colon + 1);
    String lower = votes.toLowerCase(Locale.ROOT);
    if (lower.startsWith("abort@")) {
      List<Verdict> all = new ArrayList<>(Collections.nCopies(participants, Verdict.COMMIT));
      String list = votes.substring("abort@".length());
      for (String p : list.split("\\+", -1)) {
        int id;
        try {
          id = Integer.parseInt(p);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(head + "participant '" + p + "' is not a number (list participants as"
              + " 1+3)");
        }
        if (id < 1 || id > participants) {
          throw new IllegalArgumentException(head + "there is no participant " + id + " (the participants are "
              + (participants == 1 ? "1" : "1.." + participants) + ")");
        }
        all.set(id - 1, Verdict.ABORT);
      }
      return new Votes(txn, all);
    }
    if (lower.length() != participants) {
      throw new IllegalArgumentException(head + "'" + votes + "' has " + lower.length() + " votes for " + participants
          + (participants == 1 ? " participant" : " participants") + " (one letter per participant, c or a)");
    }
    List<Verdict> all = new ArrayList<>();
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (c == 'c') {
        all.add(Verdict.COMMIT);
      } else if (c == 'a') {
        all.add(Verdict.ABORT);
      } else {
        throw new IllegalArgumentException(head + "'" + votes.charAt(i) + "' (participant " + (i + 1) + ") is neither"
            + " c (COMMIT) nor a (ABORT)");
      }
    }
    return new Votes(txn, all);
  }

  /** {@code 0:6:after:100}: a crash as its spec, so that a run's faults can be given again. */
  static String spec(Faults.Crash c) {
    return c.node() + ":" + c.step() + ":" + (c.after() ? "after" : "before") + ":"
        + (c.forGood() ? "never" : Long.toString(c.downFor()));
  }
}
