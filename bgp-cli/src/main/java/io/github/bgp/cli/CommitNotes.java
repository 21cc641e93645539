package io.github.bgp.cli;

import java.util.List;

/**
 * What the help and the reports say about one atomic commit protocol: a title for the command
 * list, the protocol's name for people, a description for its {@code --help}, the same for its
 * {@code log} command, and what the crash hints expect to happen. A protocol without notes gets
 * generic ones, so any commit protocol can be registered as a command by name alone.
 *
 * @param protocol the name the protocol is registered under ({@code 2pc})
 * @param title one line for {@code bgp --help}'s command list
 * @param called the protocol's name in a sentence ({@code two-phase commit})
 * @param description the opening paragraphs of the command's {@code --help}
 * @param logTitle one line for the {@code log} command
 * @param logDescription the opening paragraphs of the {@code log} command's {@code --help}
 * @param afterRecovery what a coordinator that crashed just after logging a decision does when it is back
 * @param neverBack what follows when it never comes back
 */
record CommitNotes(String protocol, String title, String called, List<String> description, String logTitle,
    List<String> logDescription, String afterRecovery, String neverBack) {

  CommitNotes {
    description = List.copyOf(description);
    logDescription = List.copyOf(logDescription);
  }

  static final CommitNotes TWO_PHASE = new CommitNotes(
      "2pc",
      "Run two-phase commit with crashes and lost messages, and show what every node decided.",
      "two-phase commit",
      List.of(
          "A coordinator (node 0) asks participants 1..N to vote on each transaction,",
          "COMMIT or ABORT. It commits only if every participant votes COMMIT, and",
          "aborts otherwise or when a vote does not arrive in time. Every node keeps a",
          "durable log: a participant logs READY before it votes COMMIT, the coordinator",
          "logs its decision before it announces it. A participant that is READY can no",
          "longer abort on its own: if the coordinator dies then, the participant waits",
          "(asking its peers) until someone who knows the outcome tells it; it is",
          "blocked while nobody does. A crashed node restarts from its log and finishes",
          "or aborts each transaction as its log says.",
          "",
          "The run is simulated in virtual time (a message takes 1 time unit) and is a",
          "function of its options and seed: the same seed replays it exactly."),
      "Print each transaction's records and state in two-phase commit logs.",
      List.of(
          "Reads every node-<id>.log in DIR (as bgp 2pc --log-dir writes them), or the",
          "one log FILE, without changing it: it may be a log another process has open.",
          "For each transaction it prints the records in order and the state they leave",
          "it in, which is what the node does with it when it recovers:",
          "  coordinator  WAIT (BEGIN, no decision)      recovery aborts it",
          "               COMMIT or ABORT (DECIDED)      recovery announces it again",
          "               the same, with END             every participant acknowledged",
          "  participant  READY (voted COMMIT)           recovery asks for the outcome",
          "               ABORT (VOTED ABORT)            it never promised anything",
          "               COMMIT or ABORT (OUTCOME)      recovery applies it again",
          "               the same, with ENDED           the coordinator ended it",
          "Each log's header says whose it is (cluster, node, role, protocol). A torn",
          "tail (the trace of a crash in the middle of a force: opening the log drops it)",
          "and a corrupt record (one a commit marker shows was forced: opening the log",
          "fails) are reported with their byte offsets.",
          "",
          "Then it checks the logs of DIR against each other, by the outcome they give",
          "together: it names every disagreement (the transaction, which participant",
          "holds what, what the coordinator decided), a commit without every vote, and",
          "every foreign (another cluster's or protocol's), swapped, misplaced, duplicate,",
          "missing or corrupt log, and exits 3 if there is one. --upgrade CLUSTER first",
          "rewrites logs of format version 1, whose header names no owner, as version 2",
          "(bgp node refuses version 1)."),
      "it recovers and announces it again",
      "the participants that voted COMMIT are blocked");

  /** The notes for {@code protocol}, or generic ones if it has none. */
  static CommitNotes of(String protocol) {
    if (protocol.equals(TWO_PHASE.protocol())) {
      return TWO_PHASE;
    }
    return new CommitNotes(
        protocol,
        "Run the " + protocol + " commit protocol with crashes and lost messages, and show what every node decided.",
        protocol,
        List.of(
            "A coordinator (node 0) is given transactions, and participants 1..N vote on",
            "each, COMMIT or ABORT: a transaction must commit everywhere or nowhere, and",
            "only if every participant voted COMMIT. Every node keeps a durable log, and a",
            "crashed node restarts from it. 'bgp protocols' says what " + protocol + " guarantees.",
            "",
            "The run is simulated in virtual time (a message takes 1 time unit) and is a",
            "function of its options and seed: the same seed replays it exactly."),
        "Print each transaction's records and state in " + protocol + " logs.",
        List.of(
            "Reads every node-<id>.log in DIR (as bgp " + protocol + " --log-dir writes them), or",
            "the one log FILE, without changing it: it may be a log another process has open.",
            "For each transaction it prints the records in order, as the protocol describes",
            "them. Each log's header says whose it is. A torn tail (the trace of a crash in",
            "the middle of a force: opening the log drops it) and a corrupt record (one a",
            "commit marker shows was forced: opening the log fails) are reported with their",
            "byte offsets. Then it checks the logs of DIR against each other, by the",
            "outcome " + protocol + " gives them together: it names every disagreement and every",
            "foreign, swapped, misplaced, duplicate, missing or corrupt log, and exits 3 if",
            "there is one."),
        "see what it does when it is back",
        "see whether the participants that voted COMMIT can finish without it");
  }
}
