package io.github.bgp.twophase.internal;

import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * What the logs of a commit instance show, read the way every commit protocol of bgp reads them
 * ({@link CommitProtocol#outcome}): each participant's state and vote of each transaction from
 * its four records (READY, VOTED, OUTCOME; a second, different outcome counted as
 * {@code log.contradictions}), every transaction any log names, and the outcome assembled from
 * them with the decisions the protocol finds; which transactions are blocked (a participant
 * uncertain or silent about one that was begun), with the protocol's explanation. Where the
 * decision comes from (the coordinator, a backup, any leader) and how blocking is explained stay in
 * each protocol. Also the providers' small common parts: a record's milestone, a log described by
 * transaction. Not API: the package is not exported.
 *
 * @since 0.1.0
 */
public final class CommitLogs {

  /**
   * Why a transaction is undecided somewhere at the end, as one protocol explains it.
   *
   * @since 0.1.0
   */
  @FunctionalInterface
  public interface Blocked {
    /**
     * Explains a transaction that some participant has not seen through: one is uncertain
     * (READY) or logged nothing (INIT), and the transaction was begun (a decision, or a record at
     * some participant).
     *
     * @param decision the decision the logs hold, if any
     * @param uncertain the participants that voted COMMIT and never learned the outcome, in order
     * @param silent the participants that logged nothing for it, in order
     * @return why it is blocked, for people
     */
    String why(Optional<Verdict> decision, List<NodeId> uncertain, List<NodeId> silent);
  }

  private final CommitSpec spec;
  private final Function<byte[], CommitRecord> decode;
  private final SortedMap<String, Long> counted = new TreeMap<>();
  private final TreeSet<Long> ids;
  private final Map<NodeId, Map<Long, CommitOutcome.State>> states = new TreeMap<>();
  private final Map<NodeId, Map<Long, Vote>> votes = new TreeMap<>();

  /**
   * Starts reading the logs of an instance.
   *
   * @param spec the instance's commit spec
   * @param decode the protocol's record decoder
   * @param expected the transactions the run was given, whether or not a log names them
   */
  public CommitLogs(CommitSpec spec, Function<byte[], CommitRecord> decode, Set<Long> expected) {
    this.spec = spec;
    this.decode = decode;
    this.ids = new TreeSet<>(expected);
  }

  /**
   * Counts one of something the logs show ({@code log.contradictions}, {@code decisions.split}).
   *
   * @param counter the counter's name
   */
  public void count(String counter) {
    counted.merge(counter, 1L, Long::sum);
  }

  /**
   * A transaction a log names.
   *
   * @param txn its id
   */
  public void saw(long txn) {
    ids.add(txn);
  }

  /**
   * Reads a log.
   *
   * @param log the log's records
   * @return them, decoded
   */
  public List<CommitRecord> records(List<byte[]> log) {
    return records(log, decode);
  }

  /**
   * Reads every participant's log: each record's transaction is seen, READY, VOTED and OUTCOME
   * give its state and vote, and any other record goes to {@code other}.
   *
   * @param logs every node's log
   * @param other what the protocol reads from a participant's other records (3PC: a backup's decision)
   */
  public void participants(Map<NodeId, List<byte[]>> logs, BiConsumer<NodeId, CommitRecord> other) {
    for (NodeId p : spec.participantIds()) {
      Map<Long, CommitOutcome.State> byTxn = new TreeMap<>();
      Map<Long, Vote> cast = new TreeMap<>();
      for (CommitRecord r : records(logs.getOrDefault(p, List.of()))) {
        ids.add(r.txn());
        CommitOutcome.State s = byTxn.get(r.txn());
        if (r instanceof CommitRecord.Ready) {
          byTxn.putIfAbsent(r.txn(), CommitOutcome.State.READY);
          cast.putIfAbsent(r.txn(), Vote.COMMIT);
        } else if (r instanceof CommitRecord.Voted v) {
          byTxn.putIfAbsent(r.txn(), v.vote() == Vote.ABORT ? CommitOutcome.State.ABORT
              : CommitOutcome.State.READ_ONLY);
          cast.putIfAbsent(r.txn(), v.vote());
        } else if (r instanceof CommitRecord.Outcome o) {
          CommitOutcome.State logged = o.outcome() == Verdict.COMMIT ? CommitOutcome.State.COMMIT
              : CommitOutcome.State.ABORT;
          if (s == null || s == CommitOutcome.State.READY) {
            byTxn.put(r.txn(), logged);
          } else if (s != logged) {
            count("log.contradictions");
          }
        } else {
          other.accept(p, r);
        }
      }
      states.put(p, byTxn);
      votes.put(p, cast);
    }
  }

  /**
   * The outcome: every transaction seen, with its decision, each participant's state (INIT where
   * it logged nothing) and vote, and why it is blocked, if it is.
   *
   * @param protocol the protocol's name
   * @param decisions the decisions the protocol found, by transaction
   * @param blocked why a transaction is blocked, as the protocol explains it
   * @return the outcome
   */
  public CommitOutcome outcome(String protocol, Map<Long, Verdict> decisions, Blocked blocked) {
    SortedMap<Long, CommitOutcome.Txn> txns = new TreeMap<>();
    for (long id : ids) {
      SortedMap<NodeId, CommitOutcome.State> byNode = new TreeMap<>();
      SortedMap<NodeId, Vote> castBy = new TreeMap<>();
      for (NodeId p : spec.participantIds()) {
        byNode.put(p, states.get(p).getOrDefault(id, CommitOutcome.State.INIT));
        Vote v = votes.get(p).get(id);
        if (v != null) {
          castBy.put(p, v);
        }
      }
      Optional<Verdict> decision = Optional.ofNullable(decisions.get(id));
      txns.put(id, new CommitOutcome.Txn(id, decision, byNode, castBy, blocked(decision, byNode, blocked)));
    }
    return CommitOutcome.fromLogs(protocol, spec, txns, counted);
  }

  /**
   * A transaction is blocked if a participant is uncertain (READY) or logged nothing (INIT), unless
   * it was never begun: no decision and nothing logged anywhere, so it is aborted by presumption.
   */
  private static Optional<String> blocked(Optional<Verdict> decision, SortedMap<NodeId, CommitOutcome.State> states,
      Blocked blocked) {
    List<NodeId> uncertain = new ArrayList<>();
    List<NodeId> silent = new ArrayList<>();
    states.forEach((p, s) -> {
      if (s == CommitOutcome.State.READY) {
        uncertain.add(p);
      } else if (s == CommitOutcome.State.INIT) {
        silent.add(p);
      }
    });
    if (uncertain.isEmpty() && silent.isEmpty()) {
      return Optional.empty();
    }
    if (decision.isEmpty() && uncertain.isEmpty() && silent.size() == states.size()) {
      return Optional.empty(); // never begun: nobody logged anything, so it is aborted by presumption
    }
    return Optional.of(blocked.why(decision, uncertain, silent));
  }

  /**
   * The participants named, for an explanation: {@code 1, 2}.
   *
   * @param ids the participants
   * @return their ids, comma-separated
   */
  public static String names(List<NodeId> ids) {
    List<String> names = new ArrayList<>();
    ids.forEach(id -> names.add(id.toString()));
    return String.join(", ", names);
  }

  /**
   * Reads a log.
   *
   * @param log the log's records
   * @param decode the protocol's record decoder
   * @return them, decoded
   */
  public static List<CommitRecord> records(List<byte[]> log, Function<byte[], CommitRecord> decode) {
    List<CommitRecord> records = new ArrayList<>();
    for (byte[] bytes : log) {
      records.add(decode.apply(bytes));
    }
    return records;
  }

  /**
   * The milestone a record is, the same in every commit protocol: DECIDED is the decision, READY
   * and VOTED the vote.
   *
   * @param r the record
   * @return its milestone, or empty
   */
  public static Optional<CommitProtocol.Milestone> milestone(CommitRecord r) {
    if (r instanceof CommitRecord.Decided) {
      return Optional.of(CommitProtocol.Milestone.DECISION);
    }
    if (r instanceof CommitRecord.Ready || r instanceof CommitRecord.Voted) {
      return Optional.of(CommitProtocol.Milestone.VOTE);
    }
    return Optional.empty();
  }

  /**
   * A log described by transaction, in the order the transactions first appear.
   *
   * @param log the log's records
   * @param decode the protocol's record decoder
   * @param describe the protocol's name for a record
   * @return each transaction's records, described
   */
  public static Map<Long, List<String>> describe(List<byte[]> log, Function<byte[], CommitRecord> decode,
      Function<CommitRecord, String> describe) {
    Map<Long, List<String>> byTxn = new LinkedHashMap<>();
    for (CommitRecord r : records(log, decode)) {
      byTxn.computeIfAbsent(r.txn(), k -> new ArrayList<>()).add(describe.apply(r));
    }
    return byTxn;
  }

  /**
   * One record described with its transaction ({@code READY txn 3}), or as damaged.
   *
   * @param record the record's bytes
   * @param decode the protocol's record decoder
   * @param describe the protocol's name for a record
   * @return the description
   */
  public static String describeRecord(byte[] record, Function<byte[], CommitRecord> decode,
      Function<CommitRecord, String> describe) {
    try {
      CommitRecord r = decode.apply(record);
      return describe.apply(r) + " txn " + r.txn();
    } catch (IllegalArgumentException e) {
      return "a damaged record (" + e.getMessage() + ")";
    }
  }
}
