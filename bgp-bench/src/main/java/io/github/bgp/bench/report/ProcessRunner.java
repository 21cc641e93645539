package io.github.bgp.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Runs {@link ProcessProbe}s: each repetition a new process of the same {@code java} as this
 * one, timed from here, its {@code VmHWM} polled every couple of milliseconds until it exits.
 * The bgp command runs as a user runs it, through the {@code ./bgp} launcher next to this jar
 * when there is one (with this JVM as its {@code JAVA_HOME}, the probe's JVM options as
 * {@code BGP_JAVA_OPTS}, and no rebuild), the launcher's class-data archive prepared by one
 * unmeasured {@code bgp --version} first; else as {@code java -jar}.
 */
final class ProcessRunner {

  /** The system property that names the jar of the bgp command ({@code bgp-cli/target/bgp.jar}). */
  static final String BGP_JAR_PROPERTY = "bgp.jar";
  /** How often the peak memory is read while a process runs. */
  private static final long POLL_MILLIS = 2;
  /** A run taking longer than this is stopped and reported as a problem. */
  private static final long TIMEOUT_SECONDS = 300;

  private final PrintStream log;
  private boolean prepared;

  ProcessRunner(PrintStream log) {
    this.log = log;
  }

  /** Runs the launcher once, unmeasured, so that the runs measured start as every later one does. */
  private void prepare(Path launcher) {
    if (prepared) {
      return;
    }
    prepared = true;
    List<String> command = List.of(launcher.toString(), "--version");
    ProcessResult.Run r = once(command, environment(List.of()));
    if (r.exit() != 0) {
      log.println("  preparing the launcher (" + String.join(" ", command) + ") exited with " + r.exit());
    }
  }

  ProcessResult run(ProcessProbe probe) {
    List<String> command;
    try {
      command = command(probe);
    } catch (IllegalStateException e) {
      log.println("  " + probe.label() + ": not run: " + e.getMessage());
      return ProcessResult.unavailable(probe, e.getMessage());
    }
    Optional<Path> launcher = launcher(probe, System.getProperty(BGP_JAR_PROPERTY));
    launcher.ifPresent(this::prepare);
    Map<String, String> env = launcher.isPresent() ? environment(probe.jvmOptions()) : Map.of();
    List<ProcessResult.Run> runs = new ArrayList<>();
    for (int i = 1; i <= probe.repetitions(); i++) {
      ProcessResult.Run r = once(command, env);
      runs.add(r);
      log.printf(Locale.ROOT, "  %s, run %d/%d: %s, peak %s, exit %d%s%n", probe.label(), i, probe.repetitions(),
          Format.duration(r.wallNanos()), r.hasPeak() ? Format.megabytes(r.peakRssBytes()) : "unavailable", r.exit(),
          r.correct(probe.expectedMessages()) ? ", IC1 and IC2 hold" : ", CHECK FAILED" + (r.problem() == null ? "" : ": " + r.problem()));
    }
    List<String> shown = new ArrayList<>();
    env.forEach((k, v) -> {
      if (k.equals(BGP_JAVA_OPTS) && !v.isEmpty()) {
        shown.add(k + "=" + v);
      }
    });
    shown.addAll(command);
    return new ProcessResult(probe, shown, null, runs);
  }

  /** The launcher's variables: this JVM as its Java, the JVM options, never a rebuild. */
  private static Map<String, String> environment(List<String> jvmOptions) {
    Map<String, String> env = new TreeMap<>();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put(BGP_JAVA_OPTS, String.join(" ", jvmOptions));
    env.put("BGP_BUILD", "never");
    return env;
  }

  private static final String BGP_JAVA_OPTS = "BGP_JAVA_OPTS";

