package io.github.bgp.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code bgp} command. {@link #run} is the whole program, so tests call it in-process; exit
 * codes: 0 for success, 1 for an internal error, 2 for bad arguments or input.
 */
public final class Main {

  /** Exit code of a run that did what was asked. */
  static final int OK = 0;
  /** Exit code of an unexpected failure: a bug, reported in one line (with --debug, the stack). */
  static final int INTERNAL_ERROR = 1;
  /** Exit code of bad arguments or bad input. */
  static final int USAGE = 2;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs {@code bgp args}, reading standard input from {@link System#in}. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, System.in, out, err);
  }

  /** Runs {@code bgp args}; {@code in} is what {@code --scenarios -} reads. */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    return execute(commandLine(in, args), args, out, err);
  }

  /** Runs {@code args} on the command tree {@code bgp}, turning every failure into one line and an exit code. */
  static int execute(CommandLine bgp, String[] args, PrintStream out, PrintStream err) {
    PrintWriter o = new PrintWriter(out, true);
    PrintWriter e = new PrintWriter(err, true);
    try {
      bgp.setOut(o);
      bgp.setErr(e);
      bgp.setParameterExceptionHandler(Main::badArguments);
      bgp.setExecutionExceptionHandler((ex, cl, parsed) -> failed(ex, e, parsed));
      return bgp.execute(args);
    } catch (OutOfMemoryError oom) {
      e.println("bgp: out of memory: the run is too large for this JVM's heap; raise it with -Xmx"
          + " (for ./bgp: BGP_JAVA_OPTS=-Xmx...) or run a smaller scenario");
      return USAGE;
    } finally {
      o.flush();
      e.flush();
    }
  }

  /**
   * The command tree. Each agreement protocol is one {@link AgreementCommand} registered under
   * its name: adding a protocol is one more line like {@code addSubcommand("sm", AgreementCommand.forProtocol("sm", in))}.
   */
  static CommandLine commandLine(InputStream in) {
    CommandLine bgp = new CommandLine(new BgpCommand());
    for (String name : SUBCOMMANDS) {
      bgp.addSubcommand(name, subcommand(name, in));
    }
    return bgp;
  }

  /** The subcommands' names, in the order help lists them. */
  static final List<String> SUBCOMMANDS = List.of("om", "sm", "protocols", "bench", "two-generals", "2pc", "keys", "node");

  /**
   * The command tree {@code args} needs: when they start with a subcommand's name, the root and
   * that subcommand only (picocli reads every registered command's annotations up front, about
   * a tenth of a second for all of them, so a run does not pay for the commands it does not
   * use); otherwise ({@code --help}, a mistyped name) the whole tree.
   */
  static CommandLine commandLine(InputStream in, String[] args) {
    if (args.length == 0 || !SUBCOMMANDS.contains(args[0])) {
      return commandLine(in);
    }
    CommandLine bgp = new CommandLine(new BgpCommand());
    bgp.addSubcommand(args[0], subcommand(args[0], in));
    return bgp;
  }

  private static Object subcommand(String name, InputStream in) {
    switch (name) {
      case "om":
      case "sm":
        return AgreementCommand.forProtocol(name, in);
      case "protocols":
        return new ProtocolsCommand();
      case "bench":
        return new BenchCommand();
      case "two-generals":
        return new TwoGeneralsCommand();
      case "2pc":
        return new TwoPhaseCommand();
      case "keys":
        return new KeysCommand();
      case "node":
        return new NodeCommand(in);
      default:
        throw new IllegalArgumentException("no subcommand " + name);
    }
  }

  /** picocli's complaint in one line, with where to read more. */
  private static int badArguments(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    StringBuilder line = new StringBuilder("bgp: ").append(oneLine(ex.getMessage()));
    if (ex instanceof UnmatchedArgumentException u) {
      List<String> suggestions = u.getSuggestions();
      if (!suggestions.isEmpty()) {
        line.append("; did you mean ").append(String.join(" or ", suggestions)).append('?');
      }
    }
    line.append(" (see ").append(cl.getCommandSpec().qualifiedName()).append(" --help)");
    cl.getErr().println(line);
    return USAGE;
  }

  private static int failed(Exception ex, PrintWriter err, ParseResult parsed) {
    if (ex instanceof UsageError) {
      err.println("bgp: " + oneLine(ex.getMessage()));
      return USAGE;
    }
    err.println("bgp: internal error: " + oneLine(String.valueOf(ex)));
    if (debugging(parsed)) {
      printStack(ex, err);
    }
    return INTERNAL_ERROR;
  }

  private static boolean debugging(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }

  /** The stack of {@code t} and its causes, for --debug. */
  private static void printStack(Throwable t, PrintWriter err) {
    String prefix = "";
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      err.println(prefix + c);
      for (StackTraceElement frame : c.getStackTrace()) {
        err.println("\tat " + frame);
      }
      prefix = "Caused by: ";
    }
  }

  /** {@code text} with its line breaks (and the spaces around them) turned into single spaces. */
  static String oneLine(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
