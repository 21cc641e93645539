package io.github.bgp.cli;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.Protocol;
import io.github.bgp.api.Protocols;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
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

  /** What a protocol's name must look like to be a command's. */
  private static final Pattern COMMAND_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs {@code bgp args}, reading standard input from {@link System#in}. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, System.in, out, err);
  }

  /**
   * Runs {@code bgp args}; {@code in} is what {@code --scenarios -} reads. A class path whose
   * protocols cannot all be commands (a name taken by a built-in command, two providers of one
   * name) is refused before anything runs, in one line, with exit code 2.
   */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    return run(args, in, out, err, Main::providers);
  }

  /** Runs {@code bgp args} with the commands of these protocols (for tests: a class path of one's choosing). */
  static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Supplier<List<Protocol>> protocols) {
    CommandLine bgp;
    try {
      bgp = commandLine(in, protocols.get(), args.length > 0 ? args[0] : null);
    } catch (UsageError e) {
      err.println("bgp: " + oneLine(e.getMessage()));
      err.flush();
      return USAGE;
    }
    return execute(bgp, args, out, err);
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

  /** The command tree, with one command for every protocol on the class path. */
  static CommandLine commandLine(InputStream in) {
    return commandLine(in, providers());
  }

  /** Every protocol on the class path; providers that cannot be loaded are the user's to fix. */
  private static List<Protocol> providers() {
    try {
      return Protocols.all();
    } catch (IllegalStateException | ServiceConfigurationError e) {
      throw new UsageError("the protocols on the class path cannot all be loaded: " + e.getMessage());
    }
  }

  /**
   * The command tree for these protocols: each agreement protocol is an {@link AgreementCommand}
   * and each commit protocol a {@link CommitCommand}, registered under the protocol's name, beside
   * the built-in commands.
   *
   * @throws UsageError if a protocol's name is taken (by a built-in command or another protocol),
   *     or cannot be a command's name, naming both
   */
  static CommandLine commandLine(InputStream in, List<Protocol> protocols) {
    return commandLine(in, protocols, null);
  }

  /**
   * The command tree, or, when {@code only} names one of its commands, the root and that command
   * alone: picocli reads every registered command's annotations up front (about a tenth of a
   * second for all of them), so a run does not pay for the commands it does not use. The names
   * are checked either way.
   */
  static CommandLine commandLine(InputStream in, List<Protocol> protocols, String only) {
    Map<String, java.util.function.Supplier<Object>> builtIn = new LinkedHashMap<>();
    builtIn.put("protocols", ProtocolsCommand::new);
    builtIn.put("bench", BenchCommand::new);
    builtIn.put("two-generals", TwoGeneralsCommand::new);
    builtIn.put("keys", KeysCommand::new);
    builtIn.put("node", () -> new NodeCommand(in));
    builtIn.put("view", () -> new ViewCommand(protocols));
    Map<String, Protocol> byName = new TreeMap<>();
    for (Protocol p : protocols) {
      String name = p.name();
      if (name == null || !COMMAND_NAME.matcher(name).matches()) {
        throw new UsageError("the protocol " + p.getClass().getName() + " is called '" + name + "', which cannot be"
            + " a command: a protocol's name is lower case letters, digits, '-', '.' or '_', starting with a letter"
            + " or a digit");
      }
      if (builtIn.containsKey(name)) {
        throw new UsageError("the protocol '" + name + "' (" + p.getClass().getName() + ") has the name of the"
            + " built-in command 'bgp " + name + "'; rename the protocol, or take its jar off the class path"
            + " (BGP_CLASSPATH)");
      }
      Protocol before = byName.put(name, p);
      if (before != null) {
        throw new UsageError("two protocols are called '" + name + "': " + before.getClass().getName() + " and "
            + p.getClass().getName());
      }
    }
    boolean one = only != null && (builtIn.containsKey(only) || byName.containsKey(only));
    java.util.function.Predicate<String> wanted = name -> !one || name.equals(only);
    CommandLine bgp = new CommandLine(new BgpCommand());
    for (Protocol p : byName.values()) {
      if (p.family() == Protocol.Family.AGREEMENT && wanted.test(p.name())) {
        bgp.addSubcommand(p.name(), AgreementCommand.forProtocol(family(p, AgreementProtocol.class), in));
      }
    }
    for (String name : List.of("protocols", "bench", "two-generals")) {
      if (wanted.test(name)) {
        bgp.addSubcommand(name, builtIn.get(name).get());
      }
    }
    for (Protocol p : byName.values()) {
      if (p.family() == Protocol.Family.COMMIT && wanted.test(p.name())) {
        bgp.addSubcommand(p.name(), CommitCommand.forProtocol(family(p, CommitProtocol.class)));
      }
    }
    for (String name : List.of("keys", "node", "view")) {
      if (wanted.test(name)) {
        bgp.addSubcommand(name, builtIn.get(name).get());
      }
    }
    return bgp;
  }

  /** {@code p} as the interface of the family it says it is of. */
  private static <P extends Protocol> P family(Protocol p, Class<P> type) {
    if (!type.isInstance(p)) {
      throw new UsageError("the protocol '" + p.name() + "' (" + p.getClass().getName() + ") says it is of the "
          + p.family().word() + " family but does not implement " + type.getSimpleName());
    }
    return type.cast(p);
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