  private ProcessResult.Run once(List<String> command, Map<String, String> env) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    long start = System.nanoTime();
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      return new ProcessResult.Run(-1, System.nanoTime() - start, -1, null, null, -1, "could not start: " + e.getMessage());
    }
    try {
      p.getOutputStream().close();
    } catch (IOException e) {
      // Nothing reads standard input; a close that fails changes nothing.
    }
    Drain out = Drain.start(p.getInputStream());
    Drain err = Drain.start(p.getErrorStream());
    long peak = -1;
    boolean timedOut = false;
    long deadline = start + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    try {
      while (true) {
        OptionalLong hwm = ProcStatus.read(p.pid());
        if (hwm.isPresent()) {
          peak = Math.max(peak, hwm.getAsLong());
        }
        if (p.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
          break;
        }
        if (System.nanoTime() > deadline) {
          timedOut = true;
          p.destroyForcibly();
          p.waitFor();
          break;
        }
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
    }
    long wall = System.nanoTime() - start;
    String stdout = out.text();
    String stderr = err.text();
    Boolean ic1 = null;
    Boolean ic2 = null;
    long messages = -1;
    String problem = null;
    try {
      JsonNode json = new ObjectMapper().readTree(lastLine(stdout));
      if (json != null && json.isObject()) {
        ic1 = json.path("ic1").isBoolean() ? json.get("ic1").asBoolean() : null;
        ic2 = json.path("ic2").isBoolean() ? json.get("ic2").asBoolean() : null;
        messages = json.path("messages").isIntegralNumber() ? json.get("messages").asLong() : -1;
      }
    } catch (IOException e) {
      problem = "its output is not JSON";
    }
    if (timedOut) {
      problem = "stopped after " + TIMEOUT_SECONDS + " s";
    } else if (p.exitValue() != 0) {
      problem = "exit " + p.exitValue() + (stderr.isBlank() ? "" : ": " + lastLine(stderr));
    } else if (ic1 == null || ic2 == null || messages < 0) {
      problem = problem == null ? "its JSON lacks ic1, ic2 or messages" : problem;
    }
    if (peak < 0 && problem == null && ProcStatus.available()) {
      problem = "it exited before its memory could be read";
    }
    return new ProcessResult.Run(p.exitValue(), wall, peak, ic1, ic2, messages, problem);
  }

  private static String lastLine(String text) {
    List<String> lines = text.strip().lines().toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
  }

  /**
   * The command line of {@code probe}: this JVM's {@code java}, then {@code -jar} this jar when
   * the report runs from a jar whose main class is the probe's, else {@code -cp} this JVM's
   * class path and the main class. The bgp command runs as {@code -jar} the jar that the
   * {@value #BGP_JAR_PROPERTY} system property names, when it is set ({@code bgp bench} sets it
   * when it runs the report from the benchmarks jar).
   *
   * @throws IllegalStateException if the main class is not on the class path, or the jar named
   *     by {@value #BGP_JAR_PROPERTY} is missing
   */
  static List<String> command(ProcessProbe probe) {
    return command(probe, System.getProperty(BGP_JAR_PROPERTY));
  }

  /** {@link #command(ProcessProbe)}, with {@code bgpJar} in place of the system property (null: not set). */
  static List<String> command(ProcessProbe probe, String bgpJar) {
    List<String> command = new ArrayList<>();
    Optional<Path> launcher = launcher(probe, bgpJar);
    if (launcher.isPresent()) {
      command.add(launcher.get().toString());
      command.addAll(probe.args());
      return command;
    }
    command.add(javaBinary());
    command.addAll(probe.jvmOptions());
    Optional<Path> jar = ownJar();
    if (probe.mainClass().equals(ProcessProbe.BGP) && bgpJar != null && !bgpJar.isBlank()) {
      Path given = Path.of(bgpJar);
      if (!Files.isRegularFile(given)) {
        throw new IllegalStateException("the bgp command's jar " + given + " (-D" + BGP_JAR_PROPERTY + ") is missing");
      }
      command.add("-jar");
      command.add(given.toString());
    } else if (jar.isPresent() && probe.mainClass().equals(mainClassOf(jar.get()))) {
      command.add("-jar");
      command.add(jar.get().toString());
    } else {
      try {
        Class.forName(probe.mainClass(), false, ProcessRunner.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(probe.mainClass().equals(ProcessProbe.BGP)
            ? "the bgp command is not on the class path (run the report through ./bgp bench)"
            : probe.mainClass() + " is not on the class path");
      }
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(probe.mainClass());
    }
    command.addAll(probe.args());
    return command;
  }

  /**
   * The {@code ./bgp} launcher that runs the bgp command's jar (the one {@code bgpJar} names, else
   * the one this class was loaded from), for a probe of the bgp command: {@code ROOT/bgp} for
   * {@code ROOT/bgp-cli/target/bgp.jar}, so a whole process is measured as users start it.
   */
  static Optional<Path> launcher(ProcessProbe probe, String bgpJar) {
    if (!probe.mainClass().equals(ProcessProbe.BGP)) {
      return Optional.empty();
    }
    if (bgpJar != null && !bgpJar.isBlank()) {
      return launcherOf(Path.of(bgpJar));
    }
    return ownJar().flatMap(ProcessRunner::launcherOf);
  }

  /** {@code ROOT/bgp} if {@code jar} is {@code ROOT/bgp-cli/target/bgp.jar} and the launcher is there. */
  static Optional<Path> launcherOf(Path jar) {
    Path target = jar.toAbsolutePath().getParent();
    Path module = target == null ? null : target.getParent();
    Path root = module == null ? null : module.getParent();
    if (root == null || !jar.getFileName().toString().equals("bgp.jar") || !target.getFileName().toString().equals("target")
        || !module.getFileName().toString().equals("bgp-cli")) {
      return Optional.empty();
    }
    Path launcher = root.resolve("bgp");
    return Files.isRegularFile(launcher) && Files.isExecutable(launcher) ? Optional.of(launcher) : Optional.empty();
  }

  /** The {@code java} of this JVM. */
  static String javaBinary() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    if (Files.isExecutable(java)) {
      return java.toString();
    }
    return ProcessHandle.current().info().command().orElse("java");
  }

  /** The jar this class was loaded from, if it was loaded from a jar. */
  static Optional<Path> ownJar() {
    CodeSource source = ProcessRunner.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return Optional.empty();
    }
    try {
      Path p = Path.of(source.getLocation().toURI());
      return Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar") ? Optional.of(p) : Optional.empty();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String mainClassOf(Path jar) {
    try (JarFile j = new JarFile(jar.toFile())) {
      Manifest m = j.getManifest();
      return m == null ? null : m.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
    } catch (IOException e) {
      return null;
    }
  }

  /** Reads a process's output stream to its end on a thread of its own, so the process never blocks. */
  private static final class Drain extends Thread {
    private final InputStream in;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private Drain(InputStream in) {
      super("bench-process-output");
      this.in = in;
      setDaemon(true);
    }

    static Drain start(InputStream in) {
      Drain d = new Drain(in);
      d.start();
      return d;
    }

    @Override
    public void run() {
      try (InputStream i = in) {
        i.transferTo(bytes);
      } catch (IOException e) {
        // The process went away mid-write: keep what arrived; the checks judge it.
      }
    }

    String text() {
      try {
        join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }
}
