package io.github.bgp.cli;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.Guarantee;
import io.github.bgp.api.LogicalMessage;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Note;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Protocol;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Value;
import io.github.bgp.net.ClusterConfig;
import io.github.bgp.sim.Faults;
import io.github.bgp.sim.Simulation;
import io.github.bgp.sim.Traces;
import io.github.bgp.sim.teaching.Lesson;
import io.github.bgp.testkit.CounterexampleSearch;
import io.github.bgp.testkit.CounterexampleSearch.Counterexample;
import io.github.bgp.testkit.Scenarios;
import io.github.bgp.view.RunView;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bgp om} and every other Byzantine agreement protocol on the class path: one class,
 * registered once per provider with {@link #forProtocol}. Runs one scenario (a table, or
 * {@code --json}), a file of scenarios ({@code --scenarios}), or a counterexample search
 * ({@code --search}). What the protocol can do beyond its family comes from its
 * {@link Protocol#capabilities() capabilities}: {@code --evaluate} needs an evaluator.
 */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    descriptionHeading = "%n",
    optionListHeading = "%nOptions:%n",
    footerHeading = "%n",
    footer = {
      "Traitors and strategies:",
      "  --traitors lists general ids; 0 is the commander. --strategy says how they",
      "  lie, all alike or each its own (--strategy 3=flip,4=split):",
      "  flip    sends the opposite of what a loyal general would: ATTACK and",
      "          RETREAT swap, a number x becomes -x-1",
      "  split   sends ATTACK to odd-numbered lieutenants and RETREAT to even ones",
      "          (numbers: x+1 and x-1), whatever it received",
      "  silent  sends nothing; the receivers notice, and use RETREAT (or 0)",
      "  random  draws each value from the run's seeded random source (numbers:",
      "          x plus -100..100); the same --seed, the same lies",
      "  honest  sends what a loyal general would: a traitor in name only",
      "  --lie PATH>TO=VALUE scripts one message over the strategy; PATH is the",
      "  generals the value passed through, the teller last. With --order RETREAT:",
      "    --lie '0>2=ATTACK'      the commander tells lieutenant 2 ATTACK",
      "    --lie '0.4>1=none'      lieutenant 4 relays nothing about it to 1",
      "  --search prints the --strategy and --lie options that replay what it found.",
      "",
      "Majority (how a lieutenant decides from the values it gathered):",
      "  default  the value more than half of them hold, else RETREAT (or 0)",
      "  median   the lower median: for numeric orders (sensor agreement)",
      "",
      "Scenario files (--scenarios FILE, or - for standard input) are JSON Lines:",
      "one object per line with the keys of the scenario options; generals is",
      "required, the rest default as the options do. For example:",
      "  {\"generals\": 7, \"traitors\": [3, 4], \"strategy\": \"split\"}",
      "  {\"generals\": 4, \"order\": 20, \"majority\": \"median\", \"traitors\": [0]}",
      "  {\"generals\": 4, \"traitors\": [0], \"lies\": {\"0>3\": \"RETREAT\", \"0>1\": null}}",
      "(lies holds the --lie options, PATH>TO to VALUE, null for none).",
      "Every line is checked before any is run; each prints one line of JSON.",
      "",
      "Examples:",
      "  ${COMMAND-FULL-NAME} --generals 7 --traitors 3,4",
      "  ${COMMAND-FULL-NAME} --generals 4 --traitors 0 --strategy split --trace",
      "  ${COMMAND-FULL-NAME} --generals 7 --traitors 1,2 --order 20 --majority median",
      "  ${COMMAND-FULL-NAME} --generals 3 --m 1 --search",
      "  ${COMMAND-FULL-NAME} --generals 4 --traitors 0 --lie '0>3=RETREAT' --strategy honest",
      "  ${COMMAND-FULL-NAME} --generals 7 --traitors 3,4 --trace --only 1",
      "  ${COMMAND-FULL-NAME} --generals 8 --m 2 --traitors 0,1 --matrix --only 5",
      "  ${COMMAND-FULL-NAME} --scenarios runs.jsonl",
      "",
      "Exit status: 0 success, 1 internal error, 2 bad arguments or input."
    })
final class AgreementCommand implements Callable<Integer> {

  /** How many scenarios --search tries unless told otherwise. */
  static final int DEFAULT_TRIES = 2_000;

