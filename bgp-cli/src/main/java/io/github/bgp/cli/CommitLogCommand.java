package io.github.bgp.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.twophase.log.Damage;
import io.github.bgp.twophase.log.FileLog;
import io.github.bgp.twophase.log.Inspection;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * node's log, read without opening it (no lock, no truncation, no change to the file): every
 * transaction's records as the protocol describes them, the state they leave it in, and any
 * damage, with its byte offset.
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
      "Exit status: 0 success (even if a log is damaged: the damage is reported),",
      "1 internal error, 2 bad arguments or a file that is not such a log."
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
      description = "Print one JSON object instead: for each log, its file, node, role, size, records (with their"
          + " byte offsets), transactions (records and state) and damage.")
  boolean json;

  /** One record: where it is, its transaction, and what it says. */
  record Record(long offset, long txn, String text) {}

  /** One transaction in one log: its records, the state they leave it in, and what recovery does. */
  record Txn(long id, List<String> records, String state, String meaning) {}

  /** One log file, read. */
  record Log(Path file, OptionalInt node, String role, Inspection inspection, List<Record> records, List<Txn> txns) {}

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
    List<Log> logs = new ArrayList<>();
    for (Path file : files(path, protocol.name())) {
      logs.add(read(file, protocol));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.line(json(logs)));
    } else {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < logs.size(); i++) {
        if (i > 0) {
          b.append('\n');
        }
        b.append(text(logs.get(i)));
      }
      out.print(b);
    }
    return Main.OK;
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
    for (Inspection.Entry e : in.records()) {
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
    boolean coordinator = node.isPresent() ? node.getAsInt() == 0
        : in.records().stream().anyMatch(e -> marks(protocol, e.payload(), CommitProtocol.Milestone.DECISION));
    String role = records.isEmpty() && node.isEmpty() ? "unknown" : coordinator ? "coordinator" : "participant";
    List<Txn> txns = new ArrayList<>();
    byTxn.forEach((id, texts) -> txns.add(txn(id, texts, coordinator)));
    return new Log(file, node, role, in, records, txns);
  }

  /** Whether the protocol says {@code record} marks {@code milestone} (a record it cannot read marks none). */
  private static boolean marks(CommitProtocol protocol, byte[] record, CommitProtocol.Milestone milestone) {
    try {
      return protocol.milestone(record).orElse(null) == milestone;
    } catch (IllegalArgumentException unreadable) {
      return false;
    }
  }

  private static OptionalInt node(Path file) {
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
    log.node().ifPresent(n -> b.append(" (node ").append(n).append(')'));
    b.append(", ").append(Words.plural(log.records().size(), "record")).append(", ")
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
    return b.toString();
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
      o.put("size", in.size());
      o.put("opens", in.opens());
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
        }
        x.put("description", d.describe());
      }
    }
    return j;
  }
}
