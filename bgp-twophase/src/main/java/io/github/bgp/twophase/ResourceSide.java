package io.github.bgp.twophase;

import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Vote;
import io.github.bgp.spi.Call;
import io.github.bgp.spi.Input;
import io.github.bgp.spi.Node;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongPredicate;

/**
 * A participant's side of its resource, the same in every commit protocol of bgp (2pc, 3pc,
 * paxos-commit): the participant reaches its resource only through {@link Node.Context#call},
 * which the runtime carries out off the node's thread and answers with an {@link Input.Answer}.
 *
 * <ul>
 *   <li>{@link #prepare}: asks the resource to prepare, and waits at most the spec's
 *       {@code request} timeout: a prepare that fails, or does not answer in time, is a vote to
 *       ABORT ({@link Prepared}); a "prepared" that comes after the participant stopped waiting
 *       ({@link #stopPreparing}: it timed out, or learnt ABORT) is undone with an abort;
 *   <li>{@link #commit}, {@link #abort}: a call that fails is made again after a backoff that
 *       doubles from the retry interval up to 16 of them ({@code resource.retries}); a heuristic
 *       outcome is counted and noted, never retried;
 *   <li>{@link #start}, {@link #recover}: asks the resource what it holds in doubt, and aborts what
 *       the protocol's log never voted on, whether the participant starts on an empty log or
 *       recovers from its records: it crashed between the resource's prepare and the force of its
 *       vote, or it was started on a new log beside a store that still holds prepared branches of
 *       its instance. A branch the log does not show voted COMMIT was never promised to the
 *       coordinator, which cannot have committed without that vote: it is rolled back (presumed
 *       abort). A prepare asked for before the resource's answer waits for it, so that such a
 *       branch is rolled back before its id is prepared afresh.
 * </ul>
 *
 * The protocol hands this side every {@link Input.Answer} and every timer token of kind
 * {@link Timers#PREPARE} or {@link Timers#BACKOFF} ({@link #owns}), and gets back the votes its
 * resource came to.
 *
 * @since 0.1.0
 */
public final class ResourceSide {

  /**
   * What a prepare came to: the vote to cast and why. The participant casts it as its vote on the
   * transaction, as its protocol does.
   *
   * @param transaction the transaction prepared
   * @param vote the vote: the resource's own if it answered in time, ABORT if the prepare failed or
   *     timed out
   * @param why a reason for people, which a traced participant notes with its change of state:
   *     {@code "resource voted "} and its vote, {@code "prepare failed: "} and the resource's message, or
   *     {@code "prepare timeout"}
   * @since 0.1.0
   */
  public record Prepared(Transaction transaction, Vote vote, String why) {}

  private final CommitSpec spec;
  private final String cluster;
  private final InstanceId instance;
  private final Map<Long, Transaction> transactions = new TreeMap<>();
  private final Set<Long> preparing = new TreeSet<>();
  /**
   * Whether the resource's in-doubt list is awaited: a prepare asked for meanwhile waits for it
   * ({@link #deferred}), so that a branch an earlier run left prepared under the same id is rolled
   * back before the id is prepared again, rather than taken for this run's prepare.
   */
  private boolean listing;
  /** Prepares the participant asked for while the in-doubt list was awaited, not yet made. */
  private final Set<Long> deferred = new TreeSet<>();
  /** A call that failed and waits for its backoff, by transaction. */
  private final Map<Long, Call> retrying = new TreeMap<>();

  /**
   * The resource side of a participant of an instance of {@code instance} on cluster {@code cluster}.
   *
   * @param spec what every node of the instance knows: participants, timeouts
   * @param cluster the cluster's name, which transactions' global ids carry
   * @param instance the commit instance
   */
  public ResourceSide(CommitSpec spec, String cluster, InstanceId instance) {
    this.spec = spec;
    this.cluster = cluster;
    this.instance = instance;
  }

  /**
   * Checks that a transaction can be carried by bgp's commit protocols.
   *
   * @param t the transaction
   * @throws IllegalArgumentException if its id or payload is too large
   */
  public static void check(Transaction t) {
    TpcCommit.check(t);
  }

