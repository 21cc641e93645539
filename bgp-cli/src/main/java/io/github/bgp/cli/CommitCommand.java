package io.github.bgp.cli;

import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.sim.Faults;
import io.github.bgp.testkit.CommitSearch;
import io.github.bgp.spi.Entropy;
import io.github.bgp.twophase.log.FileLog;
import io.github.bgp.twophase.log.LogOwner;
import io.github.bgp.view.RunView;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bgp 2pc} and every other atomic commit protocol on the class path: one class,
 * registered once per provider with {@link #forProtocol}. Runs a workload in the simulator, with
 * the crashes and message faults asked for, and shows what every node did and decided; its
 * {@code log} subcommand ({@link CommitLogCommand}) reads the logs a run wrote with
 * {@code --log-dir}. The steps a crash can fall on are those the run took (the outcome's steps).
 */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    synopsisSubcommandLabel = "[log]",
    descriptionHeading = "%n",
    optionListHeading = "%nOptions:%n",
    commandListHeading = "%nCommands:%n",
    footerHeading = "%n",
    footer = {
      "Steps and crashes (--crash NODE:STEP:before|after[:DOWNTIME|never]):",
      "  A node's steps are its effects in order over the whole run: each force",
      "  of its log (one per instant in which it logged anything) and each message",
      "  it sends. --trace numbers them, and the summary says how many each node",
      "  took. The node crashes just before or just after that step: what it had",
      "  not forced is lost, messages to it while it is down are lost, and after",
      "  DOWNTIME time units (default " + CommitSpecs.DEFAULT_DOWNTIME + ") it restarts from its log, or never.",
      "  A step the run never reaches is refused.",
      "    0:5:after:100    node 0 crashes just after its step 5, back 100 later",
      "    2:1:before:never participant 2 dies before it forces anything",
      "",
      "Votes (--votes, comma-separated or repeated):",
      "    2:cac            transaction 2: participants 1 and 3 vote COMMIT, 2 ABORT",
      "    3:abort@1+3      transaction 3: participants 1 and 3 vote ABORT",
      "  Transactions are numbered 1..T; transaction i starts at t=(i-1)*GAP.",
      "",
      "Scenario files (--scenario FILE) give the workload as JSON; --json prints",
      "the run's scenario in the same form, under \"scenario\":",
      "  {\"participants\": 2, \"seed\": 7, \"timeouts\": {\"votes\": 20, \"request\": 40,",
      "   \"retry\": 30}, \"transactions\": [{\"id\": 1, \"start\": 0, \"votes\":",
      "   [\"commit\", \"abort\"], \"payload\": \"alice:-30,bob:+30\"}]}",
      "  participants and transactions are required; in a transaction, id. The",
      "  payload is UTF-8 text (or \"payloadHex\"). Unknown keys are refused.",
      "",
      "Examples:",
      "  ${COMMAND-FULL-NAME}",
      "  ${COMMAND-FULL-NAME} --crash 0:9:after:100 --trace",
      "  ${COMMAND-FULL-NAME} --crash 0:9:after:never",
      "  ${COMMAND-FULL-NAME} -p 5 -t 20 --abort-rate 0.1 --loss 0.2 --seed 7",
      "  ${COMMAND-FULL-NAME} --votes 1:abort@2 --log-dir logs && ${COMMAND-FULL-NAME} log logs",
      "  ${COMMAND-FULL-NAME} --scenario transfer.json --crash 1:2:after --json",
      "  ${COMMAND-FULL-NAME} --recovery-table",
      "",
      "Exit status: 0 success, 1 internal error, 2 bad arguments or input."
    })
final class CommitCommand implements Callable<Integer> {

  static final int DEFAULT_PARTICIPANTS = 3;
  static final int DEFAULT_TRANSACTIONS = 3;
  static final long DEFAULT_GAP = 2;
  static final int MAX_PARTICIPANTS = 100;
  static final int MAX_TRANSACTIONS = 1000;
  /** The latest start, the longest timeout and the longest downtime a run takes, in time units. */
  static final long MAX_TIME = 1_000_000_000_000L;

  @Spec
  CommandSpec spec;

  private final CommitProtocol protocol;
  private final CommitNotes notes;

  private CommitCommand(CommitProtocol protocol, CommitNotes notes) {
    this.protocol = protocol;
    this.notes = notes;
  }

  /**
   * The command that runs {@code protocol}, named after it, with the protocol's
   * {@link CommitNotes} as its help, and its {@code log} subcommand.
   */
  static CommandLine forProtocol(CommitProtocol protocol) {
    CommitNotes notes = CommitNotes.of(protocol.name());
    CommandLine cl = new CommandLine(new CommitCommand(protocol, notes));
    cl.setCommandName(protocol.name());
    OptionSections.install(cl, AgreementCommand.sections(
        "The workload:", "workload", "What goes wrong:", "trouble", "Output:", "output",
        "Searching for a run that breaks atomic commit:", "search", "The view:", "view"));
    cl.getCommandSpec().usageMessage()
        .header(notes.title())
        .description(notes.description().toArray(new String[0]));
    cl.addSubcommand("log", CommitLogCommand.forProtocol(protocol, notes));
    if (protocol.name().equals("2pc")) {
      cl.addSubcommand("bank", new BankCommand()); // the money transfer on real databases, from the bank jar
      cl.getCommandSpec().usageMessage().synopsisSubcommandLabel("[log | bank]");
    }
    return cl;
  }

  // Mixins, not argument groups: a repeated option of a group would silently start a new group (OptionSections).
  @Mixin
  Workload workload = new Workload();

  @Mixin
  Trouble trouble = new Trouble();

  @Mixin
  Output output = new Output();

  @Mixin
  SearchOptions search = new SearchOptions();

  @Mixin
  ViewOptions view = new ViewOptions();

  /** The commit search. */
  static final class SearchOptions {
    @Option(names = "--search",
        description = "Instead of one run, search generated workloads (1..--participants participants, 1..--transactions"
            + " transactions, random votes) under random faults for one in which a participant commits what another"
            + " aborts, or something commits without every vote; shrink it and print it, traced. Finds 3pc's split"
            + " under a partition; over 2pc and paxos-commit it should find none (they may block).")
    boolean search;

    @Option(names = "--search-faults", paramLabel = "KINDS", split = ",",
        description = "What the search may inject: crashes, partitions, or both (the default).")
    List<String> faults;

    @Option(names = "--tries", paramLabel = "N",
        description = "How many workloads --search tries. Default: " + SEARCH_TRIES + ".")
    Integer tries;
  }

  /** How many workloads --search tries unless told otherwise. */
  static final int SEARCH_TRIES = 500;

  @Option(names = "--transport", paramLabel = "NAME", defaultValue = "memory", order = 4,
      description = "memory: the deterministic simulator (the default). tcp: the coordinator and every participant"
          + " their own JVM on 127.0.0.1 over mutual TLS 1.3, each with a durable log on disk (in --log-dir if"
          + " given); times are then milliseconds, and a generated workload's timeouts are " + TCP_VOTES + ", "
          + TCP_REQUEST + " and " + TCP_RETRY + " ms. Not with the fault options: to crash a real node, run"
          + " bgp node and kill it.")
  String transport;

  /** The timeouts of a generated workload over TCP, in milliseconds: room for JVMs warming up. */
  static final long TCP_VOTES = 2_000;
  static final long TCP_REQUEST = 4_000;
  static final long TCP_RETRY = 200;

  /** The options that make the workload; --scenario gives it instead. */
  static final class Workload {
    @Option(names = {"-p", "--participants"}, paramLabel = "N",
        description = "How many participants, 1.." + MAX_PARTICIPANTS + " (nodes 1..N; the coordinator is node 0)."
            + " Default: " + DEFAULT_PARTICIPANTS + ".")
    Integer participants;

    @Option(names = {"-t", "--transactions"}, paramLabel = "T",
        description = "How many transactions, 1.." + MAX_TRANSACTIONS + ", numbered 1..T. Default: "
            + DEFAULT_TRANSACTIONS + ".")
    Integer transactions;

    @Option(names = "--gap", paramLabel = "TIME",
        description = "Transaction i starts at t=(i-1)*TIME, so that several are in flight at once (0: all at"
            + " once). Default: " + DEFAULT_GAP + ".")
    Long gap;

    @Option(names = "--votes", paramLabel = "SPEC", split = ",",
        description = "A transaction's votes: TXN:VOTES with one letter per participant, c (COMMIT) or a (ABORT),"
            + " participant 1's first, e.g. 2:cac; or TXN:abort@P[+P...], e.g. 2:abort@1+3. Repeatable. Every other vote"
            + " is COMMIT, except that without --votes and --abort-rate the last participant votes ABORT on"
            + " transaction 2, so that a plain run shows both outcomes.")
    List<String> votes;

    @Option(names = "--abort-rate", paramLabel = "P",
        description = "Each vote --votes does not set is ABORT with probability P (0..1), drawn from the seed.")
    Double abortRate;

    @Option(names = "--seed", paramLabel = "S",
        description = "The seed of every random choice (--abort-rate, --loss, --duplicate, --delay): the same seed,"
            + " the same run, event for event. Default: " + Scenario.DEFAULT_SEED + ".")
    Long seed;

    @Option(names = "--scenario", paramLabel = "FILE",
        description = "Run the workload in FILE (JSON, see below) instead: not with the options above.")
    Path scenario;

    @Option(names = "--tolerance", paramLabel = "F",
        description = "How many crashed acceptors a protocol that replicates its decision survives (paxos-commit"
            + " runs 2F+1 acceptors: the coordinator and nodes P+1..P+2F). 2pc and 3pc ignore it. Default: 0.")
    Integer tolerance;

    List<String> given() {
      List<String> given = new ArrayList<>();
      addIf(given, participants != null, "--participants");
      addIf(given, transactions != null, "--transactions");
      addIf(given, gap != null, "--gap");
      addIf(given, votes != null, "--votes");
      addIf(given, abortRate != null, "--abort-rate");
      addIf(given, seed != null, "--seed");
      addIf(given, tolerance != null, "--tolerance");
      return given;
    }
  }

  /** Crashes and message faults. */
  static final class Trouble {
    @Option(names = "--crash", paramLabel = "SPEC",
        description = "Crash a node: NODE:STEP:before|after[:DOWNTIME|never], e.g. 0:5:after:100, or at a named"
            + " point: NODE:after-decision|after-vote[:DOWNTIME|never], e.g. 0:after-decision:never (right after"
            + " the node that decides forces its decision; right after a participant forces its vote). See below."
            + " Repeatable.")
    List<String> crashes = new ArrayList<>();

    @Option(names = "--partition", paramLabel = "A|B@T1-T2",
        description = "The nodes in A and the nodes in B cannot reach each other from T1 until T2, e.g."
            + " '0,1|2,3@10-50' (frames between them are lost). Repeatable.")
    List<String> partitions = new ArrayList<>();

    @Option(names = "--loss", paramLabel = "P", defaultValue = "0",
        description = "Each message is lost with probability P (0 up to, not including, 1). Default: 0.")
    double loss;

    @Option(names = "--duplicate", paramLabel = "P", defaultValue = "0",
        description = "Each message arrives twice with probability P (0 up to, not including, 1). Default: 0.")
    double duplicate;

    @Option(names = "--delay", paramLabel = "TIME", defaultValue = "0",
        description = "Each message arrives up to TIME units late (beyond its 1 unit of latency). Default: 0.")
    long delay;
  }

  /** How the run is shown, and where its logs go. */
  static final class Output {
    @Option(names = "--json",
        description = "Print one JSON object instead: the scenario (as a --scenario file), the faults, each"
            + " transaction's decision, states, outcome and why it is blocked, atomic, valid, decided, messages,"
            + " counters, events, steps (how many each node took) and seed.")
    boolean json;

    @Option(names = "--trace",
        description = "Also print everything each node did, in time order: what it received, each log force"
            + " (with the records) and each message sent, numbered by the steps --crash counts. With --json,"
            + " a \"trace\" array and a \"stepList\" array of every step (node, step, kind, time, detail).")
    boolean trace;

    @Option(names = "--recovery-table",
        description = "Instead of one run, the eight rows of the CS162 recovery table (coordinator in INIT, WAIT,"
            + " ABORT, COMMIT; worker in INIT, READY, ABORT, COMMIT): one transaction and one crash each, placed by"
            + " the crash-free run's steps and state transitions, with what the node did on recovery and whether"
            + " that is what the lecture says. Takes --participants, --seed and --json.")
    boolean recoveryTable;

    @Option(names = "--log-dir", paramLabel = "DIR",
        description = "After the run, write each node's log as it stands at the end to DIR/node-<id>.log, in the"
            + " durable log format (created if needed; existing logs there are not overwritten). Read them"
            + " with: ${COMMAND-FULL-NAME} log DIR.")
    Path logDir;
  }

  @Override
  public Integer call() {
    if (!transport.equals("memory") && !transport.equals("tcp")) {
      throw usage("--transport must be memory or tcp, got '" + transport + "'");
    }
    if (output.recoveryTable) {
      view.refuseIn("--recovery-table, eight runs");
      return recoveryTable();
    }
    if (transport.equals("tcp")) {
      view.refuseIn("--transport tcp, which runs untraced");
      return overTcp();
    }
    if (search.search) {
      view.refuseIn("--search (replay the run it prints)");
      return search();
    }
    if (search.tries != null || search.faults != null) {
      throw usage((search.tries != null ? "--tries" : "--search-faults") + " only applies to --search");
    }
    CommitScenario scenario = scenario();
    Faults faults = faults(scenario);
    checkLogDir(scenario);
    SimulatedCommit run = SimulatedCommit.run(protocol, scenario, faults, output.trace || view.wanted());
    checkReached(run, faults);
    view.write(spec, () -> RunView.commit(protocol, scenario, faults, run.commitRun()));
    if (output.logDir != null) {
      writeLogs(output.logDir, run.logs(), protocol.name(), scenario.spec());
    }
    PrintWriter out = spec.commandLine().getOut();
    String logDir = output.logDir == null ? null : output.logDir.toString();
    if (output.json) {
      out.println(Json.line(CommitReport.json(scenario, run.outcome(), faults, run, output.trace, logDir)));
    } else {
      out.print(CommitReport.text(scenario, run.outcome(), faults, run, output.trace, logDir, notes));
    }
    return Main.OK;
  }

  /**
   * Refuses a crash the run never reached, naming how many steps its node took: a step past the
   * node's last (or after it went down for good) would otherwise be silently ignored.
   */
  private void checkReached(SimulatedCommit run, Faults faults) {
    List<Faults.Crash> unreached = run.unreached();
    if (unreached.isEmpty()) {
      return;
    }
    Faults.Crash c = unreached.get(0);
    int taken = run.steps()[c.node().index()];
    throw usage("--crash " + trouble.crashes.get(faults.crashes().indexOf(c)) + ": node " + c.node() + " takes "
        + Words.plural(taken, "step") + " in this run, so it never reaches step " + c.step()
        + " (--trace numbers them)");
  }

  /** Searches generated workloads for a run that breaks atomic commit, and prints what it found. */
  private int search() {
    List<String> clashing = new ArrayList<>();
    addIf(clashing, workload.scenario != null, "--scenario");
    addIf(clashing, workload.votes != null, "--votes");
    addIf(clashing, workload.abortRate != null, "--abort-rate");
    addIf(clashing, workload.gap != null, "--gap");
    addIf(clashing, !trouble.crashes.isEmpty(), "--crash");
    addIf(clashing, !trouble.partitions.isEmpty(), "--partition");
    addIf(clashing, trouble.loss != 0 || trouble.duplicate != 0 || trouble.delay != 0, "--loss/--duplicate/--delay");
    addIf(clashing, output.logDir != null, "--log-dir");
    if (!clashing.isEmpty()) {
      throw usage("--search draws the workloads and faults itself; it does not go with " + String.join(", ", clashing));
    }
    int participants = workload.participants != null ? workload.participants : DEFAULT_PARTICIPANTS;
    int transactions = workload.transactions != null ? workload.transactions : DEFAULT_TRANSACTIONS;
    int tries = search.tries != null ? search.tries : SEARCH_TRIES;
    long seed = workload.seed != null ? workload.seed : Scenario.DEFAULT_SEED;
    if (participants < 1 || participants > 8) {
      throw usage("--participants must be from 1 to 8 with --search, got " + participants);
    }
    if (transactions < 1 || transactions > 10) {
      throw usage("--transactions must be from 1 to 10 with --search, got " + transactions);
    }
    if (tries < 1) {
      throw usage("--tries must be at least 1, got " + tries);
    }
    List<String> kinds = search.faults != null ? search.faults : List.of("crashes", "partitions");
    for (String k : kinds) {
      if (!k.equals("crashes") && !k.equals("partitions")) {
        throw usage("--search-faults takes crashes and partitions, got '" + k + "'");
      }
    }
    int tolerance = workload.tolerance != null ? workload.tolerance : 0;
    CommitSearch s = CommitSearch.of(protocol).participants(1, participants).transactions(transactions)
        .tolerance(tolerance).crashes(kinds.contains("crashes")).partitions(kinds.contains("partitions"))
        .tries(tries).seed(seed);
    Optional<CommitSearch.Violation> found;
    try {
      found = s.run();
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output.json) {
      out.println(Json.line(Json.commitSearch(protocol.name(), found, tries, seed)));
    } else if (found.isPresent()) {
      out.print(found.get().report());
    } else {
      out.printf("%s: no run breaking atomicity or validity in %d generated workloads (search seed %d; faults: %s)."
          + " Blocking is not a violation.%n", protocol.name(), tries, seed, String.join(", ", kinds));
    }
    return Main.OK;
  }

  /** The CS162 recovery table: eight runs of one transaction, one crash each. */
  private int recoveryTable() {
    List<String> clashing = new ArrayList<>();
    addIf(clashing, workload.scenario != null, "--scenario");
    addIf(clashing, workload.transactions != null, "--transactions");
    addIf(clashing, workload.gap != null, "--gap");
    addIf(clashing, workload.votes != null, "--votes");
    addIf(clashing, workload.abortRate != null, "--abort-rate");
    addIf(clashing, !trouble.crashes.isEmpty(), "--crash");
    addIf(clashing, !trouble.partitions.isEmpty(), "--partition");
    addIf(clashing, search.search, "--search");
    addIf(clashing, trouble.loss != 0, "--loss");
    addIf(clashing, trouble.duplicate != 0, "--duplicate");
    addIf(clashing, trouble.delay != 0, "--delay");
    addIf(clashing, output.trace, "--trace");
    addIf(clashing, output.logDir != null, "--log-dir");
    addIf(clashing, transport.equals("tcp"), "--transport tcp");
    if (!clashing.isEmpty()) {
      throw usage("--recovery-table runs its own workload and crashes (each row prints the command that replays it,"
          + " traced); it does not go with " + String.join(", ", clashing));
    }
    int participants = workload.participants != null ? workload.participants : DEFAULT_PARTICIPANTS;
    if (participants < 1 || participants > MAX_PARTICIPANTS) {
      throw usage("--participants must be from 1 to " + MAX_PARTICIPANTS + ", got " + participants);
    }
    long seed = workload.seed != null ? workload.seed : Scenario.DEFAULT_SEED;
    List<RecoveryTable.Row> rows = RecoveryTable.run(protocol, participants, seed);
    PrintWriter out = spec.commandLine().getOut();
    if (output.json) {
      out.println(Json.line(RecoveryTable.json(protocol.name(), rows, participants, seed)));
    } else {
      out.print(RecoveryTable.text(protocol.name(), rows, participants));
    }
    return Main.OK;
  }

  /** Runs the workload as node processes, and reports what their logs on disk say. */
  private int overTcp() {
    List<String> clashing = new ArrayList<>();
    addIf(clashing, !trouble.crashes.isEmpty(), "--crash");
    addIf(clashing, !trouble.partitions.isEmpty(), "--partition");
    addIf(clashing, search.search, "--search");
    addIf(clashing, trouble.loss != 0, "--loss");
    addIf(clashing, trouble.duplicate != 0, "--duplicate");
    addIf(clashing, trouble.delay != 0, "--delay");
    addIf(clashing, output.trace, "--trace");
    if (!clashing.isEmpty()) {
      throw usage("--transport tcp runs real processes over a real network; it does not go with "
          + String.join(", ", clashing));
    }
    CommitScenario scenario = scenario();
    if (workload.scenario == null) {
      scenario = new CommitScenario(scenario.participants(), scenario.transactions(),
          new CommitScenario.Timeouts(TCP_VOTES, TCP_REQUEST, TCP_RETRY), scenario.seed());
    }
    checkLogDir(scenario);
    long started = System.nanoTime();
    CommitOutcome outcome = LocalProcesses.runCommit(protocol, scenario, output.logDir);
    PrintWriter out = spec.commandLine().getOut();
    String logDir = output.logDir == null ? null : output.logDir.toString();
    if (output.json) {
      out.println(Json.line(CommitReport.json(scenario, outcome, Faults.NONE, null, false, logDir)));
    } else {
      out.print(CommitReport.text(scenario, outcome, Faults.NONE, null, false, logDir, notes));
      out.printf("ran as %d processes on 127.0.0.1 over mutual TLS 1.3, each logging to disk, in %.1f s%n",
          protocol.nodes(scenario.spec()), (System.nanoTime() - started) / 1e9);
    }
    return Main.OK;
  }


  /** The workload: from --scenario, or from the workload options. */
  private CommitScenario scenario() {
    if (workload.scenario != null) {
      List<String> clashing = workload.given();
      if (!clashing.isEmpty()) {
        throw usage("--scenario cannot be combined with " + String.join(", ", clashing)
            + ": the file gives the participants, transactions, votes and seed");
      }
      CommitScenario s = CommitScenarioFile.load(workload.scenario);
      if (s.participants() > MAX_PARTICIPANTS || s.transactions().size() > MAX_TRANSACTIONS) {
        throw new UsageError("scenario file " + workload.scenario + ": " + s.participants() + " participants and "
            + s.transactions().size() + " transactions; bgp " + protocol.name() + " runs at most " + MAX_PARTICIPANTS
            + " participants and " + MAX_TRANSACTIONS + " transactions");
      }
      CommitScenario.Timeouts t = s.timeouts();
      if (Math.max(t.votes(), Math.max(t.request(), t.retry())) > MAX_TIME) {
        throw new UsageError("scenario file " + workload.scenario + ": timeouts must be at most " + MAX_TIME
            + " time units, got votes " + t.votes() + ", request " + t.request() + ", retry " + t.retry());
      }
      for (CommitScenario.Txn txn : s.transactions()) {
        if (txn.start() > MAX_TIME) {
          throw new UsageError("scenario file " + workload.scenario + ": transaction " + txn.transaction().id()
              + " starts at t=" + txn.start() + "; bgp " + protocol.name() + " runs transactions that start by t="
              + MAX_TIME);
        }
      }
      return s;
    }
    int participants = workload.participants != null ? workload.participants : DEFAULT_PARTICIPANTS;
    int transactions = workload.transactions != null ? workload.transactions : DEFAULT_TRANSACTIONS;
    long gap = workload.gap != null ? workload.gap : DEFAULT_GAP;
    long seed = workload.seed != null ? workload.seed : Scenario.DEFAULT_SEED;
    if (participants < 1 || participants > MAX_PARTICIPANTS) {
      throw usage("--participants must be from 1 to " + MAX_PARTICIPANTS + ", got " + participants);
    }
    if (transactions < 1 || transactions > MAX_TRANSACTIONS) {
      throw usage("--transactions must be from 1 to " + MAX_TRANSACTIONS + ", got " + transactions);
    }
    if (gap < 0 || gap > 1_000_000) {
      throw usage("--gap must be from 0 to 1000000, got " + gap);
    }
    double abortRate = workload.abortRate != null ? workload.abortRate : 0;
    if (!(abortRate >= 0 && abortRate <= 1)) {
      throw usage("--abort-rate " + workload.abortRate + ": a probability from 0 to 1");
    }
    Map<Long, List<Verdict>> given = new TreeMap<>();
    for (String v : workload.votes == null ? List.<String>of() : workload.votes) {
      CommitSpecs.Votes votes;
      try {
        votes = CommitSpecs.votes(v, participants, transactions);
      } catch (IllegalArgumentException e) {
        throw usage(e.getMessage());
      }
      if (given.put(votes.txn(), votes.votes()) != null) {
        throw usage("--votes gives transaction " + votes.txn() + "'s votes twice");
      }
    }
    boolean demo = workload.votes == null && workload.abortRate == null;
    int tolerance = workload.tolerance != null ? workload.tolerance : 0;
    if (tolerance < 0 || tolerance > 3) {
      throw usage("--tolerance must be from 0 to 3, got " + tolerance);
    }
    CommitScenario.Builder b = CommitScenario.builder(participants).seed(seed).tolerance(tolerance);
    for (long id = 1; id <= transactions; id++) {
      List<Verdict> votes = given.get(id);
      if (votes == null) {
        votes = new ArrayList<>(Collections.nCopies(participants, Verdict.COMMIT));
        for (int p = 1; p <= participants; p++) {
          if (abortRate > 0 && uniform(Entropy.of(seed, 0x2FC, id, p, 0)) < abortRate) {
            votes.set(p - 1, Verdict.ABORT);
          }
        }
        if (demo && id == 2) {
          votes.set(participants - 1, Verdict.ABORT);
        }
      }
      b.transaction(new Transaction(id, new byte[0]), (id - 1) * gap, votes);
    }
    return b.build();
  }

  private static double uniform(long bits) {
    return (bits >>> 11) * 0x1.0p-53;
  }

  private Faults faults(CommitScenario scenario) {
    if (!(trouble.loss >= 0 && trouble.loss < 1)) {
      throw usage("--loss " + trouble.loss + ": a probability from 0 up to (not including) 1");
    }
    if (!(trouble.duplicate >= 0 && trouble.duplicate < 1)) {
      throw usage("--duplicate " + trouble.duplicate + ": a probability from 0 up to (not including) 1");
    }
    if (trouble.delay < 0 || trouble.delay > 1_000_000) {
      throw usage("--delay must be from 0 to 1000000, got " + trouble.delay);
    }
    int nodes = protocol.nodes(scenario.spec());
    List<Faults.Crash> crashes = new ArrayList<>();
    List<Faults.NamedCrash> named = new ArrayList<>();
    for (String c : trouble.crashes) {
      if (CommitSpecs.named(c)) {
        Faults.NamedCrash crash;
        try {
          crash = Faults.NamedCrash.parse(c, CommitSpecs.DEFAULT_DOWNTIME);
        } catch (IllegalArgumentException e) {
          throw usage("--crash " + c + ": " + e.getMessage());
        }
        if (crash.node().index() >= nodes) {
          throw usage("--crash " + c + ": node " + crash.node() + " is not in this run (nodes 0.." + (nodes - 1) + ")");
        }
        named.add(crash);
        continue;
      }
      Faults.Crash crash;
      try {
        crash = CommitSpecs.crash(c, nodes);
      } catch (IllegalArgumentException e) {
        throw usage(e.getMessage());
      }
      for (Faults.Crash other : crashes) {
        if (other.node().equals(crash.node()) && other.step() == crash.step() && other.after() == crash.after()) {
          throw usage("--crash " + c + ": node " + crash.node() + " already crashes " + (crash.after() ? "after" : "before")
              + " its step " + crash.step());
        }
      }
      crashes.add(crash);
    }
    Faults faults = new Faults(trouble.loss, trouble.duplicate, trouble.delay, crashes);
    for (Faults.NamedCrash c : named) {
      faults = faults.with(c);
    }
    for (Faults.Partition p : partitions(trouble.partitions, nodes, spec)) {
      faults = faults.with(p);
    }
    return faults;
  }

  /** Parses --partition options, each naming nodes of a run of {@code nodes} nodes. */
  static List<Faults.Partition> partitions(List<String> given, int nodes, CommandSpec spec) {
    List<Faults.Partition> out = new ArrayList<>();
    for (String text : given) {
      Faults.Partition p;
      try {
        p = Faults.Partition.parse(text);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--partition " + text + ": " + e.getMessage());
      }
      if (p.highest() >= nodes) {
        throw new ParameterException(spec.commandLine(), "--partition " + text + ": node " + p.highest()
            + " is not in this run (nodes 0.." + (nodes - 1) + ")");
      }
      out.add(p);
    }
    return out;
  }

  /** Refuses, before the run, a log directory that cannot take this run's logs. */
  private void checkLogDir(CommitScenario scenario) {
    Path dir = output.logDir;
    if (dir == null) {
      return;
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new UsageError("--log-dir " + dir + ": not a directory");
    }
    for (int i = 0; i < protocol.nodes(scenario.spec()); i++) {
      Path file = logFile(dir, NodeId.of(i));
      if (Files.exists(file)) {
        throw new UsageError("--log-dir " + dir + ": " + file + " already exists; choose another directory or remove"
            + " the old logs");
      }
    }
  }

  /** {@code DIR/node-<id>.log}: where --log-dir puts a node's log, and where {@code 2pc log} looks. */
  static Path logFile(Path dir, NodeId node) {
    return dir.resolve("node-" + node + ".log");
  }

  /**
   * Writes each node's records to its log file, forced, owned by the node of a simulation (no
   * cluster: {@code ""}) under {@code protocol}.
   */
  static void writeLogs(Path dir, Map<NodeId, List<byte[]>> logs, String protocol, CommitSpec commit) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UsageError("--log-dir " + dir + ": cannot create the directory (" + e + ")");
    }
    for (Map.Entry<NodeId, List<byte[]>> e : logs.entrySet()) {
      Path file = logFile(dir, e.getKey());
      try (FileLog log = FileLog.open(file, LogOwner.of("", commit, e.getKey(), protocol))) {
        e.getValue().forEach(log::append);
        log.force();
      } catch (UncheckedIOException | IllegalStateException ex) {
        throw new UsageError("--log-dir " + dir + ": cannot write " + file + ": " + ex.getMessage());
      }
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private static void addIf(List<String> list, boolean condition, String item) {
    if (condition) {
      list.add(item);
    }
  }
}