  @Spec
  CommandSpec spec;

  // Mixins, not argument groups: a repeated option of a group would silently start a new group (OptionSections).
  @Mixin
  ScenarioOptions scenario = new ScenarioOptions();

  @Mixin
  OutputOptions output = new OutputOptions();

  @Mixin
  ManyOptions many = new ManyOptions();

  @Mixin
  TransportOptions transport = new TransportOptions();

  @Mixin
  ViewOptions view = new ViewOptions();

  private final AgreementProtocol protocol;
  private final String name;
  private final AgreementNotes notes;
  private final InputStream stdin;

  private AgreementCommand(AgreementProtocol protocol, InputStream stdin) {
    this.protocol = protocol;
    this.name = protocol.name();
    this.notes = AgreementNotes.of(protocol.name());
    this.stdin = stdin;
  }

  /**
   * The command that runs {@code protocol}, named after it, with the protocol's
   * {@link AgreementNotes} as its help.
   */
  static CommandLine forProtocol(AgreementProtocol protocol, InputStream stdin) {
    AgreementNotes notes = AgreementNotes.of(protocol.name());
    CommandLine cl = new CommandLine(new AgreementCommand(protocol, stdin));
    cl.setCommandName(protocol.name());
    OptionSections.install(cl, SECTIONS);
    cl.getCommandSpec().usageMessage()
        .header(notes.title())
        .description(notes.description().toArray(new String[0]));
    return cl;
  }

  /** The help's headings, and the mixin each lists. */
  private static final Map<String, String> SECTIONS = sections(
      "The scenario:", "scenario", "Output:", "output", "Many scenarios:", "many", "Where it runs:", "transport",
      "The view:", "view");