  /**
   * The largest payload a transaction may carry, in bytes.
   *
   * @return the limit in bytes
   */
  public static int maxPayload() {
    return TpcCodec.MAX_PAYLOAD;
  }

  /**
   * Whether a timer token is this side's to handle.
   *
   * @param token a timer token (see {@link Timers#token})
   * @return whether its kind is {@link Timers#PREPARE} or {@link Timers#BACKOFF}
   */
  public static boolean owns(long token) {
    int kind = Timers.kind(token);
    return kind == Timers.PREPARE || kind == Timers.BACKOFF;
  }

  /**
   * Remembers {@code t} as a transaction of this instance (its global id bound to the cluster and instance).
   *
   * @param t the transaction as submitted
   * @return the transaction bound to this instance's cluster and instance
   */
  public Transaction remember(Transaction t) {
    Transaction bound = t.in(cluster, instance);
    transactions.put(t.id(), bound);
    return bound;
  }

  /**
   * The transaction with this id, as remembered (or without a payload, if it never was).
   *
   * @param id the transaction's id
   * @return the transaction
   */
  public Transaction transaction(long id) {
    Transaction t = transactions.get(id);
    return t != null ? t : new Transaction(id, new byte[0]).in(cluster, instance);
  }

  /**
   * Asks the resource to prepare {@code t}, waiting at most the request timeout for its vote. While
   * the answer to {@link #start}'s or {@link #recover}'s in-doubt question is awaited, the call
   * waits for it: a branch of the same id that an earlier run left prepared is rolled back first.
   *
   * @param t the transaction
   * @param ctx the participant's context, which makes the call and sets the timer
   */
  public void prepare(Transaction t, Node.Context<?> ctx) {
    Transaction bound = remember(t);
    preparing.add(t.id());
    if (listing) {
      deferred.add(t.id()); // made once the in-doubt list is in (the timeout runs from now all the same)
    } else {
      ctx.call(Call.prepare(bound));
    }
    ctx.setTimer(ctx.now() + spec.timeouts().request(), Timers.token(t.id(), Timers.PREPARE));
  }

  /**
   * Whether the resource is preparing {@code id} and the participant still waits for its vote.
   *
   * @param id the transaction's id
   * @return whether its prepare is outstanding
   */
  public boolean preparing(long id) {
    return preparing.contains(id);
  }

  /**
   * The participant no longer waits for the prepare of {@code id}: a late "prepared" will be undone.
   *
   * @param id the transaction's id
   * @param ctx the participant's context
   */
  public void stopPreparing(long id, Node.Context<?> ctx) {
    if (preparing.remove(id)) {
      deferred.remove(id); // never made: nothing to undo
      ctx.cancelTimer(Timers.token(id, Timers.PREPARE));
    }
  }

  /**
   * Commits {@code id} at the resource (retried until it succeeds).
   *
   * @param id the transaction's id
   * @param ctx the participant's context, which makes the call
   */
  public void commit(long id, Node.Context<?> ctx) {
    ctx.call(Call.commit(transaction(id)));
  }

  /**
   * Aborts {@code id} at the resource (retried until it succeeds).
   *
   * @param id the transaction's id
   * @param ctx the participant's context, which makes the call
   */
  public void abort(long id, Node.Context<?> ctx) {
    ctx.call(Call.abort(transaction(id)));
  }

  /**
   * Asks the resource what it holds in doubt when the participant starts on an empty log: the
   * store may still hold branches prepared by an earlier run of this node that died before its
   * first vote reached the log, or by a run whose log was replaced by a new one. None of them was
   * voted COMMIT in this log, so {@link #answer} aborts each (presumed abort).
   *
   * @param ctx the participant's context, which makes the call
   */
  public void start(Node.Context<?> ctx) {
    listing = true;
    ctx.call(Call.inDoubt());
  }

  /**
   * Asks the resource what it holds in doubt after the participant recovered its log's records;
   * the answer goes to {@link #answer}, which aborts those the log never voted on.
   *
   * @param ctx the participant's context, which makes the call
   */
  public void recover(Node.Context<?> ctx) {
    listing = true;
    ctx.call(Call.inDoubt());
  }

