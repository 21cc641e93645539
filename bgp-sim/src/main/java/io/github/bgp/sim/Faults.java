package io.github.bgp.sim;

import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.NodeId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What goes wrong in a simulated run: messages lost, duplicated or delayed (each frame decided
 * from the run's seed, so a run replays), nodes crashing at a given step or at a named point of
 * the protocol, and the network partitioned for a while.
 *
 * <p>A node's steps are its effects in the order it carries them out: at the end of each
 * instant it forces its log if it persisted anything (one step), then sends each frame (one step
 * each). A {@link Crash} stops the node just before or just after its n-th step, counted over
 * the whole run: what it had not forced is lost, its timers die with it, frames sent to it
 * while it is down are lost, and after {@code downFor} time units it restarts from its log (or
 * stays down, if {@code downFor} is negative). A {@link NamedCrash} stops it just after the first
 * force that carries a record of the kind its {@link Point} names (the decision, a vote), as the
 * protocol's {@link CommitProtocol#milestone} says: the simulator sees the records of each force.
 * A {@link Partition} loses every frame sent between its two sides while it lasts.
 *
 * <p>Commit runs take every fault; an agreement run takes partitions only (they are network
 * faults: a frame that does not arrive is a missing message the round's deadline detects), its
 * other faults being its traitors.
 *
 * @param loss the probability a frame is lost
 * @param duplicate the probability a frame arrives twice
 * @param delay the most time units a frame may arrive late, beyond the runtime's latency
 * @param crashes the crashes to inject at numbered steps
 * @param named the crashes to inject at named points
 * @param partitions the partitions of the network
 * @since 0.1.0
 */
public record Faults(double loss, double duplicate, long delay, List<Crash> crashes, List<NamedCrash> named,
    List<Partition> partitions) {

  /** No faults: every message arrives once, on time; nobody crashes. */
  public static final Faults NONE = new Faults(0, 0, 0, List.of());

  /**
   * Checks the faults and copies the lists.
   *
   * @param loss the probability a frame is lost, in [0, 1)
   * @param duplicate the probability a frame arrives twice, in [0, 1)
   * @param delay the most time units a frame may arrive late, 0 or more
   * @param crashes the crashes at numbered steps (copied)
   * @param named the crashes at named points (copied)
   * @param partitions the partitions (copied)
   * @throws IllegalArgumentException if a probability or the delay is out of range
   */
  public Faults {
    if (!(loss >= 0 && loss < 1) || !(duplicate >= 0 && duplicate < 1)) {
      throw new IllegalArgumentException("loss and duplicate are probabilities in [0, 1), got " + loss + " and "
          + duplicate);
    }
    if (delay < 0) {
      throw new IllegalArgumentException("delay must be >= 0, got " + delay);
    }
    crashes = List.copyOf(Objects.requireNonNull(crashes, "crashes"));
    named = List.copyOf(Objects.requireNonNull(named, "named"));
    partitions = List.copyOf(Objects.requireNonNull(partitions, "partitions"));
    for (int i = 0; i < named.size(); i++) {
      for (int j = i + 1; j < named.size(); j++) {
        if (named.get(i).node().equals(named.get(j).node()) && named.get(i).point() == named.get(j).point()) {
          throw new IllegalArgumentException("node " + named.get(i).node() + " is to crash "
              + named.get(i).point().word() + " twice");
        }
      }
    }
  }

  /**
   * Message faults and numbered crashes, no named crash, no partition.
   *
   * @param loss the probability a frame is lost
   * @param duplicate the probability a frame arrives twice
   * @param delay the most time units a frame may arrive late
   * @param crashes the crashes at numbered steps
   */
  public Faults(double loss, double duplicate, long delay, List<Crash> crashes) {
    this(loss, duplicate, delay, crashes, List.of(), List.of());
  }

  /**
   * These faults plus a crash.
   *
   * @param crash the crash to add
   * @return the new faults
   */
  public Faults with(Crash crash) {
    List<Crash> more = new ArrayList<>(crashes);
    more.add(Objects.requireNonNull(crash, "crash"));
    return new Faults(loss, duplicate, delay, more, named, partitions);
  }

  /**
   * These faults plus a crash at a named point.
   *
   * @param crash the crash to add
   * @return the new faults
   */
  public Faults with(NamedCrash crash) {
    List<NamedCrash> more = new ArrayList<>(named);
    more.add(Objects.requireNonNull(crash, "crash"));
    return new Faults(loss, duplicate, delay, crashes, more, partitions);
  }

  /**
   * These faults plus a partition.
   *
   * @param partition the partition to add
   * @return the new faults
   */
  public Faults with(Partition partition) {
    List<Partition> more = new ArrayList<>(partitions);
    more.add(Objects.requireNonNull(partition, "partition"));
    return new Faults(loss, duplicate, delay, crashes, named, more);
  }

  /**
   * These faults with this message loss, duplication and delay.
   *
   * @param loss the probability a frame is lost
   * @param duplicate the probability a frame arrives twice
   * @param delay the most time units a frame may arrive late
   * @return the new faults, with the same crashes and partitions
   */
  public Faults network(double loss, double duplicate, long delay) {
    return new Faults(loss, duplicate, delay, crashes, named, partitions);
  }

  /**
   * Whether the only faults are partitions (or none): what an agreement run accepts.
   *
   * @return whether there are no message faults and no crashes
   */
  public boolean partitionsOnly() {
    return loss == 0 && duplicate == 0 && delay == 0 && crashes.isEmpty() && named.isEmpty();
  }

  /**
   * Whether a frame {@code from} sends {@code to} at {@code time} is lost to a partition.
   *
   * @param from the sender
   * @param to the receiver
   * @param time when it is sent
   * @return whether some partition separates them then
   */
  public boolean partitioned(NodeId from, NodeId to, long time) {
    for (Partition p : partitions) {
      if (p.separates(from, to, time)) {
        return true;
      }
    }
    return false;
  }

  /**
   * One crash.
   *
   * @param node who crashes
   * @param step the node's step (1 for its first effect) at which it crashes
   * @param after whether it crashes just after the step rather than just before it
   * @param downFor how long it stays down before restarting from its log; negative: for good
   * @since 0.1.0
   */
  public record Crash(NodeId node, int step, boolean after, long downFor) {
    /**
     * Checks the crash.
     *
     * @param node who crashes
     * @param step the step, 1 or more
     * @param after whether it crashes just after the step
     * @param downFor how long it stays down; negative: for good
     * @throws NullPointerException if {@code node} is null
     * @throws IllegalArgumentException if {@code step} is less than 1
     */
    public Crash {
      Objects.requireNonNull(node, "node");
      if (step < 1) {
        throw new IllegalArgumentException("steps count from 1, got " + step);
      }
    }

    /**
     * Whether the node stays down for good.
     *
     * @return whether {@code downFor} is negative
     */
    public boolean forGood() {
      return downFor < 0;
    }

    @Override
    public String toString() {
      return "node " + node + " crashes " + (after ? "after" : "before") + " its step " + step
          + (forGood() ? " and stays down" : ", restarting " + downFor + " later");
    }
  }

  /**
   * A point of a commit protocol a crash can be named after, beside step numbers.
   *
   * @since 0.1.0
   */
  public enum Point {
    /** Just after the node that decides forces its decision, before anyone hears of it. */
    AFTER_DECISION(CommitProtocol.Milestone.DECISION),
    /** Just after a participant forces its vote, before the vote leaves. */
    AFTER_VOTE(CommitProtocol.Milestone.VOTE);

    private final CommitProtocol.Milestone milestone;

    Point(CommitProtocol.Milestone milestone) {
      this.milestone = milestone;
    }

    /**
     * The record the point follows the force of.
     *
     * @return the milestone
     */
    public CommitProtocol.Milestone milestone() {
      return milestone;
    }

    /**
     * {@code after-decision}, {@code after-vote}: the name the command line uses.
     *
     * @return the point's word
     */
    public String word() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The point called {@code word}.
     *
     * @param word the point's word, as {@link #word()} gives it
     * @return the point
     * @throws IllegalArgumentException if there is none, naming those there are
     */
    public static Point byWord(String word) {
      for (Point p : values()) {
        if (p.word().equals(word)) {
          return p;
        }
      }
      throw new IllegalArgumentException("unknown crash point '" + word + "' (expected after-decision or after-vote)");
    }
  }

  /**
   * A crash at a named point: {@code node} stops just after the first force of its log that carries
   * a record of the point's {@link Point#milestone() kind}. A run in which the node never forces
   * one is refused, naming the crash.
   *
   * @param node who crashes
   * @param point where
   * @param downFor how long it stays down before restarting from its log; negative: for good
   * @since 0.1.0
   */
  public record NamedCrash(NodeId node, Point point, long downFor) {
    /**
     * Checks that neither the node nor the point is null.
     *
     * @param node who crashes
     * @param point where
     * @param downFor how long it stays down; negative: for good
     */
    public NamedCrash {
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(point, "point");
    }

    /**
     * Whether the node stays down for good.
     *
     * @return whether {@code downFor} is negative
     */
    public boolean forGood() {
      return downFor < 0;
    }

    /**
     * Reads {@code NODE:POINT[:DOWNTIME|never]}, such as {@code 0:after-decision:never}; without a
     * downtime the node is down for {@code defaultDowntime}.
     *
     * @param text the crash as the command line writes it
     * @param defaultDowntime the downtime when the text gives none
     * @return the crash
     * @throws IllegalArgumentException if the text is not of that form, saying what is wrong
     */
    public static NamedCrash parse(String text, long defaultDowntime) {
      String form = "NODE:after-decision|after-vote[:DOWNTIME|never], e.g. 0:after-decision:never";
      String[] parts = Objects.requireNonNull(text, "text").strip().split(":", -1);
      if (parts.length < 2 || parts.length > 3) {
        throw new IllegalArgumentException("a named crash is " + form + "; got '" + text + "'");
      }
      int node = number(parts[0], "the node of crash '" + text + "'");
      Point point = Point.byWord(parts[1].strip());
      long down = defaultDowntime;
      if (parts.length == 3) {
        String d = parts[2].strip();
        down = d.equals("never") ? -1 : number(d, "the downtime of crash '" + text + "' (or never)");
        if (down == 0) {
          throw new IllegalArgumentException("the downtime of crash '" + text + "' must be positive, or never");
        }
      }
      return new NamedCrash(NodeId.of(node), point, down);
    }

    @Override
    public String toString() {
      return "node " + node + " crashes " + point.word() + (forGood() ? " and stays down" : ", restarting " + downFor
          + " later");
    }
  }

  /**
   * The network split in two for a while: every frame sent from a node of one side to a node of
   * the other at a time in {@code [from, until)} is lost (and counted as
   * {@code messages.partitioned}). Nodes on neither side are not affected.
   *
   * @param a one side
   * @param b the other side, disjoint from {@code a}
   * @param from when it starts
   * @param until when it heals, after {@code from}
   * @since 0.1.0
   */
  public record Partition(SortedSet<NodeId> a, SortedSet<NodeId> b, long from, long until) {
    /**
     * Checks the partition and copies its sides.
     *
     * @param a one side (copied)
     * @param b the other side (copied), disjoint from {@code a}
     * @param from when it starts
     * @param until when it heals, after {@code from}
     * @throws IllegalArgumentException if a side is empty, the sides overlap or it heals before it starts
     */
    public Partition {
      a = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(a, "a")));
      b = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(b, "b")));
      if (a.isEmpty() || b.isEmpty()) {
        throw new IllegalArgumentException("each side of a partition holds a node, got " + a + " | " + b);
      }
      for (NodeId id : a) {
        if (b.contains(id)) {
          throw new IllegalArgumentException("node " + id + " is on both sides of the partition " + a + " | " + b);
        }
      }
      if (from < 0 || until <= from) {
        throw new IllegalArgumentException("a partition lasts from a time >= 0 until a later one, got " + from + "-"
            + until);
      }
    }

    /**
     * Reads {@code A|B@T1-T2}, such as {@code 0,1|2,3@10-50}: nodes 0 and 1 cannot reach nodes 2
     * and 3 from time 10 until time 50.
     *
     * @param text the partition as the command line writes it
     * @return the partition
     * @throws IllegalArgumentException if the text is not of that form, saying what is wrong
     */
    public static Partition parse(String text) {
      String form = "A|B@T1-T2 (nodes of each side separated by commas), e.g. 0,1|2,3@10-50";
      String t = Objects.requireNonNull(text, "text").strip();
      int at = t.indexOf('@');
      int bar = t.indexOf('|');
      if (at < 0 || bar < 0 || bar > at || t.indexOf('@', at + 1) >= 0 || t.indexOf('|', bar + 1) >= 0) {
        throw new IllegalArgumentException("a partition is " + form + "; got '" + text + "'");
      }
      String times = t.substring(at + 1);
      int dash = times.indexOf('-');
      if (dash < 0 || times.indexOf('-', dash + 1) >= 0) {
        throw new IllegalArgumentException("partition '" + text
            + "' has no time range T1-T2 (two non-negative whole numbers) after its '@'");
      }
      long from = number(times.substring(0, dash), "the start of partition '" + text + "'");
      long until = number(times.substring(dash + 1), "the end of partition '" + text + "'");
      if (until <= from) {
        throw new IllegalArgumentException("partition '" + text + "' ends at " + until + ", not after it starts at "
            + from);
      }
      TreeSet<NodeId> a = side(t.substring(0, bar), "A", text);
      TreeSet<NodeId> b = side(t.substring(bar + 1, at), "B", text);
      for (NodeId id : a) {
        if (b.contains(id)) {
          throw new IllegalArgumentException("node " + id + " is on both sides of partition '" + text + "'");
        }
      }
      return new Partition(a, b, from, until);
    }

    private static TreeSet<NodeId> side(String list, String name, String text) {
      TreeSet<NodeId> side = new TreeSet<>();
      if (list.isBlank()) {
        throw new IllegalArgumentException("side " + name + " of partition '" + text + "' names no node");
      }
      for (String part : list.split(",", -1)) {
        int id = number(part, "a node of side " + name + " of partition '" + text + "'");
        if (!side.add(NodeId.of(id))) {
          throw new IllegalArgumentException("node " + id + " is listed twice on side " + name + " of partition '"
              + text + "'");
        }
      }
      return side;
    }

    /**
     * Whether a frame {@code from} sends {@code to} at {@code time} crosses this partition while it lasts.
     *
     * @param from the sender
     * @param to the receiver
     * @param time when it is sent
     * @return whether they are on opposite sides while it lasts
     */
    public boolean separates(NodeId from, NodeId to, long time) {
      if (time < this.from || time >= until) {
        return false;
      }
      return a.contains(from) && b.contains(to) || b.contains(from) && a.contains(to);
    }

    /**
     * The highest node id either side names.
     *
     * @return the highest node index
     */
    public int highest() {
      return Math.max(a.last().index(), b.last().index());
    }

    /** {@code 0,1|2,3@10-50}: the form {@link #parse} reads. */
    @Override
    public String toString() {
      return ids(a) + "|" + ids(b) + "@" + from + "-" + until;
    }

    private static String ids(SortedSet<NodeId> side) {
      List<String> ids = new ArrayList<>();
      side.forEach(id -> ids.add(Integer.toString(id.index())));
      return String.join(",", ids);
    }
  }

  private static int number(String text, String what) {
    String t = text.strip();
    if (t.isEmpty() || !t.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException(what + " must be a non-negative whole number, got '" + text + "'");
    }
    try {
      return Integer.parseInt(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " is too large: '" + text + "'", e);
    }
  }
}
