package io.github.bgp.cli;

import io.github.bgp.api.Protocol;
import io.github.bgp.api.Protocols;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bgp protocols}: every protocol on the class path, by name, with its summary. */
@Command(
    name = "protocols",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "List the available protocols: the name to select each by, and what it guarantees.")
final class ProtocolsCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    List<Protocol> all = Protocols.all();
    if (all.isEmpty()) {
      spec.commandLine().getOut().println("no protocols: no protocol module is on the class path");
      return Main.OK;
    }
    Table table = new Table("protocol", "summary");
    for (Protocol p : all) {
      table.row(p.name(), p.summary());
    }
    spec.commandLine().getOut().print(table.render());
    return Main.OK;
  }
}
