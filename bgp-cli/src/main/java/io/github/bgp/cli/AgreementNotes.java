package io.github.bgp.cli;

import java.util.List;

/**
 * What the help and the reports say about one Byzantine agreement protocol: a title for the
 * command list, a description for its {@code --help}, and the theorem behind its guarantee.
 * A protocol without notes gets generic ones, so any agreement protocol can be registered as a
 * command by name alone.
 *
 * @param protocol the name the protocol is registered under ({@code om})
 * @param title one line for {@code bgp --help}'s command list
 * @param theorem what predicts that a search finds nothing when the guarantee holds
 * @param description the opening paragraphs of the command's {@code --help}
 * @param relaysEveryPath whether its lieutenants relay every value along every path from the
 *     commander, as OM(m) does: then a trace is a tree the teaching model ({@code Lesson}) reads,
 *     with absences, lies, folds and the tables {@code --matrix} prints
 */
record AgreementNotes(String protocol, String title, String theorem, List<String> description,
    boolean relaysEveryPath) {

  AgreementNotes {
    description = List.copyOf(description);
  }

  static final AgreementNotes OM = new AgreementNotes(
      "om",
      "Run OM(m), the oral messages algorithm: one scenario, a file of them, or a counterexample search.",
      "Theorem 1",
      List.of(
          "OM(m) is the oral messages algorithm of Lamport, Shostak and Pease (1982). A scenario has"
              + " n generals: the commander (general 0) and the lieutenants (generals 1..n-1), some of whom"
              + " may be traitors.",
          "",
          "OM(0): the commander sends its order to every lieutenant; each lieutenant obeys the value it"
              + " received, or RETREAT if none came.",
          "OM(m), m > 0: the commander sends its order to every lieutenant; each lieutenant then acts as the"
              + " commander of OM(m-1), relaying the value it received to the n-2 others; finally each"
              + " lieutenant decides by a majority of what it gathered: the commander's order as it heard it,"
              + " and the outcome of every other lieutenant's OM(m-1). m is thus both the number of relaying"
              + " rounds after the commander's and the number of traitors the run is prepared for.",
          "",
          "Oral messages are authenticated (a receiver knows who sent a message, and an absent message is"
              + " noticed) but can say anything: a traitor may relay a different value to each lieutenant."
              + " The loyal lieutenants must reach",
          "  IC1  all loyal lieutenants obey the same order, and",
          "  IC2  if the commander is loyal, every loyal lieutenant obeys its order.",
          "Theorem 1: with more than 3m generals and at most m traitors, OM(m) guarantees IC1 and IC2."
              + " With n <= 3m no oral messages algorithm can; see it happen with"
              + " '${COMMAND-FULL-NAME} --generals 3 --m 1 --search'.",
          "",
          "The report shows each general, what it heard (C: the commander's order, Lj: the outcome of"
              + " lieutenant j's OM(m-1)), what it decided, the messages sent, and whether IC1 and IC2"
              + " held."),
      true);

  static final AgreementNotes SM = new AgreementNotes(
      "sm",
      "Run SM(m), the signed messages algorithm (Ed25519): one scenario, a file of them, or a search.",
      "Theorem 2",
      List.of(
          "SM(m) is the signed messages algorithm of Lamport, Shostak and Pease (1982, section 4): the"
              + " commander signs its order and sends it to every lieutenant; a lieutenant that receives a"
              + " value carrying a valid chain of k distinct signatures, the commander's first, adds it to its"
              + " set V and, while k <= m, countersigns it and relays it to every lieutenant not yet on the"
              + " chain. After m + 1 rounds each decides choice(V): the value if V holds one, RETREAT (or 0"
              + " for numbers) if it holds none or several. A lieutenant relays at most two values: holding"
              + " two, it can prove the commander a traitor.",
          "",
          "Signatures are real (Ed25519): a traitor cannot make a loyal general's signature say anything"
              + " else, so what it forges is rejected and counted. Traitors share their keys with each other."
              + " Keys are derived from the seed, so a run replays exactly.",
          "  IC1  all loyal lieutenants obey the same order, and",
          "  IC2  if the commander is loyal, every loyal lieutenant obeys its order.",
          "Theorem 2: with at most m traitors, SM(m) guarantees IC1 and IC2 for any number of generals:"
              + " three generals with one traitor, hopeless under oral messages, work. Compare"
              + " 'bgp om --generals 3 --m 1 --traitors 2 --strategy flip' with the same under sm.",
          "",
          "The report shows each general, what it heard (C: the commander's signed order, Lj: the first"
              + " value lieutenant j relayed), what it decided, the signatures made and verified, the messages"
              + " rejected, and what each lieutenant can prove."),
      false);

  /** The notes for {@code protocol}, or generic ones if it has none. */
  static AgreementNotes of(String protocol) {
    if (protocol.equals(OM.protocol())) {
      return OM;
    }
    if (protocol.equals(SM.protocol())) {
      return SM;
    }
    return new AgreementNotes(
        protocol,
        "Run the " + protocol + " agreement protocol: one scenario, a file of them, or a counterexample search.",
        "the protocol's guarantee",
        List.of(
            "A scenario of the " + protocol + " Byzantine agreement protocol has n generals: the commander"
                + " (general 0) and the lieutenants (generals 1..n-1), some of whom may be traitors. The loyal"
                + " lieutenants must reach",
            "  IC1  all loyal lieutenants obey the same order, and",
            "  IC2  if the commander is loyal, every loyal lieutenant obeys its order.",
            "'bgp protocols' says when " + protocol + " guarantees them."),
        false);
  }
}
