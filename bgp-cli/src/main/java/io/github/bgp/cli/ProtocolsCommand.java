package io.github.bgp.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.AgreementSpec;
import io.github.bgp.api.Guarantee;
import io.github.bgp.api.Protocol;
import io.github.bgp.api.Protocols;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bgp protocols}: every protocol on the class path, by name, with its family, its
 * capabilities and its summary; each of them is also a command of its own ({@code bgp NAME}).
 */
@Command(
    name = "protocols",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "List the available protocols: the name to select each by, and what it guarantees.",
      "",
      "Each protocol is also a command, bgp NAME, with the options of bgp om for an agreement protocol and"
          + " those of bgp 2pc for a commit protocol.",
      "",
      "Capabilities: signatures (every node needs its key pair and the others' public keys), durable-log"
          + " (every node needs a durable log), evaluator (--evaluate computes a scenario's outcome without"
          + " sending a message).",
      "",
      "A protocol of one's own is listed, and runs by name, once its jar is on the class path:"
          + " BGP_CLASSPATH=my-protocol.jar ./bgp protocols."
    },
    descriptionHeading = "%n",
    optionListHeading = "%nOptions:%n")
final class ProtocolsCommand implements Callable<Integer> {

  /** The instance whose guarantee {@code --json} states for every agreement protocol: OM(1)'s textbook case. */
  static final int GENERALS = 4;
  static final int M = 1;
  static final int TRAITORS = 1;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Spec
  CommandSpec spec;

  @Option(names = "--json",
      description = "Print one JSON object instead: a \"protocols\" array with each protocol's name, family,"
          + " capabilities and summary, and, for agreement protocols, the guarantee for " + GENERALS
          + " generals, m=" + M + " and " + TRAITORS + " traitor.")
  boolean json;

  @Override
  public Integer call() {
    List<Protocol> all = Protocols.all();
    if (json) {
      spec.commandLine().getOut().println(Json.line(json(all)));
      return Main.OK;
    }
    if (all.isEmpty()) {
      spec.commandLine().getOut().println("no protocols: no protocol module is on the class path");
      return Main.OK;
    }
    Table table = new Table("protocol", "family", "capabilities", "summary");
    for (Protocol p : all) {
      table.row(p.name(), p.family().word(), capabilities(p).isEmpty() ? "-" : String.join(", ", capabilities(p)),
          p.summary());
    }
    spec.commandLine().getOut().print(table.render());
    return Main.OK;
  }

  /** The capabilities' words, in the order the capabilities are declared. */
  static List<String> capabilities(Protocol p) {
    return p.capabilities().stream().sorted().map(Protocol.Capability::word).collect(Collectors.toList());
  }

  static ObjectNode json(List<Protocol> all) {
    ObjectNode o = NODES.objectNode();
    ArrayNode protocols = o.putArray("protocols");
    for (Protocol p : all) {
      ObjectNode x = protocols.addObject();
      x.put("name", p.name());
      x.put("family", p.family().word());
      ArrayNode capabilities = x.putArray("capabilities");
      capabilities(p).forEach(capabilities::add);
      x.put("summary", p.summary());
      if (p.family() == Protocol.Family.AGREEMENT && p instanceof AgreementProtocol a) {
        x.set("guarantee", guarantee(a));
      } else {
        x.putNull("guarantee");
      }
    }
    return o;
  }

  /** The protocol's guarantee for the textbook instance: {@code generals, m, traitors, guaranteed, explanation}. */
  private static ObjectNode guarantee(AgreementProtocol p) {
    ObjectNode g = NODES.objectNode();
    g.put("generals", GENERALS);
    g.put("m", M);
    g.put("traitors", TRAITORS);
    Guarantee guarantee;
    try {
      guarantee = p.guarantee(AgreementSpec.orders(GENERALS, M), TRAITORS);
    } catch (IllegalArgumentException e) {
      guarantee = Guarantee.none("it cannot run this instance: " + e.getMessage());
    }
    g.put("guaranteed", guarantee.holds());
    g.put("explanation", guarantee.explanation());
    return g;
  }
}
