package io.github.bgp.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command's options listed under headings in its {@code --help}, one heading per mixin.
 *
 * <p>The commands keep their options in {@link CommandLine.Mixin mixins}, not in argument groups:
 * picocli starts a new instance of a group when one of its options is repeated and keeps only the
 * last, so {@code bgp om -t 3,4 -n 7 -n 7} would lose the traitors. Mixed in, every option is the
 * command's own and picocli refuses a repeated single-valued option in one line ("option
 * '--generals' (N) should be specified only once"), while a list option (--traitors, --lie,
 * --crash) gathers every occurrence. The headings the groups gave the help are drawn here instead.
 */
final class OptionSections {

  private OptionSections() {}

  /**
   * Lists {@code cl}'s options under the help's option heading (those of no section) and then
   * under each heading of {@code sections}, a map from the heading to the name of a mixin (its
   * field's name), in that order.
   *
   * @throws IllegalStateException if a section names a mixin the command does not have
   */
  static void install(CommandLine cl, Map<String, String> sections) {
    CommandSpec spec = cl.getCommandSpec();
    Map<String, List<String>> byHeading = new LinkedHashMap<>();
    for (Map.Entry<String, String> s : sections.entrySet()) {
      CommandSpec mixin = spec.mixins().get(s.getValue());
      if (mixin == null) {
        throw new IllegalStateException("the command " + spec.name() + " has no mixin '" + s.getValue() + "'");
      }
      List<String> names = new ArrayList<>();
      mixin.options().forEach(o -> names.add(o.longestName()));
      byHeading.put(s.getKey(), names);
    }
    cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST,
        help -> render(help, byHeading));
  }

  private static String render(Help help, Map<String, List<String>> byHeading) {
    CommandSpec spec = help.commandSpec();
    Set<String> sectioned = new LinkedHashSet<>();
    byHeading.values().forEach(sectioned::addAll);
    List<OptionSpec> rest = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      if (!o.hidden() && !sectioned.contains(o.longestName())) {
        rest.add(o);
      }
    }
    StringBuilder b = new StringBuilder(layout(help, rest));
    for (Map.Entry<String, List<String>> section : byHeading.entrySet()) {
      List<OptionSpec> options = new ArrayList<>();
      for (String name : section.getValue()) {
        OptionSpec o = spec.findOption(name);
        if (o != null && !o.hidden()) {
          options.add(o);
        }
      }
      b.append('\n').append(section.getKey()).append('\n').append(layout(help, options));
    }
    return b.toString();
  }

  private static String layout(Help help, List<OptionSpec> options) {
    Help.Layout layout = help.createDefaultLayout();
    for (OptionSpec o : options) {
      layout.addOption(o, help.parameterLabelRenderer());
    }
    return layout.toString();
  }
}
