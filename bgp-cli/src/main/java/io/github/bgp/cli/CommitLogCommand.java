package io.github.bgp.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.NodeId;
import io.github.bgp.twophase.log.Damage;
import io.github.bgp.twophase.log.FileLog;
import io.github.bgp.twophase.log.Inspection;
import io.github.bgp.twophase.log.LogOwner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bgp 2pc log DIR} (and {@code bgp NAME log DIR} for every other commit protocol): each
 * node's log, read without opening it (no lock, no truncation, no change to the file): whose it
 * is (its header), every transaction's records as the protocol describes them, the state they
 * leave it in, and any damage, with its byte offset; then, across the logs, every problem
 * ({@link CommitLogCheck}): a disagreement between nodes, a foreign, swapped, missing or corrupt
 * log. With {@code --upgrade CLUSTER} it first rewrites format-version-1 logs as version 2.
 */
@Command(
    name = "log",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    descriptionHeading = "%n",
    parameterListHeading = "%nArguments:%n",
    optionListHeading = "%nOptions:%n",
    footerHeading = "%n",
    footer = {
      "Examples:",
      "  ${PARENT-COMMAND-FULL-NAME} --crash 0:9:after:never --log-dir logs",
      "  ${COMMAND-FULL-NAME} logs",
      "  ${COMMAND-FULL-NAME} logs/node-1.log --json",
      "",
      "  ${COMMAND-FULL-NAME} --upgrade demo logs",
      "",
      "Exit status: 0 the logs agree and each is the log its name says (a torn tail,",
      "which a crash leaves, is reported but is no problem); 1 internal error; 2 bad",
      "arguments or a file that is not such a log; 3 a problem: nodes disagree, or a",
      "log is foreign, swapped, misplaced, missing or corrupt (each is named)."
    })
final class CommitLogCommand implements Callable<Integer> {

