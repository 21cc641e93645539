package io.github.bgp.cli;

import io.github.bgp.api.NodeId;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How traitors lie, as the command line and scenario files write it, and back.
 *
 * <ul>
 *   <li>A lie is {@code PATH>TO=VALUE}: PATH the message's path, its generals joined by dots
 *       ({@code 0} is the commander's order, {@code 0.4} lieutenant 4 relaying it), so the teller
 *       is the last general of PATH; TO the recipient; VALUE an order, a number, or {@code none}
 *       for silence. {@code 0>3=RETREAT}, {@code 0.4>2=ATTACK}.
 *   <li>A strategy is a built-in name for every traitor ({@code flip}), or per traitor:
 *       {@code 3=flip,4=split}, with an optional bare name for the traitors not named
 *       ({@code 3=flip,split}; {@code random} if none).
 * </ul>
 *
 * <p>{@link #strategy} puts both together into the one {@link Strategy} a scenario carries
 * ({@link Strategy#scripted} over {@link Strategy#perTraitor}), and {@link #script} takes such a
 * strategy apart again, so that what a run did can be printed as options that replay it.
 */
final class LieSpecs {

  private static final Pattern LIE = Pattern.compile("\\s*(\\d+(?:\\.\\d+)*)\\s*>\\s*(\\d+)\\s*=\\s*(\\S.*?)\\s*");
  private static final String LIE_FORM = "PATH>TO=VALUE, like 0>3=RETREAT or 0.4>2=ATTACK (VALUE none for silence)";

  private LieSpecs() {}

  /** What a scenario's traitors do, in the command line's terms. */
  record Script(String strategy, List<Strategy.Lie> lies) {
    Script {
      lies = List.copyOf(lies);
    }

    /** The lies as {@code PATH>TO=VALUE} texts, in path order. */
    List<String> specs() {
      return lies.stream().map(LieSpecs::spec).toList();
    }
  }

  /**
   * One lie, checked only for its form: whether its teller is a traitor and its generals exist is
   * {@link #strategy}'s to check.
   *
   * @throws IllegalArgumentException naming the lie and what is wrong with it
   */
  static Strategy.Lie parse(String spec) {
    Matcher m = LIE.matcher(spec == null ? "" : spec);
    if (!m.matches()) {
      throw new IllegalArgumentException("lie '" + spec + "' is not of the form " + LIE_FORM);
    }
    List<NodeId> path = new ArrayList<>();
    for (String id : m.group(1).split("\\.")) {
      NodeId general = NodeId.of(id(id, spec));
      if (path.contains(general)) {
        throw new IllegalArgumentException("lie '" + spec + "': general " + general + " is on its path twice");
      }
      path.add(general);
    }
    if (!path.get(0).equals(NodeId.COMMANDER)) {
      throw new IllegalArgumentException("lie '" + spec + "': a path starts with the commander, 0 (0 is its order, 0."
          + path.get(0) + " lieutenant " + path.get(0) + " relaying it)");
    }
    NodeId to = NodeId.of(id(m.group(2), spec));
    if (to.equals(NodeId.COMMANDER)) {
      throw new IllegalArgumentException("lie '" + spec + "': the commander receives no message; TO is a lieutenant");
    }
    if (path.contains(to)) {
      throw new IllegalArgumentException("lie '" + spec + "': general " + to + " is on the path already, so nobody"
          + " sends it this message");
    }
    String text = m.group(3);
    Optional<Value> value;
    if (text.equalsIgnoreCase("none")) {
      value = Optional.empty();
    } else {
      try {
        value = Optional.of(Value.parse(text));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("lie '" + spec + "': " + e.getMessage() + ", or none for silence");
      }
    }
    return new Strategy.Lie(path, to, value);
  }

  private static int id(String digits, String spec) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("lie '" + spec + "': general " + digits + " is out of range");
    }
  }

  /** {@code 0.4>2=ATTACK}, {@code 0>3=none}: the form {@link #parse} reads. */
  static String spec(Strategy.Lie lie) {
    return lie.path().stream().map(NodeId::toString).collect(Collectors.joining(".")) + ">" + lie.to() + "="
        + lie.value().map(Value::toString).orElse("none");
  }

  /**
   * The strategy of a scenario with these traitors: {@code strategy} (null: random) for every
   * traitor or per traitor, with {@code lies} told over it.
   *
   * @param shape the scenario without its strategy: its generals, m, traitors and order
   * @throws IllegalArgumentException if a lie's teller or a strategy's general is not a traitor,
   *     a lie names a general beyond the scenario or a path longer than its rounds, is of another
   *     kind than the order, or two lies or two strategies are given for one message or traitor
   */
  static Strategy strategy(Scenario shape, String strategy, List<String> lies) {
    Map<NodeId, Strategy> byTraitor = new TreeMap<>();
    Strategy otherwise = perTraitor(strategy, shape.traitors(), byTraitor);
    Map<NodeId, List<Strategy.Lie>> byTeller = new TreeMap<>();
    Map<String, String> seen = new LinkedHashMap<>();
    for (String text : lies) {
      Strategy.Lie lie = parse(text);
      check(shape, text, lie);
      String before = seen.put(lie.path() + ">" + lie.to(), text);
      if (before != null) {
        throw new IllegalArgumentException("lies '" + before + "' and '" + text + "' are about the same message (path "
            + ids(lie.path()) + " to " + lie.to() + "); give one");
      }
      byTeller.computeIfAbsent(lie.from(), t -> new ArrayList<>()).add(lie);
    }
    if (byTraitor.isEmpty() && byTeller.isEmpty()) {
      return otherwise;
    }
    Map<NodeId, Strategy> each = new TreeMap<>();
    for (NodeId t : shape.traitors()) {
      Strategy base = byTraitor.getOrDefault(t, otherwise);
      List<Strategy.Lie> told = byTeller.get(t);
      Strategy s = told == null ? base : Strategy.scripted(told, base);
      if (!s.equals(otherwise)) {
        each.put(t, s);
      }
    }
    return Strategy.perTraitor(each, otherwise);
  }

  /** Reads {@code flip} or {@code 3=flip,4=split[,NAME]} into {@code byTraitor}; returns the strategy of the rest. */
  private static Strategy perTraitor(String text, SortedSet<NodeId> traitors, Map<NodeId, Strategy> byTraitor) {
    if (text == null) {
      return Strategy.RANDOM;
    }
    if (!text.contains("=")) {
      return Strategy.byName(text);
    }
    Strategy otherwise = null;
    for (String part : text.split(",", -1)) {
      String p = part.strip();
      int eq = p.indexOf('=');
      if (eq < 0) {
        if (otherwise != null) {
          throw new IllegalArgumentException("strategy '" + text + "' names two strategies for the traitors it does"
              + " not name (" + otherwise.name() + " and " + p + "); give one");
        }
        otherwise = Strategy.byName(p);
        continue;
      }
      String id = p.substring(0, eq).strip();
      if (!id.matches("\\d{1,9}")) {
        throw new IllegalArgumentException("strategy '" + text + "': '" + p + "' is not ID=NAME, like 3=flip");
      }
      NodeId traitor = NodeId.of(Integer.parseInt(id));
      if (!traitors.contains(traitor)) {
        throw new IllegalArgumentException("strategy '" + text + "': general " + traitor + " is not a traitor ("
            + traitorsText(traitors) + ")");
      }
      if (byTraitor.put(traitor, Strategy.byName(p.substring(eq + 1))) != null) {
        throw new IllegalArgumentException("strategy '" + text + "' gives traitor " + traitor + " two strategies");
      }
    }
    return otherwise == null ? Strategy.RANDOM : otherwise;
  }

  private static void check(Scenario shape, String text, Strategy.Lie lie) {
    int n = shape.generals();
    for (NodeId g : lie.path()) {
      if (g.index() >= n) {
        throw new IllegalArgumentException("lie '" + text + "': general " + g + " is out of range: the generals are 0.."
            + (n - 1));
      }
    }
    if (lie.to().index() >= n) {
      throw new IllegalArgumentException("lie '" + text + "': general " + lie.to() + " is out of range: the generals"
          + " are 0.." + (n - 1));
    }
    int rounds = shape.m() + 1;
    if (lie.path().size() > rounds) {
      throw new IllegalArgumentException("lie '" + text + "': its path has " + lie.path().size() + " generals, but with"
          + " m=" + shape.m() + " a value is relayed along paths of at most m+1 = " + rounds);
    }
    if (!shape.isTraitor(lie.from())) {
      throw new IllegalArgumentException("lie '" + text + "': " + Words.general(lie.from()) + " tells it but is not a"
          + " traitor (" + traitorsText(shape.traitors()) + ")");
    }
    lie.value().ifPresent(v -> {
      if (v.kind() != shape.order().kind()) {
        throw new IllegalArgumentException("lie '" + text + "': " + v + " is not of the order's kind (the order is "
            + shape.order() + ")");
      }
    });
  }

  private static String traitorsText(SortedSet<NodeId> traitors) {
    return traitors.isEmpty() ? "there are none" : "the traitors are " + Words.ids(traitors);
  }

  private static String ids(List<NodeId> path) {
    return path.stream().map(NodeId::toString).collect(Collectors.joining(" ", "[", "]"));
  }

  /**
   * A strategy taken apart into {@code --strategy} and {@code --lie} options that make it again:
   * built-in strategies by name, per-traitor strategies as {@code 3=flip,4=split}, scripted
   * lies as lies. A strategy the command line cannot write (one written in Java) keeps its name.
   */
  static Script script(Strategy s) {
    List<Strategy.Lie> lies = new ArrayList<>();
    String text = script(s, lies);
    lies.sort((a, b) -> {
      int c = io.github.bgp.sim.Traces.comparePaths(a.path(), b.path());
      return c != 0 ? c : a.to().compareTo(b.to());
    });
    return new Script(text, lies);
  }

  private static String script(Strategy s, List<Strategy.Lie> lies) {
    if (s instanceof Strategy.Scripted scripted) {
      lies.addAll(scripted.lies());
      return script(scripted.otherwise(), lies);
    }
    if (s instanceof Strategy.PerTraitor per) {
      String otherwise = script(per.otherwise(), lies);
      List<String> entries = new ArrayList<>();
      per.byTraitor().forEach((id, st) -> {
        String name = script(st, lies);
        if (!name.equals(otherwise)) {
          entries.add(id + "=" + name);
        }
      });
      if (entries.isEmpty()) {
        return otherwise;
      }
      return String.join(",", entries) + (otherwise.equals(Strategy.RANDOM.name()) ? "" : "," + otherwise);
    }
    return s.name();
  }
}