  static Map<String, String> sections(String... headingsAndMixins) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < headingsAndMixins.length; i += 2) {
      m.put(headingsAndMixins[i], headingsAndMixins[i + 1]);
    }
    return m;
  }

  /** What one scenario is: the same settings a line of a scenarios file has. */
  static final class ScenarioOptions {
    @Option(names = {"-n", "--generals"}, paramLabel = "N",
        description = "n, how many generals: the commander 0 and the lieutenants 1..n-1 (at least 2).")
    Integer generals;

    @Option(names = {"-m", "--m"}, paramLabel = "M",
        description = "How many traitors the algorithm is run to tolerate, which is also how many rounds of"
            + " relaying follow the commander's. Default: the largest m with n > 3m.")
    Integer m;

    @Option(names = {"-t", "--traitors"}, paramLabel = "ID", split = ",",
        description = "The traitors, as general ids separated by commas (0 is the commander). Default: none.")
    List<Integer> traitors;

    @Option(names = {"-o", "--order"}, paramLabel = "ORDER",
        description = "The commander's order: ATTACK or RETREAT (any case), or an integer to agree on a number"
            + " (a sensor reading; use with --majority median). Default: ATTACK.")
    String order;

    @Option(names = {"-s", "--strategy"}, paramLabel = "NAME",
        description = "How the traitors lie: flip, split, silent, random or honest (see below), for every"
            + " traitor, or per traitor: 3=flip,4=split (a bare name after them for the rest: 3=flip,split)."
            + " Default: random.")
    String strategy;

    @Option(names = "--lie", paramLabel = "PATH>TO=VALUE",
        description = "A lie a traitor tells: the message along PATH (its generals joined by dots: 0 is the"
            + " commander's order, 0.4 lieutenant 4 relaying it) to TO carries VALUE (an order, a number, or none"
            + " for silence) instead of the honest value; the teller, the last of PATH, must be a traitor. Quote it"
            + " for the shell: --lie '0>3=RETREAT'. Repeatable; every other message follows --strategy.")
    List<String> lies;

    @Option(names = "--seed", paramLabel = "S",
        description = "The seed every random choice of the run comes from: the same seed, the same run,"
            + " message for message. With --search, the seed of the search. Default: "
            + Scenario.DEFAULT_SEED + ".")
    Long seed;

    @Option(names = "--majority", paramLabel = "NAME",
        description = "How lieutenants take a majority: default or median (see below). Default: default.")
    String majority;

    /** The options that were given, by name, to say which ones clash with another mode. */
    List<String> given() {
      List<String> given = new ArrayList<>();
      addIf(given, generals != null, "--generals");
      addIf(given, m != null, "--m");
      addIf(given, traitors != null, "--traitors");
      addIf(given, order != null, "--order");
      addIf(given, strategy != null, "--strategy");
      addIf(given, lies != null, "--lie");
      addIf(given, seed != null, "--seed");
      addIf(given, majority != null, "--majority");
      return given;
    }

    ScenarioSettings settings() {
      return new ScenarioSettings(generals, m, traitors, order == null ? null : Value.parse(order), strategy, seed,
          majority, lies);
    }
  }

  /** How the result is shown. */
  static final class OutputOptions {
    @Option(names = "--trace",
        description = "Also print every message, as the lecture notes draw them: for each lieutenant, the"
            + " tree of values it received, with the path each came along and the Lamport times of its"
            + " sending and receipt; for om also each lie beside the honest value (LIE), each message that never"
            + " came with the default used (ABSENT), and each majority a loyal lieutenant takes (=>, ties"
            + " flagged). With --json, adds a \"trace\" array (and for om \"trees\").")
    boolean trace;

    @Option(names = "--json",
        description = "Print one JSON object on one line instead of the table: the scenario, the guarantee,"
            + " the decisions, ic1 and ic2, and the messages, rounds, frames and bytes of the run.")
    boolean json;

    @Option(names = "--matrix",
        description = "Also print each loyal lieutenant's table of what it heard about each lieutenant's order,"
            + " from whom, with the majority of each column and the decision those majorities give, as the"
            + " SCC311 notes draw the vote (om). With --json, adds a \"matrices\" object.")
    boolean matrix;

    @Option(names = "--only", paramLabel = "L",
        description = "With --trace or --matrix, only lieutenant L's messages or table, as the notes show"
            + " lieutenant 1's 26 messages.")
    Integer only;

    /** Whether the run must be traced: to show its messages, or the tables made of them. */
    boolean traced() {
      return trace || matrix;
    }
  }

  /** Where the generals run: in this process, or each in its own. */
  static final class TransportOptions {
    @Option(names = "--transport", paramLabel = "NAME", defaultValue = "memory",
        description = "memory: the deterministic simulator in this process (the default). tcp: every general"
            + " its own JVM on 127.0.0.1, with fresh keys, talking over mutual TLS 1.3 with round deadlines on"
            + " the wall clock; the decisions are gathered and shown as for memory. With --scenarios, all"
            + " scenarios (of one size) run at once over the same connections.")
    String name;

    @Option(names = "--round-timeout", paramLabel = "MS",
        description = "With --transport tcp, the length of a round in milliseconds: a message later than its"
            + " round's deadline is dropped and the default used (A3). Default: "
            + ClusterConfig.DEFAULT_ROUND_TIMEOUT_MILLIS + ".")
    Long roundTimeout;

    boolean tcp() {
      return name.equals("tcp");
    }
  }

  /** Modes that run more than one scenario. */
  static final class ManyOptions {
    @Option(names = "--scenarios", paramLabel = "FILE",
        description = "Run every scenario in FILE (JSON Lines, see below; - reads standard input) and print"
            + " one JSON line for each, in order. Not with the scenario options.")
    String scenarios;

    @Option(names = "--search",
        description = "Instead of one run, search scenarios of n generals (shrinking to fewer) and this m,"
            + " with traitors, orders and lies drawn at random, for one that breaks IC1 or IC2; shrink it"
            + " and show the few lies that matter. Finds one quickly when n <= 3m; with n > 3m it should"
            + " find none.")
    boolean search;

    @Option(names = "--tries", paramLabel = "N",
        description = "How many scenarios --search tries. Default: " + DEFAULT_TRIES + ".")
    Integer tries;

    @Option(names = "--evaluate",
        description = "Decide by the protocol's closed-form evaluator instead of sending messages (a protocol"
            + " with the evaluator capability, see bgp protocols; om has one: every loyal lieutenant's decision"
            + " computed from the paper's recursion, in memory proportional to m*n, for sizes no run can hold,"
            + " n=22, m=7 being 8.8 billion messages). Decides exactly what a run would; no trace. Works with"
            + " --scenarios too.")
    boolean evaluate;
  }

  @Option(names = "--partition", paramLabel = "A|B@T1-T2",
      description = "Partition the simulated network: the generals in A and those in B cannot reach each other from"
          + " time T1 to T2 (rounds last 1 time unit each), e.g. '0,1|2,3@0-1'. Repeatable. A loyal commander cut off"
          + " from a lieutenant looks like a traitor to it: OM's IC2 holds only while the commander's messages"
          + " arrive.")
  List<String> partitions = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (!partitions.isEmpty()) {
      List<String> clashing = new ArrayList<>();
      addIf(clashing, many.evaluate, "--evaluate");
      addIf(clashing, many.search, "--search");
      addIf(clashing, many.scenarios != null, "--scenarios");
      addIf(clashing, transport.tcp(), "--transport tcp");
      if (!clashing.isEmpty()) {
        throw usage("--partition is a fault of the simulated network; it does not go with " + String.join(", ",
            clashing));
      }
    }
    if (output.matrix && !notes.relaysEveryPath()) {
      throw usage("--matrix draws the tables of a protocol whose lieutenants relay every value along every path,"
          + " as om does; " + name + " does not");
    }
    if (many.evaluate) {
      checkEvaluable();
    }
    checkTransport();
    checkView();
    if (many.scenarios != null) {
      return runFile(out);
    }
    if (scenario.generals == null) {
      throw usage("missing --generals N (or --scenarios FILE)");
    }
    if (many.search) {
      return search(out);
    }
    if (many.tries != null) {
      throw usage("--tries only applies to --search");
    }
    return runOne(out);
  }

  private int runOne(PrintWriter out) {
    long started = System.nanoTime();
    Scenario s = scenarioFromOptions();
    Optional<NodeId> only = only(s);
    Outcome outcome = decide(protocol(), s);
    Lesson lesson = lesson(outcome);
    view.write(spec, () -> RunView.agreement(outcome));
    if (output.json) {
      out.println(Json.line(Json.outcome(outcome, output.trace, many.evaluate, lesson, only, output.matrix)));
      return Main.OK;
    }
    out.print(OutcomeReport.render(outcome, many.evaluate));
    if (transport.tcp()) {
      out.printf("ran as %d processes on 127.0.0.1 over mutual TLS 1.3, %d ms rounds, in %.1f s%n",
          outcome.scenario().generals(), roundTimeout(), (System.nanoTime() - started) / 1e9);
    }
    if (many.evaluate) {
      out.printf("evaluated in %.1f s, by recursion: no message was sent%n", (System.nanoTime() - started) / 1e9);
    }
    if (output.trace) {
      out.println();
      out.println(only.map(l -> "trace of " + Words.general(l) + ":").orElse("trace:"));
      if (outcome.trace().isEmpty() && !outcome.notes().isEmpty()) {
        out.println("(" + name + " lists no logical messages; what its nodes noted, in Lamport order:)");
        outcome.notes().forEach(n -> out.println("  " + note(n)));
      } else if (lesson != null) {
        out.print(Traces.render(lesson, only));
      } else {
        List<LogicalMessage> messages = outcome.trace().stream()
            .filter(m -> only.map(m.to()::equals).orElse(true)).toList();
        out.print(Traces.render(outcome.scenario(), outcome.rounds(), messages));
      }
    }
    if (output.matrix) {
      out.println();
      out.println(only.map(l -> "the table of " + Words.general(l) + ":")
          .orElse("the tables of the loyal lieutenants:"));
      out.print(Traces.matrices(lesson, only));
    }
    return Main.OK;
  }

  /**
   * The teaching model of a traced run of a protocol that relays along every path (om), or null:
   * for other protocols, and for runs not traced.
   */
  private Lesson lesson(Outcome outcome) {
    if (!notes.relaysEveryPath() || !output.traced() || many.evaluate) {
      return null;
    }
    return Lesson.of(outcome);
  }

  /** The lieutenant --only names, checked against the scenario. */
  private Optional<NodeId> only(Scenario s) {
    if (output.only == null) {
      return Optional.empty();
    }
    if (!output.traced()) {
      throw usage("--only narrows --trace or --matrix to one lieutenant; give one of them");
    }
    if (output.only < 1 || output.only >= s.generals()) {
      throw usage("--only " + output.only + " is not a lieutenant: the lieutenants are 1.." + (s.generals() - 1));
    }
    return Optional.of(NodeId.of(output.only));
  }

  /** {@code [lamport 2] lieutenant 1 receives ATTACK from commander 0 in round 1}, or the note's fields. */
  private static String note(Note n) {
    String who = "[lamport " + n.lamport() + "] " + Words.general(n.node());
    if (n.kind().equals("message")) {
      String from = n.field("from");
      return who + " receives " + n.field("what") + " from "
          + (from.matches("\\d{1,9}") ? Words.general(NodeId.of(Integer.parseInt(from))) : from) + " in round "
          + n.field("round");
    }
    List<String> fields = new ArrayList<>();
    n.fields().forEach((k, v) -> fields.add(k + " " + v));
    return who + ": " + n.kind() + (fields.isEmpty() ? "" : " (" + String.join(", ", fields) + ")");
  }

  private int runFile(PrintWriter out) {
    List<String> clashing = scenario.given();
    if (many.search) {
      clashing.add("--search");
    }
    if (many.tries != null) {
      clashing.add("--tries");
    }
    if (!clashing.isEmpty()) {
      throw usage("--scenarios cannot be combined with " + String.join(", ", clashing)
          + ": the file gives each scenario's settings");
    }
    if (output.matrix || output.only != null) {
      throw usage("--matrix and --only show one scenario; with --scenarios, --trace --json gives each line's trees");
    }
    ScenarioFile file = ScenarioFile.read(many.scenarios, stdin);
    AgreementProtocol p = protocol();
    if (transport.tcp()) {
      List<Scenario> all = file.lines().stream().map(ScenarioFile.Line::scenario).toList();
      if (all.isEmpty()) {
        return Main.OK;
      }
      for (Outcome outcome : LocalProcesses.run(p, all, roundTimeout())) {
        out.println(Json.line(Json.outcome(outcome, false, false)));
      }
      return Main.OK;
    }
    for (ScenarioFile.Line line : file.lines()) {
      Outcome outcome;
      try {
        outcome = decide(p, line.scenario());
      } catch (UsageError e) {
        throw new UsageError(file.name() + " line " + line.number() + ": " + e.getMessage());
      }
      out.println(Json.line(Json.outcome(outcome, output.trace, many.evaluate, lesson(outcome), Optional.empty(),
          false)));
    }
    return Main.OK;
  }

  private int search(PrintWriter out) {
    if (scenario.traitors != null || scenario.strategy != null || scenario.lies != null) {
      throw usage("--search chooses the traitors and how they lie; drop --traitors, --strategy and --lie");
    }
    if (output.matrix || output.only != null) {
      throw usage("--search prints the run it found, traced; --matrix and --only apply to one run (replay it)");
    }
    int tries = many.tries != null ? many.tries : DEFAULT_TRIES;
    if (tries < 1) {
      throw usage("--tries must be at least 1, got " + tries);
    }
    Scenario shape = scenarioFromOptions();
    Scenarios.Builder scenarios = Scenarios.generator().generalsShrinkingFrom(shape.generals(), 2).m(shape.m());
    if (scenario.order != null) {
      scenarios.orders(List.of(shape.order()));
    }
    if (scenario.majority != null) {
      scenarios.majority(shape.majority().name());
    }
    AgreementProtocol p = protocol();
    execute(p, shape, false); // the largest scenario the search will try: if it cannot run, say so now
    Optional<Counterexample> found = CounterexampleSearch.of(p).seed(shape.seed()).tries(tries)
        .scenarios(scenarios.build()).run();
    if (found.isPresent() && output.json) {
      out.println(Json.line(Json.counterexample(found.get())));
    } else if (found.isPresent()) {
      out.print(SearchReport.found(name, found.get(), notes.relaysEveryPath()));
    } else if (output.json) {
      out.println(Json.line(Json.nothingFound(tries, shape.seed())));
    } else {
      out.print(SearchReport.nothingFound(name, shape, worstCase(p, shape), tries, shape.seed()));
    }
    return Main.OK;
  }

  /** Checks that --evaluate applies: to a protocol with an evaluator, and without the modes that need messages. */
  private void checkEvaluable() {
    if (!protocol.capabilities().contains(Protocol.Capability.EVALUATOR)) {
      List<String> evaluable = new ArrayList<>();
      for (Protocol p : Protocols.of(Protocol.Family.AGREEMENT)) {
        if (p.capabilities().contains(Protocol.Capability.EVALUATOR)) {
          evaluable.add(p.name());
        }
      }
      throw usage("--evaluate is available for " + (evaluable.isEmpty() ? "no protocol on the class path"
          : String.join(", ", evaluable) + " only") + "; " + name + " has no closed-form evaluator");
    }
    if (output.traced()) {
      throw usage("--evaluate sends no messages, so there is nothing to " + (output.trace ? "--trace" : "--matrix")
          + "; drop one of them");
    }
    if (many.search) {
      throw usage("--search runs scenarios by message passing; drop --evaluate");
    }
  }

  /** Checks that --html and --shiviz have one run in the simulator to draw. */
  private void checkView() {
    if (many.scenarios != null) {
      view.refuseIn("--scenarios");
    } else if (many.search) {
      view.refuseIn("--search (replay what it finds, with the --lie options it prints)");
    } else if (many.evaluate) {
      view.refuseIn("--evaluate, which sends no messages");
    } else if (transport.tcp()) {
      view.refuseIn("--transport tcp, which runs untraced");
    }
  }

  /** Checks the transport's name, and that the options asked for go with it. */
  private void checkTransport() {
    if (!transport.name.equals("memory") && !transport.tcp()) {
      throw usage("--transport must be memory or tcp, got '" + transport.name + "'");
    }
    if (!transport.tcp()) {
      if (transport.roundTimeout != null) {
        throw usage("--round-timeout applies to --transport tcp (in memory, rounds take no time)");
      }
      return;
    }
    List<String> clashing = new ArrayList<>();
    addIf(clashing, many.evaluate, "--evaluate");
    addIf(clashing, many.search, "--search");
    addIf(clashing, output.trace, "--trace");
    addIf(clashing, output.matrix, "--matrix");
    if (!clashing.isEmpty()) {
      throw usage("--transport tcp runs scenarios as they are, untraced; it does not go with "
          + String.join(", ", clashing));
    }
    if (roundTimeout() <= 0) {
      throw usage("--round-timeout must be positive, got " + roundTimeout());
    }
  }

  private long roundTimeout() {
    return transport.roundTimeout == null ? ClusterConfig.DEFAULT_ROUND_TIMEOUT_MILLIS : transport.roundTimeout;
  }

  /** One scenario's outcome: evaluated, run in memory (traced if asked), or run by node processes. */
  private Outcome decide(AgreementProtocol p, Scenario s) {
    if (transport.tcp()) {
      return LocalProcesses.run(p, List.of(s), roundTimeout()).get(0);
    }
    return many.evaluate ? evaluate(p, s) : execute(p, s, output.traced() || view.wanted(), faults(s));
  }

  /** The evaluator's outcome for {@code s}; a scenario beyond the evaluator is the user's to fix. */
  private static Outcome evaluate(AgreementProtocol p, Scenario s) {
    AgreementProtocol.Evaluator evaluator = p.evaluator().orElseThrow(() -> new IllegalStateException(
        "the protocol '" + p.name() + "' declares the evaluator capability but has no evaluator"));
    try {
      return evaluator.evaluate(s);
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
  }

  /** The guarantee for the most traitors the search may draw: m of them (or every general). */
  private static Guarantee worstCase(AgreementProtocol p, Scenario shape) {
    int traitors = Math.min(shape.m(), shape.generals());
    return p.guarantee(shape.toBuilder().traitors(IntStream.range(0, traitors).toArray()).build());
  }

  private AgreementProtocol protocol() {
    return protocol;
  }

  /** The scenario the options describe, checked by the library. */
  private Scenario scenarioFromOptions() {
    try {
      return scenario.settings().build();
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
  }

  /** Runs one scenario; a run the library refuses (too large for memory, say) is the user's to fix. */
  private static Outcome execute(AgreementProtocol p, Scenario s, boolean trace) {
    return execute(p, s, trace, Faults.NONE);
  }

  private static Outcome execute(AgreementProtocol p, Scenario s, boolean trace, Faults faults) {
    try {
      return Simulation.builder().trace(trace).faults(faults).build().execute(p, s);
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
  }

  /** The --partition options as the simulator's faults, each checked against the run's generals. */
  private Faults faults(Scenario s) {
    Faults f = Faults.NONE;
    for (Faults.Partition p : CommitCommand.partitions(partitions, s.generals(), spec)) {
      f = f.with(p);
    }
    return f;
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
