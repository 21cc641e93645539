package io.github.bgp.testkit;

import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Note;
import io.github.bgp.api.Verdict;
import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import io.github.bgp.sim.Faults;
import io.github.bgp.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Looks for a run of a commit protocol that breaks atomicity (one participant commits what another
 * aborts, or someone commits what was never decided) or validity, over generated workloads and
 * faults: partitions of the network (when {@link #partitions allowed}, the default) and crashes at
 * numbered steps with restarts (when {@link #crashes allowed}). What it finds it shrinks (fewer
 * participants and transactions, smaller sides, a shorter partition, earlier times) and replays
 * traced. A blocked transaction is not a violation: 2PC blocks by design.
 *
 * <p>Three-phase commit falls to a partition that starts as the coordinator sends PRE-COMMIT: the
 * search finds and shrinks that run. Two-phase commit and Paxos Commit keep atomicity under every
 * partition; the search finds nothing.
 *
 * <pre>{@code
 * Optional<CommitSearch.Violation> v = CommitSearch.of(Protocols.commit("3pc")).tries(3_000).run();
 * v.ifPresent(found -> System.out.println(found.report()));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CommitSearch {

  private final CommitProtocol protocol;
  private int minParticipants = 2;
  private int maxParticipants = 4;
  private int maxTransactions = 3;
  private int tolerance = 1;
  private boolean partitions = true;
  private boolean crashes;
  private boolean split = true;
  private int tries = 2_000;
  private long seed = Property.defaultSeed();

  private CommitSearch(CommitProtocol protocol) {
    this.protocol = Objects.requireNonNull(protocol, "protocol");
  }

  /**
   * A search over {@code protocol}'s runs.
   *
   * @param protocol the commit protocol to search
   * @return the search, with its defaults
   */
  public static CommitSearch of(CommitProtocol protocol) {
    return new CommitSearch(protocol);
  }

  /**
   * How many participants a workload has, from {@code lo} (where shrinking heads) to {@code hi}; 2 to 4 by default.
   *
   * @param lo the fewest participants, at least 1
   * @param hi the most participants, at least {@code lo}
   * @return this search
   * @throws IllegalArgumentException if {@code lo} is less than 1 or more than {@code hi}
   */
  public CommitSearch participants(int lo, int hi) {
    if (lo < 1 || lo > hi) {
      throw new IllegalArgumentException("participants range [" + lo + ", " + hi + "] must be within [1, ...] and not"
          + " empty");
    }
    this.minParticipants = lo;
    this.maxParticipants = hi;
    return this;
  }

  /**
   * The most transactions a workload has; 3 by default.
   *
   * @param most the most transactions, at least 1
   * @return this search
   * @throws IllegalArgumentException if {@code most} is less than 1
   */
  public CommitSearch transactions(int most) {
    if (most < 1) {
      throw new IllegalArgumentException("a workload has at least 1 transaction, got at most " + most);
    }
    this.maxTransactions = most;
    return this;
  }

  /**
   * F, for protocols that replicate their decision; 1 by default.
   *
   * @param f the crashed acceptors to tolerate, at least 0
   * @return this search
   * @throws IllegalArgumentException if {@code f} is negative
   */
  public CommitSearch tolerance(int f) {
    if (f < 0) {
      throw new IllegalArgumentException("the tolerance F is at least 0, got " + f);
    }
    this.tolerance = f;
    return this;
  }

  /**
   * Whether runs may have a partition of the network; true by default.
   *
   * @param allowed whether to generate partitions
   * @return this search
   */
  public CommitSearch partitions(boolean allowed) {
    this.partitions = allowed;
    return this;
  }

  /**
   * Whether runs may have a crash (with a restart) at a numbered step; false by default.
   *
   * @param allowed whether to generate crashes
   * @return this search
   */
  public CommitSearch crashes(boolean allowed) {
    this.crashes = allowed;
    return this;
  }

  /**
   * What counts as a violation: with {@code true} (the default), a transaction one participant
   * committed and another aborted, or one committed without every vote to commit (what the
   * resources themselves see); with {@code false}, any run that is not atomic or not valid, a
   * participant that disagrees with the logged decision included.
   *
   * @param onlyDisagreeingParticipants whether only a split between participants counts
   * @return this search
   */
  public CommitSearch split(boolean onlyDisagreeingParticipants) {
    this.split = onlyDisagreeingParticipants;
    return this;
  }

  /**
   * How many cases to try before giving up; 2,000 by default.
   *
   * @param tries how many cases, at least 1
   * @return this search
   * @throws IllegalArgumentException if {@code tries} is less than 1
   */
  public CommitSearch tries(int tries) {
    if (tries < 1) {
      throw new IllegalArgumentException("a search tries at least 1 case, got " + tries);
    }
    this.tries = tries;
    return this;
  }

  /**
   * The seed of the search; printed with what it finds.
   *
   * @param seed the seed
   * @return this search
   */
  public CommitSearch seed(long seed) {
    this.seed = seed;
    return this;
  }

  /**
   * A workload and what goes wrong in its run: one case the search tries ({@link #cases()}), and what a
   * {@link Violation} reports, as found and as shrunk. Its {@link #toString()} names the participants, the
   * tolerance, the transactions, the seed, the crashes and the partitions.
   *
   * @param scenario the workload: participants, transactions with their starts and votes, the seed
   * @param faults what goes wrong in its run: crashes, partitions, losses, duplicates, delays
   * @since 0.1.0
   */
  public record Case(CommitScenario scenario, Faults faults) {
    /**
     * Checks that neither part is null.
     *
     * @param scenario the workload
     * @param faults what goes wrong in its run
     */
    public Case {
      Objects.requireNonNull(scenario, "scenario");
      Objects.requireNonNull(faults, "faults");
    }

    @Override
    public String toString() {
      List<String> txns = new ArrayList<>();
      scenario.transactions().forEach(t -> txns.add(t.transaction().id() + "@" + t.start() + t.votes()));
      List<String> wrong = new ArrayList<>();
      faults.partitions().forEach(p -> wrong.add("partition " + p));
      faults.crashes().forEach(c -> wrong.add(c.toString()));
      return "participants=" + scenario.participants() + " F=" + scenario.tolerance() + " txns=" + txns + " seed="
          + scenario.seed() + (wrong.isEmpty() ? "" : " " + String.join(", ", wrong));
    }
  }

  /**
   * A run that breaks atomicity or validity.
   *
   * @param found the first case that did
   * @param shrunk the smallest case shrinking reached that still does
   * @param outcome the shrunk case's run, traced
   * @param notes what happened in it, in order (messages received, timers, state changes, crashes)
   * @param seed the search's seed, which replays the search
   * @param attempt which try found it
   * @param shrinkSteps how many times shrinking found a smaller case
   * @since 0.1.0
   */
  public record Violation(Case found, Case shrunk, CommitOutcome outcome, List<Note> notes, long seed, int attempt,
      int shrinkSteps) {

    /**
     * Copies the notes.
     *
     * @param found the first case that broke atomicity or validity
     * @param shrunk the smallest case shrinking reached
     * @param outcome the shrunk case's run, traced
     * @param notes what happened in it, in order (copied)
     * @param seed the search's seed
     * @param attempt which try found it
     * @param shrinkSteps how many times shrinking found a smaller case
     */
    public Violation {
      notes = List.copyOf(notes);
    }

    /**
     * The transactions that are not atomic or not valid, each in words: who committed, who aborted.
     *
     * @return one line per broken transaction
     */
    public List<String> broken() {
      List<String> out = new ArrayList<>();
      for (CommitOutcome.Txn t : outcome.transactions().values()) {
        boolean invalid = t.committed() && !t.unanimous();
        if (!invalid && !splits(t) && t.atomic()) {
          continue;
        }
        TreeSet<NodeId> committed = new TreeSet<>();
        TreeSet<NodeId> aborted = new TreeSet<>();
        t.states().forEach((p, s) -> {
          if (s == CommitOutcome.State.COMMIT) {
            committed.add(p);
          } else if (s == CommitOutcome.State.ABORT) {
            aborted.add(p);
          }
        });
        out.add("txn " + t.id() + ": " + (committed.isEmpty() ? "nobody" : "participants " + committed)
            + " committed, " + (aborted.isEmpty() ? "nobody" : "participants " + aborted) + " aborted; decision "
            + t.decision().map(Verdict::name).orElse("none") + (invalid ? "; committed without every vote" : ""));
      }
      return out;
    }

    /**
     * The whole finding, for people: the case, what broke, and the run step by step.
     *
     * @return the report, several lines
     */
    public String report() {
      StringBuilder b = new StringBuilder();
      b.append(outcome.protocol()).append(" breaks atomic commit (search seed ").append(seed).append(", try ")
          .append(attempt).append(", shrunk ").append(shrinkSteps).append(" times)\n");
      b.append("found:  ").append(found).append('\n');
      b.append("shrunk: ").append(shrunk).append('\n');
      broken().forEach(line -> b.append("  ").append(line).append('\n'));
      b.append("events:\n");
      outcome.events().forEach(e -> b.append("  ").append(e).append('\n'));
      b.append("trace:\n");
      for (Note n : notes) {
        b.append("  t=").append(n.time()).append(" node ").append(n.node()).append(' ').append(n.kind());
        for (Map.Entry<String, String> f : n.fields().entrySet()) {
          b.append(' ').append(f.getKey()).append('=').append(f.getValue());
        }
        b.append('\n');
      }
      return b.toString();
    }
  }

  /**
   * The generated cases: workloads of the participants and transactions set, partitions and crashes as allowed.
   *
   * @return the generator of cases, which shrink towards fewer participants, transactions and faults
   */
  public Gen<Case> cases() {
    return Gen.ints(minParticipants, maxParticipants).flatMap(p -> Gen.lists(transaction(p), 1, maxTransactions)
        .flatMap(txns -> Gen.longs().flatMap(seed -> {
          CommitScenario.Builder b = CommitScenario.builder(p).tolerance(tolerance).seed(seed);
          for (int i = 0; i < txns.size(); i++) {
            b.transaction(i + 1, txns.get(i).start(), txns.get(i).votes());
          }
          CommitScenario s = b.build();
          return faults(protocol.nodes(s.spec())).map(f -> new Case(s, f));
        })));
  }

  private record Shape(long start, List<Verdict> votes) {}

  private static Gen<Shape> transaction(int participants) {
    Gen<Verdict> vote = Gen.ints(0, 5).map(i -> i == 5 ? Verdict.ABORT : Verdict.COMMIT);
    return Gen.ints(0, 20).zip(Gen.lists(vote, participants, participants), Shape::new);
  }

  private Gen<Faults> faults(int nodes) {
    Gen<List<Faults.Partition>> cuts = partitions
        ? Gen.lists(partition(nodes), 0, 1).map(list -> list.stream().flatMap(Optional::stream).toList())
        : Gen.constant(List.of());
    Gen<List<Faults.Crash>> down = crashes
        ? Gen.lists(Gen.ints(0, nodes - 1).flatMap(node -> Gen.ints(1, 12).flatMap(step -> Gen.booleans().flatMap(
            after -> Gen.ints(1, 120).map(d -> new Faults.Crash(NodeId.of(node), step, after, d))))), 0, 1)
        : Gen.constant(List.of());
    return cuts.flatMap(ps -> down.map(cs -> {
      Faults f = new Faults(0, 0, 0, cs);
      for (Faults.Partition p : ps) {
        f = f.with(p);
      }
      return f;
    }));
  }

  /** Each node on side A (1), side B (2) or neither (0); a partition only if both sides hold a node. */
  private static Gen<Optional<Faults.Partition>> partition(int nodes) {
    return Gen.lists(Gen.ints(0, 2), nodes, nodes).flatMap(sides -> Gen.ints(0, 30).flatMap(from ->
        Gen.ints(1, 400).map(length -> {
          TreeSet<NodeId> a = new TreeSet<>();
          TreeSet<NodeId> b = new TreeSet<>();
          for (int i = 0; i < nodes; i++) {
            if (sides.get(i) == 1) {
              a.add(NodeId.of(i));
            } else if (sides.get(i) == 2) {
              b.add(NodeId.of(i));
            }
          }
          return a.isEmpty() || b.isEmpty() ? Optional.<Faults.Partition>empty()
              : Optional.of(new Faults.Partition(a, b, from, from + (long) length));
        })));
  }

  /**
   * Smaller versions of a case, beside the generator's own shrinks: one participant fewer (the nodes
   * after it renumbered, its votes, crashes and sides gone), one transaction fewer, seed 0,
   * everything earlier by the first transaction's start, a shorter partition, and a node fewer on a
   * side of a partition.
   */
  static List<Case> smaller(Case c) {
    List<Case> out = new ArrayList<>();
    CommitScenario s = c.scenario();
    if (s.participants() > 2) {
      for (int gone = s.participants(); gone >= 1; gone--) {
        out.add(without(c, gone));
      }
    }
    if (s.transactions().size() > 1) {
      for (int i = s.transactions().size() - 1; i >= 0; i--) {
        List<CommitScenario.Txn> fewer = new ArrayList<>(s.transactions());
        fewer.remove(i);
        out.add(new Case(new CommitScenario(s.participants(), fewer, s.timeouts(), s.seed(), s.tolerance()),
            c.faults()));
      }
    }
    if (s.seed() != 0) {
      out.add(new Case(new CommitScenario(s.participants(), s.transactions(), s.timeouts(), 0, s.tolerance()),
          c.faults()));
    }
    long first = Long.MAX_VALUE;
    for (CommitScenario.Txn t : s.transactions()) {
      first = Math.min(first, t.start());
    }
    long shift = first;
    for (Faults.Partition p : c.faults().partitions()) {
      shift = Math.min(shift, p.from());
    }
    if (shift > 0) {
      CommitScenario.Builder b = CommitScenario.builder(s.participants()).tolerance(s.tolerance()).seed(s.seed())
          .timeouts(s.timeouts());
      for (CommitScenario.Txn t : s.transactions()) {
        b.transaction(t.transaction(), t.start() - shift, t.votes());
      }
      Faults f = new Faults(c.faults().loss(), c.faults().duplicate(), c.faults().delay(), c.faults().crashes());
      for (Faults.Partition p : c.faults().partitions()) {
        f = f.with(new Faults.Partition(p.a(), p.b(), p.from() - shift, p.until() - shift));
      }
      out.add(new Case(b.build(), f));
    }
    for (int i = 0; i < c.faults().partitions().size(); i++) {
      Faults.Partition p = c.faults().partitions().get(i);
      long length = p.until() - p.from();
      if (length > 1) {
        out.add(withPartition(c, i, new Faults.Partition(p.a(), p.b(), p.from(), p.from() + length / 2)));
        out.add(withPartition(c, i, new Faults.Partition(p.a(), p.b(), p.from(), p.until() - 1)));
      }
      for (NodeId n : p.a()) {
        if (p.a().size() > 1) {
          TreeSet<NodeId> a = new TreeSet<>(p.a());
          a.remove(n);
          out.add(withPartition(c, i, new Faults.Partition(a, p.b(), p.from(), p.until())));
        }
      }
      for (NodeId n : p.b()) {
        if (p.b().size() > 1) {
          TreeSet<NodeId> b = new TreeSet<>(p.b());
          b.remove(n);
          out.add(withPartition(c, i, new Faults.Partition(p.a(), b, p.from(), p.until())));
        }
      }
    }
    return out;
  }

  private static Case withPartition(Case c, int index, Faults.Partition p) {
    List<Faults.Partition> all = new ArrayList<>(c.faults().partitions());
    all.set(index, p);
    return new Case(c.scenario(), new Faults(c.faults().loss(), c.faults().duplicate(), c.faults().delay(),
        c.faults().crashes(), c.faults().named(), all));
  }

  /** {@code c} without participant {@code gone}; the nodes after it move down by one. */
  private static Case without(Case c, int gone) {
    CommitScenario s = c.scenario();
    CommitScenario.Builder b = CommitScenario.builder(s.participants() - 1).tolerance(s.tolerance()).seed(s.seed())
        .timeouts(s.timeouts());
    for (CommitScenario.Txn t : s.transactions()) {
      List<Verdict> votes = new ArrayList<>(t.votes());
      votes.remove(gone - 1);
      b.transaction(t.transaction(), t.start(), votes);
    }
    List<Faults.Crash> crashes = new ArrayList<>();
    for (Faults.Crash k : c.faults().crashes()) {
      if (k.node().index() != gone) {
        crashes.add(new Faults.Crash(renumber(k.node(), gone), k.step(), k.after(), k.downFor()));
      }
    }
    Faults f = new Faults(c.faults().loss(), c.faults().duplicate(), c.faults().delay(), crashes);
    for (Faults.Partition p : c.faults().partitions()) {
      TreeSet<NodeId> a = renumber(p.a(), gone);
      TreeSet<NodeId> bs = renumber(p.b(), gone);
      if (!a.isEmpty() && !bs.isEmpty()) {
        f = f.with(new Faults.Partition(a, bs, p.from(), p.until()));
      }
    }
    return new Case(b.build(), f);
  }

  private static NodeId renumber(NodeId id, int gone) {
    return id.index() > gone ? NodeId.of(id.index() - 1) : id;
  }

  private static TreeSet<NodeId> renumber(java.util.Set<NodeId> side, int gone) {
    TreeSet<NodeId> out = new TreeSet<>();
    for (NodeId id : side) {
      if (id.index() != gone) {
        out.add(renumber(id, gone));
      }
    }
    return out;
  }

  /** Whether the run of {@code c} keeps what this search looks for a violation of. */
  private boolean holds(Case c) {
    CommitOutcome o = Simulation.builder().faults(c.faults()).build().execute(protocol, c.scenario());
    if (!o.valid()) {
      return false;
    }
    if (!split) {
      return o.atomic();
    }
    return o.transactions().values().stream().noneMatch(CommitSearch::splits);
  }

  /** Whether one participant committed {@code t} and another aborted it. */
  static boolean splits(CommitOutcome.Txn t) {
    return t.states().containsValue(CommitOutcome.State.COMMIT) && t.states().containsValue(CommitOutcome.State.ABORT);
  }

  /**
   * Runs the search: up to {@link #tries} cases (workloads and faults) drawn with the {@link #seed}, each
   * run in the simulator; the first whose run breaks atomicity or validity is shrunk and replayed,
   * traced. The same settings and seed give the same result; nothing runs on the wall clock.
   *
   * @return the shrunk violation, traced, or empty if every case tried kept atomicity and validity
   * @throws IllegalStateException if the protocol failed with an exception, naming the case and the seed
   */
  public Optional<Violation> run() {
    Optional<Property.Failure<Case>> failure = Property.forAll(cases().shrinkAlsoBy(CommitSearch::smaller))
        .tries(tries).seed(seed).falsify(this::holds);
    if (failure.isEmpty()) {
      return Optional.empty();
    }
    Property.Failure<Case> f = failure.get();
    if (f.cause() != null) {
      throw new IllegalStateException("protocol " + protocol.name() + " failed with an exception on " + f.shrunk()
          + " (search seed " + seed + ")", f.cause());
    }
    Case shrunk = f.shrunk();
    Simulation.CommitRun run = Simulation.builder().trace(true).faults(shrunk.faults()).build()
        .run(protocol, shrunk.scenario(), Simulation.scripted(shrunk.scenario()));
    return Optional.of(new Violation(f.original(), shrunk, run.outcome(), run.notes(), seed, f.attempt(),
        f.shrinkSteps()));
  }
}
