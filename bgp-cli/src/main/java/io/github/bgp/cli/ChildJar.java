package io.github.bgp.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A jar that a command runs as a child process because {@code bgp.jar} cannot carry it ({@code bgp
 * bench}'s benchmarks jar, with JMH; {@code bgp 2pc bank}'s bank jar, with PostgreSQL's binaries):
 * where the jar is (the system property the {@code ./bgp} launcher sets, else the one built beside
 * this command), the child's {@code java} command line, and the run: standard input inherited,
 * its standard output and error passed on line by line, a shutdown hook that stops it when this
 * process is stopped by a signal, and its exit code.
 *
 * @param command the command that runs the jar, for messages ({@code bgp bench})
 * @param what the jar, for messages ({@code the benchmarks jar})
 * @param property the system property that names the jar
 * @param built where the jar is built, from the repository's root
 * @param build the command that builds it
 * @param threads how the child's threads in this process are named ({@code bgp-bench}: {@code bgp-bench-stop},
 *     {@code bgp-bench-output}, {@code bgp-bench-progress})
 */
record ChildJar(String command, String what, String property, Path built, String build, String threads) {

  /** The jar: the one {@link #property} names, else the one built beside this command. */
  Path find() {
    return find(System.getProperty(property), ownLocation());
  }

  /**
   * The jar: the one {@code named} says if it is set, else the one built beside this command in
   * the same repository ({@code location} is this command's jar or classes directory,
   * {@code bgp-cli/target/...}).
   *
   * @throws UsageError if it is missing, naming the command that builds it
   */
  Path find(String named, Optional<Path> location) {
    Path jar;
    if (named != null && !named.isBlank()) {
      jar = Path.of(named);
    } else {
      Path root = location.map(Path::toAbsolutePath).map(Path::getParent).map(Path::getParent).map(Path::getParent)
          .orElse(Path.of("").toAbsolutePath());
      jar = root.resolve(built);
    }
    if (!Files.exists(jar)) {
      throw new UsageError(command + " runs " + what + " " + jar + ", which is not built; build it with: " + build);
    }
    return jar;
  }

  /**
   * The start of the child's command line: this JVM's {@code java} with its {@code -X} and
   * {@code -D} options (so that {@code BGP_JAVA_OPTS} applies to the child as to this command), but
   * its class-data archive, which is {@code bgp.jar}'s; then {@code options}, the jar as the class
   * path and the program {@code main}. The caller adds the program's arguments.
   */
  static List<String> java(Path jar, List<String> options, String main) {
    List<String> line = new ArrayList<>();
    line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if ((option.startsWith("-X") || option.startsWith("-D")) && !option.startsWith("-XX:SharedArchiveFile")) {
        line.add(option);
      }
    }
    line.addAll(options);
    line.add("-cp");
    line.add(jar.toString());
    line.add(main);
    return line;
  }

  /**
   * Runs {@code line} to its end, its output through {@code spec}'s streams, and stops it if this
   * process is stopped meanwhile.
   *
   * @param jar the jar the child runs, for messages
   * @param line the child's command line, from {@link #java}
   * @param passedOn the exit codes of the child that are this command's too; any other is
   *     {@link Main#INTERNAL_ERROR}
   * @return the exit code of this command
   * @throws UsageError if the child cannot be started
   */
  int run(Path jar, List<String> line, CommandSpec spec, Set<Integer> passedOn) {
    Process child;
    try {
      child = new ProcessBuilder(line).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      throw new UsageError("cannot run " + what + " " + jar + ": " + e.getMessage());
    }
    // Stopped by a signal meanwhile: the child stops too (and stops what it started: forks, nodes, databases).
    Thread hook = new Thread(child::destroy, threads + "-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      Thread progress = pump(child.getErrorStream(), spec.commandLine().getErr(), threads + "-progress");
      pump(child.getInputStream(), spec.commandLine().getOut(), threads + "-output").join();
      progress.join();
      int exit = child.waitFor();
      return passedOn.contains(exit) ? exit : Main.INTERNAL_ERROR;
    } catch (InterruptedException e) {
      child.destroy();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + what + " ran", e);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running, and stops the child
      }
    }
  }

  /** Where this command's classes were loaded from: {@code bgp.jar}, or a classes directory. */
  static Optional<Path> ownLocation() {
    CodeSource source = ChildJar.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(source.getLocation().toURI()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Copies {@code in} to {@code w} line by line on a thread of its own, until the child closes it. */
  private static Thread pump(InputStream in, PrintWriter w, String name) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          w.println(line);
          w.flush();
        }
      } catch (IOException e) {
        // The child went away mid-line: what it printed so far is through; its exit code tells the rest.
      }
    }, name);
    t.setDaemon(true);
    t.start();
    return t;
  }
}
