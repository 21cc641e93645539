package io.github.bgp.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root command; it does nothing itself but name its subcommands. */
@Command(
    name = "bgp",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    synopsisSubcommandLabel = "COMMAND",
    description = {
      "Distributed agreement: run, trace and explore the Byzantine generals algorithms.",
      "",
      "A commander (general 0) sends an order, ATTACK or RETREAT, to n-1 lieutenants"
          + " (generals 1..n-1). Some generals, the commander included, may be traitors who lie."
          + " The loyal lieutenants must reach interactive consistency:",
      "  IC1  all loyal lieutenants obey the same order;",
      "  IC2  if the commander is loyal, every loyal lieutenant obeys its order.",
      "",
      "Run '${ROOT-COMMAND-NAME} COMMAND --help' to learn more about a command."
    },
    descriptionHeading = "%n",
    optionListHeading = "%nOptions:%n",
    commandListHeading = "%nCommands:%n",
    footerHeading = "%n",
    footer = {
      "Examples:",
      "  bgp om --generals 7 --traitors 3,4",
      "  bgp om --generals 4 --traitors 0 --strategy split --trace",
      "  bgp om --generals 3 --m 1 --search",
      "",
      "Exit status: 0 success, 1 internal error, 2 bad arguments or input."
    })
final class BgpCommand implements Runnable {

  @Spec
  CommandSpec spec;

  /** Prints the stack trace of an internal error; inherited by every subcommand. */
  @Option(names = "--debug", hidden = true, scope = ScopeType.INHERIT)
  boolean debug;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "missing a command: " + String.join(", ", spec.subcommands().keySet()));
  }
}
