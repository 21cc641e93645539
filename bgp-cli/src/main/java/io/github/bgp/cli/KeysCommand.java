package io.github.bgp.cli;

import io.github.bgp.api.NodeId;
import io.github.bgp.net.Certificates;
import io.github.bgp.net.ClusterConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bgp keys}: a cluster's keys, certificates and configuration file. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = {
      "Make a cluster: for each node an Ed25519 key pair (node-<id>.key.pem, PKCS#8, to be kept on that"
          + " node only) and a self-signed X.509 certificate (node-<id>.crt.pem), and cluster.json naming every"
          + " node's host, port and certificate. Nodes authenticate each other with mutual TLS 1.3 against"
          + " exactly these certificates; under sm the same keys sign the generals' messages.",
      "",
      "Edit the hosts and ports in cluster.json to spread the nodes over machines, copy the directory"
          + " to each, and remove the other nodes' .key.pem files from each copy.",
      "",
      "The cluster is made in a temporary directory beside DIR and then renamed into place (DIR itself if it"
          + " did not exist or was empty; else file by file, cluster.json last), so a failure never leaves half a"
          + " cluster in DIR."
    },
    descriptionHeading = "%n",
    optionListHeading = "%nOptions:%n",
    footerHeading = "%n",
    footer = {
      "Example:",
      "  bgp keys --generals 4 --out cluster",
      "  bgp node --config cluster/cluster.json --id 0 --protocol om --scenarios runs.jsonl   (and ids 1-3)"
    })
final class KeysCommand implements Callable<Integer> {

  /** The most nodes one cluster is made with. */
  static final int MAX_NODES = 1000;

  @Spec
  CommandSpec spec;

  @Option(names = {"--generals", "--nodes"}, paramLabel = "N", required = true,
      description = "How many nodes: the generals (commander included), or the coordinator and participants;"
          + " 2 to " + MAX_NODES + ".")
  int nodes;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where to write; created if missing.")
  Path out;

  @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
      description = "The host every node is at in cluster.json. Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(names = "--base-port", paramLabel = "PORT", defaultValue = "7100",
      description = "Node i listens on PORT+i. Default: ${DEFAULT-VALUE}.")
  int basePort;

  @Option(names = "--cluster", paramLabel = "NAME", defaultValue = "bgp",
      description = "The cluster's name; nodes refuse peers from another. Default: ${DEFAULT-VALUE}.")
  String cluster;

  @Option(names = "--round-timeout", paramLabel = "MS",
      description = "The length of a synchronous round, in milliseconds (A3: a message later than its round's"
          + " deadline is dropped and the default used). Default: " + ClusterConfig.DEFAULT_ROUND_TIMEOUT_MILLIS + ".")
  Long roundTimeout;

  @Option(names = "--force", description = "Overwrite keys already in DIR.")
  boolean force;

  @Override
  public Integer call() throws IOException {
    if (nodes < 2) {
      throw usage("--generals must be at least 2, got " + nodes);
    }
    if (nodes > MAX_NODES) {
      throw usage("--generals must be at most " + MAX_NODES + " (a key pair and a certificate each), got " + nodes);
    }
    long lastPort = (long) basePort + nodes - 1;
    if (basePort < 1 || lastPort > 65535) {
      throw usage("--base-port " + basePort + " leaves ports " + basePort + " to " + lastPort
          + ", not all in 1 to 65535");
    }
    if (host.isBlank()) {
      throw usage("--host needs a host name or address");
    }
    long round = roundTimeout == null ? ClusterConfig.DEFAULT_ROUND_TIMEOUT_MILLIS : roundTimeout;
    if (round <= 0) {
      throw usage("--round-timeout must be positive, got " + round);
    }
    if (cluster.isBlank()) {
      throw usage("--cluster needs a name");
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw usage("--out " + out + " is a file, not a directory");
    }
    if (!force) {
      for (int i = 0; i < nodes; i++) {
        Path key = out.resolve(Certificates.keyFile(NodeId.of(i)));
        if (Files.exists(key)) {
          throw usage(key + " already exists; pass --force to replace the cluster's keys");
        }
      }
    }
    ClusterConfig config;
    Path tmp = null;
    try {
      Path target = out.toAbsolutePath();
      Files.createDirectories(target.getParent());
      tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".bgp-keys-");
      config = Certificates.makeCluster(tmp, cluster, nodes, host, basePort, round);
      install(tmp, target);
      config = ClusterConfig.load(target.resolve("cluster.json"));
    } catch (IOException e) {
      throw new UsageError("cannot write the cluster to " + out + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new UsageError("cannot make the cluster: " + e.getMessage());
    } finally {
      if (tmp != null) {
        deleteQuietly(tmp);
      }
    }
    PrintWriter w = spec.commandLine().getOut();
    w.printf("made cluster '%s' of %d nodes in %s:%n", config.name(), config.size(), out);
    for (ClusterConfig.Member m : config.members()) {
      w.printf("  node %d  %s:%d  %s  %s%n", m.id().index(), m.host(), m.port(), m.certificate(),
          Certificates.keyFile(m.id()));
    }
    w.printf("  %s  (round timeout %d ms, frames up to %d bytes, mutual TLS 1.3)%n", "cluster.json",
        config.roundTimeoutMillis(), config.maxFrameBytes());
    w.printf("start node i with: bgp node --config %s --id i ...%n", out.resolve("cluster.json"));
    return Main.OK;
  }

  /**
   * Puts the cluster made in {@code made} at {@code target}: one rename of the directory if
   * {@code target} does not exist or is empty, else each file renamed over its old self, the
   * configuration last (what names the certificates comes once they are all there).
   */
  private static void install(Path made, Path target) throws IOException {
    if (Files.isDirectory(target)) {
      try (var entries = Files.list(target)) {
        if (entries.findAny().isEmpty()) {
          Files.delete(target);
        }
      }
    }
    if (!Files.exists(target)) {
      Files.move(made, target, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    List<Path> files;
    try (var entries = Files.list(made)) {
      files = new ArrayList<>(entries.filter(f -> !f.getFileName().toString().equals("cluster.json")).sorted().toList());
    }
    files.add(made.resolve("cluster.json"));
    for (Path f : files) { // what could stop a rename stops it before the first
      Path to = target.resolve(f.getFileName().toString());
      if (Files.isDirectory(to)) {
        throw new IOException(to + " is a directory: nothing was written");
      }
    }
    for (Path f : files) {
      Files.move(f, target.resolve(f.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var all = Files.walk(dir)) {
      all.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is not worth failing for
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