  /**
   * Handles the resource's answer to a call.
   *
   * @param known whether the protocol's log (or state) knows a transaction: an in-doubt one it does
   *     not know was prepared and never voted on, and is aborted
   * @return the vote a prepare the participant waited for came to
   * @param a the answer
   * @param ctx the participant's context, for the calls and timers that follow
   */
  public Optional<Prepared> answer(Input.Answer a, Node.Context<?> ctx, LongPredicate known) {
    Call call = a.call();
    switch (call.kind()) {
      case PREPARE: {
        Transaction t = call.transaction().orElseThrow();
        Vote vote = a.vote().orElse(Vote.ABORT);
        if (!preparing.remove(t.id())) {
          if (vote != Vote.ABORT) {
            ctx.call(Call.abort(t)); // too late: it voted ABORT (timed out) or learnt ABORT; undo the prepare
          }
          return Optional.empty();
        }
        ctx.cancelTimer(Timers.token(t.id(), Timers.PREPARE));
        if (!a.succeeded()) {
          ctx.count("resource.prepare.failures", 1);
        }
        return Optional.of(new Prepared(t, vote, a.succeeded() ? "resource voted " + vote
            : "prepare failed: " + a.failure().orElse("?")));
      }
      case IN_DOUBT:
        if (!a.succeeded()) {
          ctx.count("resource.failures", 1);
          retryLater(call, ctx);
          break;
        }
        listing = false;
        for (long id : a.inDoubt()) {
          // A deferred prepare was never made: a branch of its id is an earlier run's, never voted on here.
          if (deferred.contains(id) || !known.test(id)) {
            // Prepared, but no vote of it reached the log: never promised, so presumed aborted.
            ctx.count("recovery.unvoted.aborted", 1);
            ctx.call(Call.abort(new Transaction(id, new byte[0]).in(cluster, instance)));
          }
        }
        for (long id : deferred) { // after the aborts: calls about one transaction are made in order
          ctx.call(Call.prepare(transaction(id)));
        }
        deferred.clear();
        break;
      default: // COMMIT, ABORT
        if (a.heuristic().isPresent()) {
          ctx.count("resource.heuristics", 1);
          if (ctx.tracing()) {
            ctx.note("heuristic", Map.of("txn", Long.toString(call.txn()), "call", call.kind().toString(),
                "what", a.heuristic().get()));
          }
        } else if (a.failure().isPresent()) {
          ctx.count("resource.failures", 1);
          retryLater(call, ctx);
        }
        break;
    }
    return Optional.empty();
  }

  /**
   * Handles one of this side's timers ({@link #owns}): a prepare that did not answer in time comes
   * to a vote to ABORT; a call waiting for its backoff is made again.
   *
   * @param token the timer's token
   * @param ctx the participant's context, for the call made again
   * @return the vote a timed-out prepare came to, or empty
   */
  public Optional<Prepared> timer(long token, Node.Context<?> ctx) {
    long id = Timers.txn(token);
    if (Timers.kind(token) == Timers.PREPARE) {
      if (preparing.remove(id)) {
        deferred.remove(id); // never made, if the in-doubt list is still awaited
        ctx.count("timeouts.prepare", 1);
        return Optional.of(new Prepared(transaction(id), Vote.ABORT, "prepare timeout"));
      }
    } else if (Timers.kind(token) == Timers.BACKOFF) {
      Call again = retrying.remove(id);
      if (again != null) {
        ctx.count("resource.retries", 1);
        ctx.call(again);
      }
    }
    return Optional.empty();
  }

  /** A failed call is made again after a backoff that doubles with each attempt, up to 16 retry intervals. */
  private void retryLater(Call call, Node.Context<?> ctx) {
    long txn = Math.max(0, call.txn());
    retrying.put(txn, call.again());
    long backoff = spec.timeouts().retry() << Math.min(4, call.attempt());
    ctx.setTimer(ctx.now() + backoff, Timers.token(txn, Timers.BACKOFF));
  }
}
