package io.github.bgp.twophase.internal;

import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import io.github.bgp.spi.Input;
import io.github.bgp.spi.Node;
import io.github.bgp.twophase.ResourceSide;
import io.github.bgp.twophase.Timers;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * What the coordinators of two-phase and three-phase commit do alike: phase one's start and the
 * whole of phase two. Given a transaction ({@link Input.Submit}) it logs BEGIN, asks every
 * participant to vote and sets the vote timer (WAIT); once the protocol decides
 * ({@link #decide}), it logs DECIDED before anything else leaves, releases the outcome, announces
 * the decision to every participant that takes part in phase two (all but the READ_ONLY voters),
 * repeats it every retry interval to those that have not acknowledged ({@link #resend}), and when
 * all have ({@link #acknowledged}) logs END and tells them, so they may forget the transaction.
 *
 * <p>Recovery's reading of the log ({@link #read}) and its checks ({@link #logged},
 * {@link #loggedDecision}, {@link #notCoordinators}) are shared too. How the votes come to a decision, what recovery does
 * in each state, and everything else a protocol adds stay in the protocol's coordinator ({@code twophase.Coordinator}, {@code threephase.TpCoordinator}), which
 * reads on its own from its votes to its decision. Not API: the package is not exported.
 *
 * @param <M> the protocol's messages
 * @param <T> what the protocol's coordinator knows of one transaction
 * @since 0.1.0
 */
public abstract class CommitCoordinator<M, T extends CommitCoordinator.Txn> implements Node<M> {

  /**
   * What a coordinator knows of one transaction, as phase two needs it; a protocol adds its own.
   *
   * @since 0.1.0
   */
  public static class Txn {
    /** The transaction, as submitted or logged in BEGIN. */
    public final Transaction transaction;
    /** The decision, once made (and logged); null in WAIT. */
    public Verdict decision;
    /** Whether END is logged: every participant acknowledged the decision. */
    public boolean ended;
    /** The votes cast, by participant. */
    public final Map<NodeId, Vote> votes = new TreeMap<>();
    /** The participants that acknowledged the decision. */
    public final Set<NodeId> acks = new TreeSet<>();

    /**
     * A transaction, undecided.
     *
     * @param transaction the transaction
     */
    public Txn(Transaction transaction) {
      this.transaction = transaction;
    }

    /**
     * The transaction's id.
     *
     * @return its id
     */
    public long id() {
      return transaction.id();
    }
  }

  /**
   * A protocol's own messages and records for what phase two says and logs.
   *
   * @param <M> the protocol's messages
   * @param voteRequest the request to prepare and vote on a transaction
   * @param decision the announcement of a transaction's decision
   * @param ended the message that END is logged for a transaction
   * @param begin the BEGIN record of a transaction
   * @param decided the DECIDED record of a transaction and decision
   * @param end the END record of a transaction
   * @since 0.1.0
   */
  public record Words<M>(Function<Transaction, M> voteRequest, BiFunction<Long, Verdict, M> decision,
      LongFunction<M> ended, Function<Transaction, byte[]> begin, BiFunction<Long, Verdict, byte[]> decided,
      LongFunction<byte[]> end) {

    /**
     * Checks every word is there.
     *
     * @param voteRequest the request to prepare and vote on a transaction
     * @param decision the announcement of a transaction's decision
     * @param ended the message that END is logged for a transaction
     * @param begin the BEGIN record of a transaction
     * @param decided the DECIDED record of a transaction and decision
     * @param end the END record of a transaction
     * @throws NullPointerException if one is null, naming it
     */
    public Words {
      Objects.requireNonNull(voteRequest, "voteRequest");
      Objects.requireNonNull(decision, "decision");
      Objects.requireNonNull(ended, "ended");
      Objects.requireNonNull(begin, "begin");
      Objects.requireNonNull(decided, "decided");
      Objects.requireNonNull(end, "end");
    }
  }

  /** The instance's commit spec. */
  protected final CommitSpec spec;
  /** Every participant, in order. */
  protected final List<NodeId> participants;
  /** Every transaction the coordinator knows, by id. */
  protected final Map<Long, T> txns = new TreeMap<>();
  private final Function<Transaction, T> newTxn;
  private final Words<M> words;

  /**
   * A coordinator of an instance of {@code spec}.
   *
   * @param spec the instance's commit spec
   * @param newTxn what the protocol knows of a transaction it begins or recovers, undecided
   * @param words the protocol's messages and records
   */
  protected CommitCoordinator(CommitSpec spec, Function<Transaction, T> newTxn, Words<M> words) {
    this.spec = spec;
    this.participants = spec.participantIds();
    this.newTxn = Objects.requireNonNull(newTxn, "newTxn");
    this.words = Objects.requireNonNull(words, "words");
  }

  /**
   * What the protocol knows of a transaction it begins or recovers.
   *
   * @param transaction the transaction
   * @return its record, undecided
   */
  protected final T newTxn(Transaction transaction) {
    return newTxn.apply(transaction);
  }

  /**
   * Called as {@link #decide} makes a decision, after the vote timer is cancelled and before the
   * decision is logged: a protocol stops what else it waited for. Nothing by default.
   *
   * @param t the transaction decided
   * @param ctx the node's context
   */
  protected void deciding(T t, Context<M> ctx) {}

  @Override
  public void start(Context<M> ctx) {
    // Transactions come as inputs.
  }

  /**
   * Begins a submitted transaction: logs BEGIN, asks every participant to vote, and sets the vote
   * timer ({@link Timers#VOTES}).
   *
   * @throws IllegalArgumentException if the input is no {@link Input.Submit}, the transaction is
   *     too large or its id was submitted already
   */
  @Override
  public void input(Input input, Context<M> ctx) {
    if (!(input instanceof Input.Submit submit)) {
      throw new IllegalArgumentException("the coordinator takes transactions to commit, not " + input);
    }
    Transaction t = submit.transaction();
    ResourceSide.check(t);
    if (txns.containsKey(t.id())) {
      throw new IllegalArgumentException("transaction " + t.id() + " was submitted already");
    }
    T txn = newTxn(t);
    txns.put(t.id(), txn);
    ctx.persist(words.begin().apply(t));
    state(ctx, txn, "INIT", "WAIT", "submitted");
    for (NodeId p : participants) {
      ctx.send(p, 0, words.voteRequest().apply(t));
    }
    ctx.setTimer(ctx.now() + spec.timeouts().votes(), Timers.token(t.id(), Timers.VOTES));
  }

  /**
   * Decides: logs DECIDED, releases the outcome, and announces it, or logs END at once if every
   * participant voted READ_ONLY (nobody to tell).
   *
   * @param t the transaction
   * @param v the decision
   * @param ctx the node's context
   */
  protected final void decide(T t, Verdict v, Context<M> ctx) {
    t.decision = v;
    ctx.cancelTimer(Timers.token(t.id(), Timers.VOTES));
    deciding(t, ctx);
    ctx.persist(words.decided().apply(t.id(), v));
    ctx.outcome(t.id(), v);
    ctx.count(v == Verdict.COMMIT ? "decisions.commit" : "decisions.abort", 1);
    if (pendingAcks(t).isEmpty()) {
      end(t, ctx); // every participant voted READ_ONLY: nobody to tell
    } else {
      announce(t, ctx);
    }
  }

  /**
   * Announces the logged decision to every participant that has not acknowledged it, and sets the
   * retry timer ({@link Timers#RETRY}).
   *
   * @param t the transaction, decided
   * @param ctx the node's context
   */
  protected final void announce(T t, Context<M> ctx) {
    for (NodeId p : pendingAcks(t)) {
      ctx.send(p, 0, words.decision().apply(t.id(), t.decision));
    }
    ctx.setTimer(ctx.now() + spec.timeouts().retry(), Timers.token(t.id(), Timers.RETRY));
  }

  /**
   * The retry timer: the decision again to whoever has not acknowledged it, until END.
   *
   * @param t the transaction
   * @param ctx the node's context
   */
  protected final void resend(T t, Context<M> ctx) {
    if (t.decision != null && !t.ended) {
      for (NodeId p : pendingAcks(t)) {
        ctx.send(p, 0, words.decision().apply(t.id(), t.decision));
        ctx.count("decisions.resent", 1);
      }
      ctx.setTimer(ctx.now() + spec.timeouts().retry(), Timers.token(t.id(), Timers.RETRY));
    }
  }

  /**
   * A participant acknowledged the decision: END once every one has; after END, it is told again.
   *
   * @param t the transaction
   * @param from the participant
   * @param ctx the node's context
   */
  protected final void acknowledged(T t, NodeId from, Context<M> ctx) {
    if (t.ended) {
      ctx.send(from, 0, words.ended().apply(t.id()));
    } else if (t.decision != null && t.acks.add(from) && pendingAcks(t).isEmpty()) {
      end(t, ctx);
    }
  }

  private void end(T t, Context<M> ctx) {
    t.ended = true;
    ctx.cancelTimer(Timers.token(t.id(), Timers.RETRY));
    ctx.persist(words.end().apply(t.id()));
    for (NodeId p : participants) {
      if (t.votes.get(p) != Vote.READ_ONLY) {
        ctx.send(p, 0, words.ended().apply(t.id()));
      }
    }
  }

  /**
   * The participants that take part in phase two and have not acknowledged the decision.
   *
   * @param t the transaction
   * @return them, in order
   */
  protected final List<NodeId> pendingAcks(T t) {
    return participants.stream().filter(p -> t.votes.get(p) != Vote.READ_ONLY && !t.acks.contains(p)).toList();
  }

  /**
   * Recovery: reads the coordinator's log. BEGIN begins a transaction (undecided), DECIDED decides
   * it, END ends it; a record of the protocol's own goes to {@code own}; anything else, a record
   * without its BEGIN or a second, different decision is refused. What recovery then does in each
   * state is the protocol's.
   *
   * @param log the log's records
   * @param decode the protocol's record decoder
   * @param describe the protocol's name for a record, for the errors
   * @param own takes a record of the protocol's own for its transaction, and says whether it was one
   * @throws IllegalStateException if the log is not a coordinator's, or is damaged
   */
  protected final void read(List<byte[]> log, Function<byte[], CommitRecord> decode,
      Function<CommitRecord, String> describe, BiPredicate<T, CommitRecord> own) {
    for (byte[] bytes : log) {
      CommitRecord r = decode.apply(bytes);
      if (r instanceof CommitRecord.Begin b) {
        txns.putIfAbsent(b.txn(), newTxn(b.transaction()));
        continue;
      }
      T t = logged(r.txn(), describe.apply(r));
      if (r instanceof CommitRecord.Decided d) {
        loggedDecision(t, d.decision());
      } else if (r instanceof CommitRecord.End) {
        t.ended = true;
      } else if (!own.test(t, r)) {
        throw notCoordinators(t, describe.apply(r));
      }
    }
  }

  /**
   * Recovery: the transaction a record of the coordinator's log names, which an earlier BEGIN
   * must have begun.
   *
   * @param txn the transaction the record names
   * @param record the record, as the protocol describes it, for the error
   * @return the transaction
   * @throws IllegalStateException if no BEGIN came before: not a coordinator's log, or a damaged one
   */
  protected final T logged(long txn, String record) {
    T t = txns.get(txn);
    if (t == null) {
      throw new IllegalStateException("the coordinator's log holds " + record + " for txn " + txn
          + " without its BEGIN: it is not a coordinator's log, or it is damaged");
    }
    return t;
  }

  /**
   * Recovery: a DECIDED record of the coordinator's log.
   *
   * @param t the transaction
   * @param v the decision the record holds
   * @throws IllegalStateException if the log decided the transaction otherwise before
   */
  protected final void loggedDecision(T t, Verdict v) {
    if (t.decision != null && t.decision != v) {
      throw new IllegalStateException("the coordinator's log decides txn " + t.id() + " both " + t.decision
          + " and " + v);
    }
    t.decision = v;
  }

  /**
   * Recovery: the error for a record no coordinator logs.
   *
   * @param t the transaction
   * @param record the record, as the protocol describes it
   * @return the exception to throw, naming the record
   */
  protected final IllegalStateException notCoordinators(T t, String record) {
    return new IllegalStateException("the coordinator's log holds a participant's record " + record + " for txn "
        + t.id());
  }

  /**
   * Notes a change of the coordinator's state of a transaction, when the run is traced.
   *
   * @param ctx the node's context
   * @param t the transaction
   * @param from the state it leaves
   * @param to the state it enters
   * @param why the reason, for people
   */
  protected final void state(Context<M> ctx, T t, String from, String to, String why) {
    if (ctx.tracing()) {
      ctx.note("state", Map.of("role", "coordinator", "txn", Long.toString(t.id()), "from", from, "to", to,
          "why", why));
    }
  }
}