  private static final Pattern NODE_LOG = Pattern.compile("node-(\\d{1,9})\\.log");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "DIR|FILE",
      description = "A directory of node-<id>.log files, or one log file.")
  Path path;

  @Option(names = "--json",
      description = "Print one JSON object instead: for each log, its file, node, role, owner (as its header says),"
          + " format version, size, records (with their byte offsets), transactions (records and state) and damage;"
          + " then the check: ok, atomic and every problem (kind, files, nodes, transaction, who holds what).")
  boolean json;

  @Option(names = "--upgrade", paramLabel = "CLUSTER",
      description = "First rewrite every format-version-1 log (whose header names no owner) as version 2, owned by"
          + " the node its file name says (node-<id>.log) of cluster CLUSTER: only once you know they are. Logs of"
          + " version 2 are left as they are.")
  String upgrade;

  /** One record: where it is, its transaction, and what it says. */
  record Record(long offset, long txn, String text) {}

  /** One transaction in one log: its records, the state they leave it in, and what recovery does. */
  record Txn(long id, List<String> records, String state, String meaning) {}

  /** One log file, read as {@code protocol}'s. */
  record Log(Path file, OptionalInt node, String role, Inspection inspection, List<Record> records, List<Txn> txns,
      String protocol) {}

  private final CommitProtocol protocol;

  private CommitLogCommand(CommitProtocol protocol) {
    this.protocol = protocol;
  }

  /** The {@code log} command of {@code protocol}'s command, with the protocol's notes as its help. */
  static CommandLine forProtocol(CommitProtocol protocol, CommitNotes notes) {
    CommandLine cl = new CommandLine(new CommitLogCommand(protocol));
    cl.getCommandSpec().usageMessage()
        .header(notes.logTitle())
        .description(notes.logDescription().toArray(new String[0]));
    return cl;
  }

  @Override
  public Integer call() {
    List<Path> files = files(path, protocol.name());
    PrintWriter out = spec.commandLine().getOut();
    List<String> upgraded = upgrade == null ? List.of() : upgrade(files, upgrade, protocol);
    List<Log> logs = new ArrayList<>();
    List<CommitLogCheck.Read> reads = new ArrayList<>();
    for (Path file : files) {
      Log log = read(file, protocol);
      logs.add(log);
      reads.add(CommitLogCheck.read(file, log.inspection()));
    }
    CommitLogCheck.Result check = CommitLogCheck.check(protocol, reads, Files.isDirectory(path));
    if (json) {
      ObjectNode j = json(logs);
      ArrayNode u = j.putArray("upgraded");
      upgraded.forEach(u::add);
      j.set("check", CommitLogCheck.json(check));
      out.println(Json.line(j));
    } else {
      StringBuilder b = new StringBuilder();
      upgraded.forEach(line -> b.append(line).append('\n'));
      for (Log log : logs) {
        b.append(text(log)).append('\n');
      }
      b.append(CommitLogCheck.text(check, logs.size()));
      out.print(b);
    }
    return check.ok() ? Main.OK : CommitLogCheck.PROBLEM;
  }

  /** Upgrades every version-1 log among {@code files} to version 2 of {@code cluster}; says what it did. */
  private static List<String> upgrade(List<Path> files, String cluster, CommitProtocol protocol) {
    List<String> done = new ArrayList<>();
    for (Path file : files) {
      Inspection in;
      try {
        in = FileLog.inspect(file);
      } catch (UncheckedIOException e) {
        throw new UsageError("cannot read " + file + ": " + e.getCause().getMessage());
      }
      if (in.version() != 1) {
        continue;
      }
      OptionalInt node = node(file);
      if (node.isEmpty()) {
        throw new UsageError("--upgrade: " + file + " is not named node-<id>.log, so it does not say whose log it is");
      }
      LogOwner owner;
      try {
        NodeId id = NodeId.of(node.getAsInt());
        owner = new LogOwner(cluster, id, id.index() == 0 ? LogOwner.Role.COORDINATOR : LogOwner.Role.PARTICIPANT,
            protocol.name());
        int records = FileLog.upgrade(file, owner);
        done.add("upgraded " + file + " to format version 2, as " + owner.describe() + "'s log ("
            + Words.plural(records, "record") + ")");
      } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
        throw new UsageError("--upgrade: " + e.getMessage());
      }
    }
    return done;
  }

  /** The logs to read: the file, or every node-<id>.log in the directory, by id ({@code protocol} wrote them). */
  static List<Path> files(Path path, String protocol) {
    if (!Files.exists(path)) {
      throw new UsageError(path + ": no such file or directory");
    }
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    Map<Integer, Path> byNode = new TreeMap<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(path)) {
      for (Path p : dir) {
        Matcher m = NODE_LOG.matcher(p.getFileName().toString());
        if (m.matches() && Files.isRegularFile(p)) {
          byNode.put(Integer.parseInt(m.group(1)), p);
        }
      }
    } catch (IOException e) {
      throw new UsageError("cannot read the directory " + path + ": " + e.getMessage());
    }
    if (byNode.isEmpty()) {
      throw new UsageError(path + " holds no node logs (files named node-<id>.log, as bgp " + protocol
          + " --log-dir writes)");
    }
    return List.copyOf(byNode.values());
  }

  /** Reads one log without changing it. */
  static Log read(Path file, CommitProtocol protocol) {
    Inspection in;
    try {
      in = FileLog.inspect(file);
    } catch (UncheckedIOException e) {
      throw new UsageError("cannot read " + file + ": " + e.getCause().getMessage());
    }
    if (in.damage().isPresent() && in.damage().get() instanceof Damage.BadHeader bad) {
      throw new UsageError(file + ": " + bad.describe());
    }
    List<Record> records = new ArrayList<>();
    Map<Long, List<String>> byTxn = new TreeMap<>();
    // Another protocol's log (by its header) is not read as this one's: the check names it foreign.
    boolean ours = in.owner().map(o -> o.protocol().equals(protocol.name())).orElse(true);
    for (Inspection.Entry e : ours ? in.records() : List.<Inspection.Entry>of()) {
      Map<Long, List<String>> described;
      try {
        described = protocol.describeLog(List.of(e.payload()));
      } catch (IllegalArgumentException ex) {
        throw new UsageError(file + ": the record at byte offset " + e.offset() + " is not a " + protocol.name()
            + " log record (" + ex.getMessage() + ")");
      }
      described.forEach((txn, texts) -> texts.forEach(text -> {
        records.add(new Record(e.offset(), txn, text));
        byTxn.computeIfAbsent(txn, k -> new ArrayList<>()).add(text);
      }));
    }
    OptionalInt node = node(file);
    boolean coordinator = in.owner().isPresent() ? in.owner().get().role() == LogOwner.Role.COORDINATOR
        : node.isPresent() ? node.getAsInt() == 0
        : in.records().stream().anyMatch(e -> marks(protocol, e.payload(), CommitProtocol.Milestone.DECISION));
    String role = records.isEmpty() && node.isEmpty() && in.owner().isEmpty() ? "unknown"
        : coordinator ? "coordinator" : "participant";
    List<Txn> txns = new ArrayList<>();
    byTxn.forEach((id, texts) -> txns.add(txn(id, texts, coordinator)));
    return new Log(file, node, role, in, records, txns, protocol.name());
  }

  /** Whether the protocol says {@code record} marks {@code milestone} (a record it cannot read marks none). */
  private static boolean marks(CommitProtocol protocol, byte[] record, CommitProtocol.Milestone milestone) {
    try {
      return protocol.milestone(record).orElse(null) == milestone;
    } catch (IllegalArgumentException unreadable) {
      return false;
    }
  }

  /** The node a file's name says it is the log of ({@code node-<id>.log}), if it says. */
  static OptionalInt node(Path file) {
    Matcher m = NODE_LOG.matcher(file.getFileName().toString());
    return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }

  /**
   * The state a transaction's records leave it in, read from their descriptions ({@code BEGIN},
   * {@code DECIDED COMMIT}, {@code END}; {@code READY}, {@code VOTED ABORT}, {@code OUTCOME ABORT},
   * {@code ENDED}). Records in other words (another protocol's) leave it in a state this command
   * does not name.
   */
  static Txn txn(long id, List<String> texts, boolean coordinator) {
    String decided = null;
    String outcome = null;
    String voted = null;
    boolean begun = false;
    boolean ended = false;
    boolean told = false;
    boolean ready = false;
    for (String t : texts) {
      if (t.startsWith("DECIDED ")) {
        decided = decided == null ? t.substring("DECIDED ".length()) : decided;
      } else if (t.startsWith("OUTCOME ")) {
        outcome = outcome == null ? t.substring("OUTCOME ".length()) : outcome;
      } else if (t.startsWith("VOTED ")) {
        voted = voted == null ? t.substring("VOTED ".length()) : voted;
      } else if (t.equals("BEGIN")) {
        begun = true;
      } else if (t.equals("END")) {
        ended = true;
      } else if (t.equals("ENDED")) {
        told = true;
      } else if (t.equals("READY")) {
        ready = true;
      }
    }
    if (coordinator) {
      if (decided != null) {
        return new Txn(id, texts, decided, ended ? "ended: every participant acknowledged the decision"
            : "decided, not acknowledged by every participant: recovery announces it again");
      }
      if (begun) {
        return new Txn(id, texts, "WAIT", "begun, undecided: recovery aborts it");
      }
      return new Txn(id, texts, "?", "records this command does not know");
    }
    String end = told ? "; the coordinator ended it" : "";
    if (outcome != null) {
      String how = ready ? "voted COMMIT, then learned the outcome"
          : voted != null ? "voted " + voted + ", then learned the outcome"
          : "aborted without promising anything (it had not voted: it timed out, or a peer asked first)";
      return new Txn(id, texts, outcome, how + end);
    }
    if (voted != null) {
      String how = voted.equals("ABORT") ? "voted ABORT: aborted without promising anything"
          : voted.equals("READ_ONLY") ? "voted READ_ONLY: it takes no part in phase two" : "voted " + voted;
      return new Txn(id, texts, voted, how + end);
    }
    if (ready) {
      return new Txn(id, texts, "READY", "voted COMMIT, outcome unknown: recovery asks the coordinator and peers");
    }
    return new Txn(id, texts, "?", "records this command does not know");
  }

  static String text(Log log) {
    Inspection in = log.inspection();
    StringBuilder b = new StringBuilder();
    b.append(log.file()).append(": ").append(log.role());
    Optional<LogOwner> owner = in.owner();
    if (owner.isPresent()) {
      b.append(" (node ").append(owner.get().node()).append(") of ").append(cluster(owner.get().cluster()));
      if (!owner.get().protocol().equals(log.protocol())) {
        b.append(", a ").append(owner.get().protocol()).append(" log");
      }
    } else {
      log.node().ifPresent(n -> b.append(" (node ").append(n).append(')'));
      if (in.version() == 1) {
        b.append(", format version 1 (its header names no owner)");
      }
    }
    b.append(", ").append(Words.plural(in.records().size(), "record")).append(", ")
        .append(Words.plural(in.size(), "byte"));
    if (in.damage().isEmpty()) {
      b.append(in.size() == 0 ? ", empty (its creation did not get as far as the header; opening it starts afresh)"
          : ", intact");
    }
    b.append('\n');
    if (!log.txns().isEmpty()) {
      Table t = new Table("txn", "records", "state", "meaning").alignRight(0);
      for (Txn x : log.txns()) {
        t.row(Long.toString(x.id()), String.join(", ", x.records()), x.state(), x.meaning());
      }
      t.render().lines().forEach(l -> b.append("  ").append(l).append('\n'));
    }
    in.tornTail().ifPresent(torn -> b.append("  TORN TAIL: ").append(torn.describe()).append(". Opening the log"
        + " drops these bytes (a crash in the middle of a write leaves them); the records above are what it"
        + " recovers.\n"));
    in.corruption().ifPresent(c -> b.append("  CORRUPT: ").append(c.describe()).append(". Opening this log fails;"
        + " the records above are those before the damage.\n"));
    int unforced = in.records().size() - in.forced();
    if (unforced > 0) {
      b.append("  UNFORCED: the last ").append(Words.plural(unforced, "record")).append(" were written by a force"
          + " that a crash cut short (no commit marker follows them); opening the log keeps them and marks them.\n");
    }
    return b.toString();
  }

  /** {@code cluster "demo"}, or, for the empty name a simulation's logs carry, {@code no cluster (a simulation)}. */
  static String cluster(String name) {
    return name.isEmpty() ? "no cluster (a simulation)" : "cluster \"" + name + "\"";
  }

  static ObjectNode json(List<Log> logs) {
    ObjectNode j = NODES.objectNode();
    ArrayNode all = j.putArray("logs");
    for (Log log : logs) {
      Inspection in = log.inspection();
      ObjectNode o = all.addObject();
      o.put("file", log.file().toString());
      if (log.node().isPresent()) {
        o.put("node", log.node().getAsInt());
      } else {
        o.putNull("node");
      }
      o.put("role", log.role());
      if (in.owner().isPresent()) {
        LogOwner owner = in.owner().get();
        ObjectNode w = o.putObject("owner");
        w.put("cluster", owner.cluster());
        w.put("node", owner.node().index());
        w.put("role", owner.role().word());
        w.put("protocol", owner.protocol());
      } else {
        o.putNull("owner");
      }
      o.put("version", in.version());
      o.put("size", in.size());
      o.put("opens", in.opens());
      o.put("forced", in.forced());
      ArrayNode records = o.putArray("records");
      for (Record r : log.records()) {
        ObjectNode x = records.addObject();
        x.put("offset", r.offset());
        x.put("txn", r.txn());
        x.put("record", r.text());
      }
      ArrayNode txns = o.putArray("transactions");
      for (Txn t : log.txns()) {
        ObjectNode x = txns.addObject();
        x.put("id", t.id());
        ArrayNode rs = x.putArray("records");
        t.records().forEach(rs::add);
        x.put("state", t.state());
        x.put("meaning", t.meaning());
      }
      if (in.damage().isEmpty()) {
        o.putNull("damage");
      } else {
        Damage d = in.damage().get();
        ObjectNode x = o.putObject("damage");
        if (d instanceof Damage.TornTail torn) {
          x.put("kind", "torn-tail");
          x.put("offset", torn.offset());
          x.put("length", torn.length());
          x.put("reason", torn.reason());
        } else if (d instanceof Damage.Corruption c) {
          x.put("kind", "corruption");
          x.put("offset", c.offset());
          x.put("reason", c.reason());
          x.put("nextValidOffset", c.nextValidOffset());
          x.put("forced", c.forced());
        }
        x.put("description", d.describe());
      }
    }
    return j;
  }
}
