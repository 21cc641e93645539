package io.github.bgp.cli;

import io.github.bgp.api.Protocol;
import io.github.bgp.view.RunView;
import io.github.bgp.view.ViewServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bgp view}: serves the view on 127.0.0.1, where a student sets up a run of any
 * protocol's command and steps through it. Each run the page asks for is the command itself,
 * parsed and checked as on the command line, with its {@link ViewOptions} taking the view
 * instead of writing files: the page offers exactly what the commands offer, and says what they
 * would say of a bad option.
 */
@Command(
    name = "view",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    header = "Serve a page on 127.0.0.1 to set up runs and step through them, forward and back.",
    description = {
      "Prints the page's address and serves it until stopped (Ctrl-C). On the page,",
      "choose a protocol (every agreement and commit protocol on the class path, and",
      "the two generals), set the scenario up as the command's options would",
      "(generals, m, traitors, a strategy per traitor, scripted lies; for commit,",
      "votes, loss and crashes), run it and step through it, forward and back: the",
      "generals and each round's messages, lies marked; each lieutenant's tree",
      "folding by majority to its decision; a space-time diagram at Lamport times;",
      "for commit, each node's state machine lit as it moves, crashes and recovers;",
      "for the two generals, the timelines the search found. The page loads nothing",
      "from anywhere else.",
      "",
      "Every run command also takes --html FILE, the same page with its run inside,",
      "to open offline, and --shiviz FILE, the run's events as a ShiViz log."
    },
    descriptionHeading = "%n",
    optionListHeading = "%nOptions:%n",
    footerHeading = "%n",
    footer = {
      "Examples:",
      "  ${COMMAND-FULL-NAME}",
      "  ${COMMAND-FULL-NAME} --port 0",
      "  bgp om --generals 7 --traitors 3,4 --html run.html",
      "",
      "Exit status (it serves until stopped): 1 internal error, 2 bad arguments (a",
      "port in use, say)."
    })
final class ViewCommand implements Callable<Integer> {

  /** The port unless told otherwise. */
  static final int DEFAULT_PORT = 8311;

  /** Options the page may not pass: they read or write files on this machine, or are the view's own. */
  private static final Set<String> REFUSED = Set.of("--html", "--shiviz", "--log-dir", "--chart", "--scenarios",
      "--scenario", "--debug");

  @Spec
  CommandSpec spec;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + DEFAULT_PORT,
      description = "The port to listen on, on 127.0.0.1 only; 0 takes any free one. Default: ${DEFAULT-VALUE}.")
  int port;

  private final List<Protocol> protocols;

  ViewCommand(List<Protocol> protocols) {
    this.protocols = List.copyOf(protocols);
  }

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--port must be 0..65535 (0: any free port), got " + port);
    }
    ViewServer server = start(port, protocols);
    PrintWriter out = spec.commandLine().getOut();
    out.println("bgp view: open " + server.url() + " (Ctrl-C stops it)");
    out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "bgp-view-stop"));
    new CountDownLatch(1).await(); // serves until the process is stopped
    return Main.OK;
  }

  /**
   * The server, started, offering the commands of these protocols.
   *
   * @throws UsageError if the port cannot be bound
   */
  static ViewServer start(int port, List<Protocol> protocols) {
    try {
      return ViewServer.start(port, commands(protocols), (command, options) -> run(protocols, command, options));
    } catch (BindException e) {
      throw new UsageError("port " + port + " on 127.0.0.1 is in use: choose another with --port (0: any free one)");
    } catch (IOException e) {
      throw new UsageError("cannot serve on 127.0.0.1 port " + port + ": " + e.getMessage());
    }
  }

  /** What the page offers: each agreement protocol, each commit protocol, the two generals. */
  static List<ViewServer.Command> commands(List<Protocol> protocols) {
    List<ViewServer.Command> commands = new ArrayList<>();
    for (Protocol p : protocols) {
      if (p.family() == Protocol.Family.AGREEMENT) {
        commands.add(new ViewServer.Command(p.name(), "agreement", shortTitle(AgreementNotes.of(p.name()).title())));
      }
    }
    for (Protocol p : protocols) {
      if (p.family() == Protocol.Family.COMMIT) {
        commands.add(new ViewServer.Command(p.name(), "commit", "Run " + CommitNotes.of(p.name()).called()
            + " with crashes and lost messages"));
      }
    }
    commands.add(new ViewServer.Command("two-generals", "two-generals",
        "The two generals: the disagreements an exhaustive search of every loss pattern finds"));
    return commands;
  }

  /** {@code Run OM(m), the oral messages algorithm}: the help's title without what the page does not offer. */
  private static String shortTitle(String title) {
    int colon = title.indexOf(':');
    return (colon < 0 ? title : title.substring(0, colon)).replaceFirst("\\.$", "");
  }

  /**
   * Runs {@code bgp COMMAND OPTIONS} as the command line would, and returns its view.
   *
   * @throws IllegalArgumentException with the command's own one-line complaint, if it refuses
   */
  static RunView run(List<Protocol> protocols, String command, List<ViewServer.Option> options) {
    List<String> args = new ArrayList<>(List.of(command));
    for (ViewServer.Option o : options) {
      if (!o.name().startsWith("--")) {
        throw new IllegalArgumentException("an option's name starts with --, as " + o.name() + " does not");
      }
      if (REFUSED.contains(o.name())) {
        throw new IllegalArgumentException(o.name() + " is not for the page: it names a file on this machine");
      }
      args.add(o.name());
      args.add(o.value());
    }
    CommandLine bgp = Main.commandLine(new ByteArrayInputStream(new byte[0]), protocols, command);
    CommandLine cl = bgp.getSubcommands().get(command);
    CommandSpec view = cl == null ? null : cl.getCommandSpec().mixins().get("view");
    if (view == null) {
      throw new IllegalArgumentException("bgp " + command + " has no view");
    }
    RunView[] drawn = new RunView[1];
    ((ViewOptions) view.userObject()).capture = v -> drawn[0] = v;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.execute(bgp, args.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    if (exit != Main.OK) {
      String said = err.toString(StandardCharsets.UTF_8).strip().replaceFirst("^bgp: ", "");
      throw new IllegalArgumentException(said.isEmpty() ? "bgp " + command + " failed (exit " + exit + ")" : said);
    }
    if (drawn[0] == null) {
      throw new IllegalArgumentException("bgp " + String.join(" ", args) + " ran nothing to draw");
    }
    return drawn[0];
  }
}
