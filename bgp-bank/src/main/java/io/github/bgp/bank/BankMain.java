package io.github.bgp.bank;

import io.github.bgp.net.LiveNode;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bank jar's program: {@code run} is the whole money transfer on two PostgreSQL databases
 * ({@link BankRun}, what {@code ./bgp 2pc bank} runs), {@code node} one of its nodes as a
 * process ({@link BankNode}, which the run starts). Exit status: 0 success, 1 internal error, 2
 * bad arguments, 3 a node that did not settle or a run that broke an invariant.
 */
public final class BankMain {

  /** The flags that take no value. */
  private static final Set<String> FLAGS = Set.of("--json");
  private static final Set<String> RUN_OPTIONS = Set.of("--json", "--kill", "--resource-threads");
  private static final Set<String> NODE_OPTIONS = Set.of("--config", "--id", "--log-dir", "--transfers", "--db",
      "--halt-after", "--resource-threads");

  private BankMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      if (args.length == 0 || !(args[0].equals("run") || args[0].equals("node"))) {
        throw new IllegalArgumentException("bank.jar wants 'run [--kill VICTIM] [--json] [--resource-threads N]' or"
            + " 'node OPTIONS', got "
            + (args.length == 0 ? "nothing" : "'" + args[0] + "'"));
      }
      boolean node = args[0].equals("node");
      Map<String, String> options = options(Arrays.asList(args).subList(1, args.length),
          node ? NODE_OPTIONS : RUN_OPTIONS);
      int exit = node ? BankNode.run(options, out, err) : BankRun.run(options, out, err);
      out.flush();
      return exit;
    } catch (IllegalArgumentException e) {
      err.println("bgp 2pc bank: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      err.println("bgp 2pc bank: internal error: " + e);
      e.printStackTrace(err);
      return 1;
    }
  }

  /** {@code --name value} pairs and flags, each of {@code known}, each once. */
  static Map<String, String> options(List<String> args, Set<String> known) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String name = args.get(i);
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown option '" + name + "' (known: " + String.join(", ",
            known.stream().sorted().toList()) + ")");
      }
      String value;
      if (FLAGS.contains(name)) {
        value = "true";
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new IllegalArgumentException(name + " wants a value");
      }
      if (options.put(name, value) != null) {
        throw new IllegalArgumentException(name + " is given twice");
      }
    }
    return options;
  }

  /**
   * {@code --resource-threads N}: how many resource calls a participant's {@link LiveNode} carries
   * out at once, 1 to {@value LiveNode#MAX_RESOURCE_THREADS}; {@value LiveNode#DEFAULT_RESOURCE_THREADS}
   * if not given.
   *
   * @throws IllegalArgumentException if it is not a whole number in that range
   */
  static int resourceThreads(Map<String, String> options) {
    String given = options.get("--resource-threads");
    if (given == null) {
      return LiveNode.DEFAULT_RESOURCE_THREADS;
    }
    int n;
    try {
      n = Integer.parseInt(given);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--resource-threads wants a whole number, got '" + given + "'");
    }
    if (n < 1 || n > LiveNode.MAX_RESOURCE_THREADS) {
      throw new IllegalArgumentException("--resource-threads must be 1 to " + LiveNode.MAX_RESOURCE_THREADS
          + ", got " + n);
    }
    return n;
  }

  static String required(Map<String, String> options, String name) {
    String v = options.get(name);
    if (v == null) {
      throw new IllegalArgumentException("missing " + name);
    }
    return v;
  }
}
