package io.github.bgp.cli;

import io.github.bgp.view.RunView;
import io.github.bgp.view.ViewPage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --html FILE} and {@code --shiviz FILE}, mixed into every command that runs something the
 * view can draw (each agreement protocol's, each commit protocol's, {@code two-generals}): the
 * run as {@code bgp view} shows it, written as one self-contained page, and its events as a
 * ShiViz log. The command decides when it has a run to draw and calls {@link #write}; everything
 * else about the files is here, so that a command gains both options with one field.
 *
 * <p>{@code bgp view} runs the same commands for its page: it sets {@link #capture}, and the run's
 * view goes there instead of to files.
 */
final class ViewOptions {

  @Option(names = "--html", paramLabel = "FILE",
      description = "Also write the run as bgp view draws it to FILE: one self-contained HTML page (its data,"
          + " style and script inline; it loads nothing) that opens offline from disk, to step through the run"
          + " or to put on a course page.")
  Path html;

  @Option(names = "--shiviz", paramLabel = "FILE",
      description = "Also write the run's events to FILE as a ShiViz log (each event with a vector clock derived"
          + " from the run's causality), for ShiViz's space-time diagrams.")
  Path shiviz;

  /** Where {@code bgp view} takes the run's view; null when the command runs from the command line. */
  Consumer<RunView> capture;

  /** Whether the run is to be drawn: a file asked for, or {@code bgp view} waiting for it. */
  boolean wanted() {
    return html != null || shiviz != null || capture != null;
  }

  /** The options given, by name, to say which ones a mode does not go with. */
  List<String> given() {
    List<String> given = new ArrayList<>();
    if (html != null) {
      given.add("--html");
    }
    if (shiviz != null) {
      given.add("--shiviz");
    }
    return given;
  }

  /**
   * Refuses the options in a mode that has no single run in the simulator to draw.
   *
   * @throws UsageError naming the options and the mode, if any was given (or {@code bgp view} asked)
   */
  void refuseIn(String mode) {
    if (wanted()) {
      List<String> given = given();
      String who = given.isEmpty() ? "bgp view draws" : String.join(" and ", given) + (given.size() == 1 ? " draws"
          : " draw");
      throw new UsageError(who + " one run in the simulator, not with " + mode);
    }
  }

  /**
   * Writes the view {@code view} makes of the run to the files asked for (or hands it to
   * {@link #capture}), with the command line that made it for the page to show.
   *
   * @throws UsageError if a file cannot be written, or the run cannot be drawn (too large, say)
   */
  void write(CommandSpec spec, Supplier<RunView> view) {
    if (!wanted()) {
      return;
    }
    RunView v;
    try {
      v = view.get().command(commandLine(spec));
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
    if (capture != null) {
      capture.accept(v);
      return;
    }
    if (shiviz != null && !v.hasEvents()) {
      throw new UsageError("--shiviz exports the events of a run, and " + spec.qualifiedName() + " has none (its"
          + " search plays loss patterns, not a run); use --html");
    }
    if (html != null) {
      try {
        ViewPage.write(html, v);
      } catch (UncheckedIOException e) {
        throw new UsageError("cannot write --html " + html + ": " + Json.problem(e.getCause()));
      }
    }
    if (shiviz != null) {
      try {
        Files.writeString(shiviz, v.shiviz(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UsageError("cannot write --shiviz " + shiviz + ": " + Json.problem(e));
      }
    }
  }

  /**
   * The command as the user typed it, without the view's own options: {@code bgp om --generals 7
   * --traitors 3,4}, to run again.
   */
  static String commandLine(CommandSpec spec) {
    List<String> words = new ArrayList<>(List.of(spec.qualifiedName()));
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    int start = args.indexOf(spec.name());
    boolean skip = false;
    for (String a : args.subList(start + 1, args.size())) {
      if (skip) {
        skip = false;
        continue;
      }
      if (a.equals("--html") || a.equals("--shiviz")) {
        skip = true;
        continue;
      }
      if (a.startsWith("--html=") || a.startsWith("--shiviz=")) {
        continue;
      }
      words.add(a.isEmpty() || a.matches(".*[^A-Za-z0-9_.,:=/@%+-].*") ? "'" + a.replace("'", "'\\''") + "'" : a);
    }
    return String.join(" ", words);
  }
}
