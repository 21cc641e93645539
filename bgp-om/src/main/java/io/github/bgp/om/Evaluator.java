package io.github.bgp.om;

import io.github.bgp.api.Decision;
import io.github.bgp.api.DropReason;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.spi.Builtin;
import io.github.bgp.spi.Entropy;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * OM(m) decided without sending a message: every loyal lieutenant's decision computed straight
 * from the paper's recursion, in memory proportional to m times n.
 *
 * <p>For lieutenant i and a path p ending with general s, let h(p) be the value s holds for p
 * (the commander's order for {@code [0]}; otherwise what s received along p without s). What
 * s tells general r about p is h(p) if s is loyal, or what the scenario's strategy makes it say
 * (with the same {@link Entropy#message} randomness a run uses; silence means the fallback).
 * Then h(p + j) is what s told j, and i's value for p is what s told i when p is a full path,
 * and otherwise the majority of that and i's values for p's children, the OM(m-1) that each j
 * leads. A depth-first walk visits each of i's paths once, carrying h and the path's entropy
 * sum, so the cost is one lie per edge of the tree and no memory per message. Lieutenants are
 * evaluated in parallel.
 *
 * <p>It decides exactly what a message-passing run of the same scenario decides (the tests
 * check this on generated scenarios, for every strategy); it lets one study sizes no run can
 * hold: n=22, m=7 is 8.8 billion messages.
 */
public final class Evaluator {

  private final Scenario scenario;
  private final Layout layout;
  private final int n;
  private final int rounds;
  private final boolean[] traitor;
  private final Strategy strategy;
  /** The built-in strategy's kind, or null for any other strategy. */
  private final Builtin.Kind kind;
  private final long fallback;
  /** frame[round][from][to]: the shared part of the entropy of a frame's messages. */
  private final long[][][] frame;
  /** step[general][position]: {@link Entropy#step}, looked up rather than mixed on every edge. */
  private final long[][] step;
  /** The lieutenants who are traitors, in increasing order. */
  private final int[] traitorLieutenants;
  /** How many lieutenants are loyal. */
  private final int loyalLieutenants;
  private final Ballot ballot;

  private Evaluator(Scenario scenario) {
    this.scenario = scenario;
    this.n = scenario.generals();
    this.layout = new Layout(n, scenario.m());
    this.rounds = layout.rounds;
    this.traitor = new boolean[n];
    scenario.traitors().forEach(t -> traitor[t.index()] = true);
    this.strategy = scenario.strategy();
    this.kind = strategy instanceof Builtin b ? b.kind() : null;
    this.fallback = scenario.fallback().code();
    this.frame = new long[rounds + 1][n][n];
    for (int round = 1; round <= rounds; round++) {
      for (int from = 0; from < n; from++) {
        for (int to = 1; to < n; to++) {
          frame[round][from][to] = Entropy.frame(scenario.seed(), round, from, to);
        }
      }
    }
    this.ballot = new Ballot(scenario.spec());
    this.traitorLieutenants = scenario.traitors().stream().mapToInt(NodeId::index).filter(t -> t > 0).toArray();
    this.loyalLieutenants = n - 1 - traitorLieutenants.length;
    this.step = new long[n][rounds + 1];
    for (int g = 0; g < n; g++) {
      for (int position = 0; position <= rounds; position++) {
        step[g][position] = Entropy.step(g, position);
      }
    }
  }

  /** Decides {@code scenario} by recursion and reports it as an outcome of the protocol {@code om}. */
  public static Outcome evaluate(Scenario scenario) {
    Evaluator e = new Evaluator(scenario);
    SortedMap<NodeId, Decision> decisions = scenario.loyalLieutenants().parallelStream()
        .collect(Collectors.toMap(l -> l, l -> e.new Walk(l.index()).decide(), (a, b) -> a, TreeMap::new));
    return new Outcome(OralMessages.NAME, scenario, new OralMessages().guarantee(scenario), decisions,
        new TreeSet<>(), e.messages(), 0, 0, e.lastRoundSent(), e.received(), new EnumMap<>(DropReason.class),
        List.of());
  }

  /**
   * The last round in which a run sends anything, as a run reports it: silent traitors send
   * nothing, so a round whose every sender is a silent traitor does not happen.
   */
  private int lastRoundSent() {
    boolean allSilent = kind == Builtin.Kind.SILENT;
    boolean lieutenantSpeaks = false;
    for (int l = 1; l < n; l++) {
      lieutenantSpeaks |= !(allSilent && traitor[l]);
    }
    if (rounds >= 2 && lieutenantSpeaks) {
      return rounds;
    }
    return allSilent && traitor[0] ? 0 : 1;
  }

  /** How many logical messages a run sends: the formula, less what silent traitors keep to themselves. */
  private long messages() {
    long total = layout.expectedMessages();
    if (kind != Builtin.Kind.SILENT) {
      return total;
    }
    for (NodeId t : scenario.traitors()) {
      total -= sentBy(t.index());
    }
    return total;
  }

  private long sentBy(int general) {
    if (general == 0) {
      return n - 1L;
    }
    long sent = 0;
    for (int k = 2; k <= rounds; k++) {
      sent = Saturating.add(sent, Saturating.multiply(n - 2L, layout.frameSize(k)));
    }
    return sent;
  }

  /** What each general receives in a run: every message addressed to it, less the silent traitors'. */
  private SortedMap<NodeId, Long> received() {
    SortedMap<NodeId, Long> received = new TreeMap<>();
    received.put(NodeId.COMMANDER, 0L);
    long each = 0;
    for (int k = 1; k <= rounds; k++) {
      each = Saturating.add(each, layout.stored(k));
    }
    for (int l = 1; l < n; l++) {
      long got = each;
      if (kind == Builtin.Kind.SILENT) {
        for (NodeId t : scenario.traitors()) {
          if (t.index() != l) {
            // A silent traitor sends this lieutenant its share: 1 if it is the commander, else
            // one frame per later round.
            got -= t.index() == 0 ? 1 : sentBy(t.index()) / (n - 2);
          }
        }
      }
      received.put(NodeId.of(l), got);
    }
    return received;
  }

  /** The depth-first walk of one loyal lieutenant's tree. */
  private final class Walk {
    private final int self;
    /** path[0..k-1]: the current path; path[0] is the commander. */
    private final int[] path = new int[rounds + 1];
    private final boolean[] onPath = new boolean[n];
    /** How many loyal lieutenants the current path holds. */
    private int loyalOnPath;
    /** votes[k]: the values gathered for the path of length k (its own, then its children's). */
    private final long[][] votes;

    Walk(int self) {
      this.self = self;
      this.votes = new long[rounds + 1][n];
    }

    Decision decide() {
      path[0] = 0;
      onPath[0] = true;
      long order = scenario.order().code();
      long sum = step[0][0];
      SortedMap<NodeId, Value> heard = new TreeMap<>();
      long root = value(1, order, sum, heard);
      return new Decision(Value.of(scenario.order().kind(), root), heard);
    }

    /**
     * This lieutenant's value for the current path of length k, whose last general holds
     * {@code held} and whose entropy sum is {@code sum}. At the root, fills {@code heard}.
     */
    private long value(int k, long held, long sum, SortedMap<NodeId, Value> heard) {
      int sender = path[k - 1];
      long own = tell(k, sender, self, held, sum);
      if (heard != null) {
        heard.put(NodeId.COMMANDER, Value.of(scenario.order().kind(), own));
      }
      if (k == rounds) {
        return own;
      }
      if (heard == null && ballot.counts()) {
        return k + 1 == rounds ? lastLevel(k, sender, (int) own, held, sum) : counted(k, sender, (int) own, held, sum);
      }
      long[] gathered = votes[k];
      int count = 0;
      gathered[count++] = own;
      for (int j = 1; j < n; j++) {
        if (j == self || onPath[j]) {
          continue;
        }
        long child = child(k, sender, j, tell(k, sender, j, held, sum), sum);
        gathered[count++] = child;
        if (heard != null) {
          heard.put(NodeId.of(j), Value.of(scenario.order().kind(), child));
        }
      }
      return choose(gathered, count);
    }

    /** This lieutenant's value for the path extended by j, which {@code sender} told j was {@code toJ}. */
    private long child(int k, int sender, int j, long toJ, long sum) {
      long childSum = sum + step[j][k];
      if (k + 1 == rounds) {
        return tell(k + 1, j, self, toJ, childSum);
      }
      path[k] = j;
      onPath[j] = true;
      loyalOnPath += traitor[j] ? 0 : 1;
      long child = value(k + 1, toJ, childSum, null);
      loyalOnPath -= traitor[j] ? 0 : 1;
      onPath[j] = false;
      return child;
    }

    /**
     * The value for a path whose children are not leaves, counting ATTACK votes (orders under a
     * built-in majority): the loyal children first, and no further once one side holds more
     * than half of the votes, since the rest cannot change the count's outcome. Exactly what
     * counting them all would give, at a fraction of the cost: below a loyal sender, the loyal
     * children usually settle it before any traitor's subtree is walked.
     */
    private long counted(int k, int sender, int own, long held, long sum) {
      int votes = n - k;
      int attack = own;
      int retreat = 1 - own;
      boolean loyalSender = !traitor[sender];
      for (int pass = 0; pass < 2; pass++) {
        boolean loyalPass = pass == 0;
        for (int j = 1; j < n; j++) {
          if (j == self || onPath[j] || traitor[j] == loyalPass) {
            continue;
          }
          long toJ = loyalSender ? held : tell(k, sender, j, held, sum);
          int v = (int) child(k, sender, j, toJ, sum);
          attack += v;
          retreat += 1 - v;
          if (2 * attack > votes || 2 * retreat > votes) {
            return 2 * attack > votes ? 1 : 0;
          }
        }
      }
      return ballot.counted(attack, votes);
    }

    /**
     * The hot loop, where nearly all the work is: the value for a path one short of full, whose
     * children are leaves, counting ATTACK votes as it goes (orders under a built-in majority)
     * and stopping once one side holds more than half of them.
     */
    private long lastLevel(int k, int sender, int own, long held, long sum) {
      int attack = own;
      int count = n - k; // its own value and one from each lieutenant neither on the path nor this one
      if (!traitor[sender]) {
        // A loyal sender told every child the same; the loyal children pass it on, so only the
        // traitors among the children need their lies worked out, and only if the loyal votes
        // leave the count open.
        int loyalVotes = 1 + loyalLieutenants - 1 - loyalOnPath;
        if (2 * loyalVotes > count) {
          return held;
        }
        attack += (int) held * (loyalVotes - 1);
        for (int t : traitorLieutenants) {
          if (!onPath[t]) {
            attack += orderLie(k + 1, t, self, (int) held, sum + step[t][k]);
          }
        }
        return ballot.counted(attack, count);
      }
      int retreat = 1 - own;
      boolean lieNeedsHonest = kind == null || kind == Builtin.Kind.FLIP || kind == Builtin.Kind.HONEST;
      for (int j = 1; j < n; j++) {
        if (j == self || onPath[j]) {
          continue;
        }
        int v;
        if (traitor[j]) {
          int toJ = lieNeedsHonest ? orderLie(k, sender, j, (int) held, sum) : 0;
          v = orderLie(k + 1, j, self, toJ, sum + step[j][k]);
        } else {
          v = orderLie(k, sender, j, (int) held, sum);
        }
        attack += v;
        retreat += 1 - v;
        if (2 * attack > count || 2 * retreat > count) {
          return 2 * attack > count ? 1 : 0;
        }
      }
      return ballot.counted(attack, count);
    }

    /**
     * What traitor {@code from} says to {@code to} in round k about an order it holds: the
     * built-in strategies of {@link Builtin#applyCode} for orders, written out for the
     * hot loop (the tests hold the two to agreeing), anything else through {@link #tell}.
     */
    private int orderLie(int k, int from, int to, int held, long sum) {
      if (kind == null) {
        return (int) generic(k, from, to, held, sum);
      }
      switch (kind) {
        case FLIP:
          return 1 - held;
        case SPLIT:
          return to & 1;
        case RANDOM:
          return (int) (Entropy.message(frame[k][from][to], sum) >>> 63);
        case SILENT:
          return (int) fallback;
        case HONEST:
        default:
          return held;
      }
    }

    /** What {@code from} tells {@code to} in round k about the current path (extended by nothing). */
    private long tell(int k, int from, int to, long held, long sum) {
      if (!traitor[from]) {
        return held;
      }
      if (kind == null) {
        return generic(k, from, to, held, sum);
      }
      switch (kind) {
        case HONEST:
          return held;
        case SILENT:
          return fallback;
        case FLIP:
        case SPLIT:
          return ((Builtin) strategy).applyCode(scenario.order().kind(), held, to, 0);
        case RANDOM:
        default:
          return ((Builtin) strategy).applyCode(scenario.order().kind(), held, to,
              Entropy.message(frame[k][from][to], sum));
      }
    }

    private long generic(int k, int from, int to, long held, long sum) {
      List<NodeId> p = new ArrayList<>(k);
      for (int t = 0; t < k - 1; t++) {
        p.add(NodeId.of(path[t]));
      }
      p.add(NodeId.of(from));
      long entropy = Entropy.message(frame[k][from][to], sum);
      Value honest = Value.of(scenario.order().kind(), held);
      Optional<Value> said = strategy.send(new Strategy.Message(NodeId.of(from), NodeId.of(to), k, p, honest, entropy));
      if (said.isPresent() && said.get().kind() != honest.kind()) {
        throw new IllegalStateException("strategy '" + strategy.name() + "' answered " + said.get()
            + " in a run of " + honest.kind().name().toLowerCase() + "s");
      }
      return said.map(Value::code).orElse(fallback);
    }

    private long choose(long[] gathered, int count) {
      if (ballot.counts()) {
        int attack = 0;
        for (int x = 0; x < count; x++) {
          attack += (int) gathered[x];
        }
        return ballot.counted(attack, count);
      }
      return ballot.choose(gathered, 0, count);
    }
  }

}
