package io.github.bgp.cli;

import io.github.bgp.api.NodeId;
import io.github.bgp.api.Scenario;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the reports name generals, lists and counts. */
final class Words {

  private Words() {}

  /** {@code commander 0} or {@code lieutenant 3}. */
  static String general(NodeId id) {
    return (id.equals(NodeId.COMMANDER) ? "commander " : "lieutenant ") + id;
  }

  /** {@code OM(2)}: the protocol's name in capitals with its m. */
  static String algorithm(String protocol, int m) {
    return protocol.toUpperCase(Locale.ROOT) + "(" + m + ")";
  }

  /** {@code the commander and lieutenants 3 and 4}, {@code lieutenant 2}, {@code nobody}. */
  static String generals(Collection<NodeId> ids) {
    List<String> parts = new ArrayList<>();
    List<NodeId> lieutenants = new ArrayList<>();
    for (NodeId id : ids) {
      if (id.equals(NodeId.COMMANDER)) {
        parts.add("the commander");
      } else {
        lieutenants.add(id);
      }
    }
    if (!lieutenants.isEmpty()) {
      parts.add((lieutenants.size() == 1 ? "lieutenant " : "lieutenants ") + and(strings(lieutenants)));
    }
    return parts.isEmpty() ? "nobody" : and(parts);
  }

  /** {@code a}, {@code a and b}, {@code a, b and c}. */
  static String and(List<String> items) {
    if (items.size() <= 1) {
      return String.join("", items);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
  }

  /** {@code 1, 2, 5}. */
  static String ids(Collection<NodeId> ids) {
    return String.join(", ", strings(ids));
  }

  /** {@code 1,234,567}, the same in every locale. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** {@code 1 traitor}, {@code 2 traitors}. */
  static String plural(long n, String noun) {
    return count(n) + " " + noun + (n == 1 ? "" : "s");
  }

  /** The scenario's traitors and how they lie: {@code traitors: lieutenants 3 and 4 (strategy random)}. */
  static String traitors(Scenario s) {
    if (s.traitors().isEmpty()) {
      return "no traitors";
    }
    LieSpecs.Script script = LieSpecs.script(s.strategy());
    int lies = script.lies().size();
    return "traitors: " + generals(s.traitors()) + " (strategy " + script.strategy()
        + (lies == 0 ? "" : ", and " + (lies == 1 ? "1 scripted lie" : lies + " scripted lies")) + ")";
  }

  private static List<String> strings(Collection<NodeId> ids) {
    return ids.stream().map(NodeId::toString).collect(Collectors.toList());
  }
}
