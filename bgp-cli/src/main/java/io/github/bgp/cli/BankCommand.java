package io.github.bgp.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bgp 2pc bank}: the money transfer on two real PostgreSQL databases, as separate
 * processes, with a SIGKILL. It lives in the bank jar ({@code bgp-bank/target/bank.jar}, which
 * carries PostgreSQL's binaries, far too large for {@code bgp.jar}); this command runs it as a
 * child process, as {@code bgp bench} runs the benchmarks jar, and passes its output on unchanged.
 */
@Command(
    name = "bank",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    header = "Transfer money between two real PostgreSQL databases, with a SIGKILL.",
    description = {
      "The money transfer on two real databases: two PostgreSQL servers (one per",
      "bank, from embedded binaries, prepared transactions enabled), a coordinator",
      "and two participants as separate processes with durable logs, each",
      "participant voting through XA on its bank's database. Six transfers run one",
      "after another; two are larger than any balance, and the database's CHECK",
      "constraint refuses them, so they abort. The victim is killed with SIGKILL",
      "right after it logs its decision on (a participant: its vote for) transfer",
      "2, and restarted from its log.",
      "",
      "It prints each transfer's outcome (from the logs), both balances, their sum",
      "before and after, and the prepared branches left after recovery (from",
      "pg_prepared_xacts). --json prints them as one object: killed, sum_before,",
      "sum_after, in_doubt, atomic, valid, balances, transfers (id, from, to,",
      "amount, outcome). It takes about a minute."
    },
    descriptionHeading = "%n",
    optionListHeading = "%nOptions:%n",
    footerHeading = "%n",
    footer = {
      "Examples:",
      "  bgp 2pc bank",
      "  bgp 2pc bank --kill participant-2 --json",
      "",
      "Exit status: 0 success, 1 internal error, 2 bad arguments or no bank jar,",
      "3 a node that did not settle or a run that broke an invariant (money lost",
      "or made, a branch left in doubt, a transfer not all or nothing)."
    })
final class BankCommand implements Callable<Integer> {

  /** The system property naming the bank jar; the {@code ./bgp} launcher sets it. */
  static final String JAR_PROPERTY = "bgp.bank.jar";
  /** Where the bank jar is built, from the repository's root. */
  static final Path JAR = Path.of("bgp-bank", "target", "bank.jar");
  /** The command that builds it. */
  static final String BUILD = "mvn -B -DskipTests -pl bgp-bank -am package";
  /** The bank's program in the bank jar. */
  static final String MAIN = "io.github.bgp.bank.BankMain";

  /** Whom the run kills. */
  enum Victim {
    coordinator, participant_1, participant_2;

    String word() {
      return name().replace('_', '-');
    }
  }

  @Spec
  CommandSpec spec;

  @Option(names = "--kill", paramLabel = "NODE", defaultValue = "coordinator",
      converter = VictimConverter.class,
      description = "Whom to kill with SIGKILL: coordinator, participant-1 or participant-2."
          + " Default: ${DEFAULT-VALUE}.")
  Victim kill;

  @Option(names = "--json", description = "Print the outcome as one JSON object.")
  boolean json;

  /** {@code participant-1} and the like; anything else is refused, naming the choices. */
  static final class VictimConverter implements picocli.CommandLine.ITypeConverter<Victim> {
    @Override
    public Victim convert(String value) {
      for (Victim v : Victim.values()) {
        if (v.word().equals(value)) {
          return v;
        }
      }
      throw new picocli.CommandLine.TypeConversionException("--kill takes coordinator, participant-1 or"
          + " participant-2, not '" + value + "'");
    }
  }

  @Override
  public Integer call() {
    Path jar = bankJar(System.getProperty(JAR_PROPERTY), BenchCommand.ownLocation());
    Process child;
    try {
      child = new ProcessBuilder(command(jar)).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      throw new UsageError("cannot run the bank jar " + jar + ": " + e.getMessage());
    }
    // Stopped by a signal meanwhile: the run stops too, and stops its nodes and databases.
    Thread hook = new Thread(child::destroy, "bgp-bank-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      Thread progress = BenchCommand.pump(child.getErrorStream(), spec.commandLine().getErr(), "bgp-bank-progress");
      BenchCommand.pump(child.getInputStream(), spec.commandLine().getOut(), "bgp-bank-output").join();
      progress.join();
      int exit = child.waitFor();
      return exit == Main.OK || exit == Main.USAGE || exit == 3 ? exit : Main.INTERNAL_ERROR;
    } catch (InterruptedException e) {
      child.destroy();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the bank ran", e);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running, and stops the child
      }
    }
  }

  /**
   * The bank jar: the one {@code property} names if it is set, else the one built beside this
   * command in the same repository ({@code location} is this command's jar or classes directory).
   *
   * @throws UsageError if it is missing, naming the command that builds it
   */
  static Path bankJar(String property, Optional<Path> location) {
    Path jar;
    if (property != null && !property.isBlank()) {
      jar = Path.of(property);
    } else {
      Path root = location.map(Path::toAbsolutePath).map(Path::getParent).map(Path::getParent).map(Path::getParent)
          .orElse(Path.of("").toAbsolutePath());
      jar = root.resolve(JAR);
    }
    if (!Files.exists(jar)) {
      throw new UsageError("bgp 2pc bank runs the bank jar " + jar + ", which is not built; build it with: " + BUILD);
    }
    return jar;
  }

  /**
   * The child's command line: this JVM's {@code java} with its {@code -X} and {@code -D} options
   * (but its class-data archive, which is {@code bgp.jar}'s), the program, the options.
   */
  List<String> command(Path jar) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if ((option.startsWith("-X") || option.startsWith("-D")) && !option.startsWith("-XX:SharedArchiveFile")) {
        command.add(option);
      }
    }
    command.add("-cp");
    command.add(jar.toString());
    command.add(MAIN);
    command.add("run");
    command.add("--kill");
    command.add(kill.word());
    if (json) {
      command.add("--json");
    }
    return command;
  }
}
