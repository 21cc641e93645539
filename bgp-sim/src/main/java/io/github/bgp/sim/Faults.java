package io.github.bgp.sim;

import io.github.bgp.api.NodeId;
import java.util.List;
import java.util.Objects;

/**
 * What goes wrong in a simulated run: messages lost, duplicated or delayed (each frame decided
 * from the run's seed, so a run replays), and nodes crashing at a given step.
 *
 * <p>A node's steps are its effects in the order it carries them out: at the end of each
 * instant it forces its log if it persisted anything (one step), then sends each frame (one step
 * each). A {@link Crash} stops the node just before or just after its n-th step, counted over
 * the whole run: what it had not forced is lost, its timers die with it, frames sent to it
 * while it is down are lost, and after {@code downFor} time units it restarts from its log (or
 * stays down, if {@code downFor} is negative).
 *
 * @param loss the probability a frame is lost
 * @param duplicate the probability a frame arrives twice
 * @param delay the most time units a frame may arrive late, beyond the runtime's latency
 * @param crashes the crashes to inject
 */
public record Faults(double loss, double duplicate, long delay, List<Crash> crashes) {

  /** No faults: every message arrives once, on time; nobody crashes. */
  public static final Faults NONE = new Faults(0, 0, 0, List.of());

  public Faults {
    if (!(loss >= 0 && loss < 1) || !(duplicate >= 0 && duplicate < 1)) {
      throw new IllegalArgumentException("loss and duplicate are probabilities in [0, 1), got " + loss + " and "
          + duplicate);
    }
    if (delay < 0) {
      throw new IllegalArgumentException("delay must be >= 0, got " + delay);
    }
    crashes = List.copyOf(Objects.requireNonNull(crashes, "crashes"));
  }

  /** These faults plus a crash. */
  public Faults with(Crash crash) {
    List<Crash> more = new java.util.ArrayList<>(crashes);
    more.add(crash);
    return new Faults(loss, duplicate, delay, more);
  }

  /** These faults with this message loss, duplication and delay. */
  public Faults network(double loss, double duplicate, long delay) {
    return new Faults(loss, duplicate, delay, crashes);
  }

  /**
   * One crash.
   *
   * @param node who crashes
   * @param step the node's step (1 for its first effect) at which it crashes
   * @param after whether it crashes just after the step rather than just before it
   * @param downFor how long it stays down before restarting from its log; negative: for good
   */
  public record Crash(NodeId node, int step, boolean after, long downFor) {
    public Crash {
      Objects.requireNonNull(node, "node");
      if (step < 1) {
        throw new IllegalArgumentException("steps count from 1, got " + step);
      }
    }

    /** Whether the node stays down for good. */
    public boolean forGood() {
      return downFor < 0;
    }

    @Override
    public String toString() {
      return "node " + node + " crashes " + (after ? "after" : "before") + " its step " + step
          + (forGood() ? " and stays down" : ", restarting " + downFor + " later");
    }
  }
}
