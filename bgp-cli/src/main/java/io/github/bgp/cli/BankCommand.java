package io.github.bgp.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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
      "  bgp 2pc bank --resource-threads 8",
      "",
      "Exit status: 0 success, 1 internal error, 2 bad arguments or no bank jar,",
      "3 a node that did not settle or a run that broke an invariant (money lost",
      "or made, a branch left in doubt, a transfer not all or nothing)."
    })
final class BankCommand implements Callable<Integer> {

  /** The system property naming the bank jar; the {@code ./bgp} launcher sets it. */
  static final String JAR_PROPERTY = "bgp.bank.jar";
  /** The bank jar: where it is built, from the repository's root, and the command that builds it. */
  static final ChildJar CHILD = new ChildJar("bgp 2pc bank", "the bank jar", JAR_PROPERTY,
      Path.of("bgp-bank", "target", "bank.jar"), "mvn -B -DskipTests -pl bgp-bank -am package", "bgp-bank");
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

  @Option(names = "--resource-threads", paramLabel = "N",
      description = "How many XA calls (prepare, commit, abort) each bank's participant carries out at once, 1 to"
          + " 1024 (bgp node --resource-threads). The transfers run one after another, so more changes little here."
          + " Default: 4.")
  Integer resourceThreads;

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
    String problem = resourceThreads == null ? null : NodeCommand.resourceThreadsProblem(resourceThreads);
    if (problem != null) {
      throw new ParameterException(spec.commandLine(), problem);
    }
    Path jar = CHILD.find();
    // 3: a node that did not settle, or an invariant broken; the run says which.
    return CHILD.run(jar, command(jar), spec, Set.of(Main.OK, Main.USAGE, 3));
  }

  /**
   * The child's command line ({@link ChildJar#java}): this JVM's {@code java} and options, the
   * bank's program, this command's options.
   */
  List<String> command(Path jar) {
    List<String> command = ChildJar.java(jar, List.of(), MAIN);
    command.add("run");
    command.add("--kill");
    command.add(kill.word());
    if (json) {
      command.add("--json");
    }
    if (resourceThreads != null) {
      command.add("--resource-threads");
      command.add(resourceThreads.toString());
    }
    return command;
  }
}
