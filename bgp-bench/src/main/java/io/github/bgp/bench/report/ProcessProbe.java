package io.github.bgp.bench.report;

import java.util.List;
import java.util.Objects;

/**
 * A program run as a whole process, a few times, with its wall time and peak memory measured
 * from outside: {@code java [jvmOptions] <mainClass> [args]}. The program prints one JSON line
 * with {@code messages}, {@code ic1} and {@code ic2}; a run passes its checks when it exits with
 * 0, both conditions hold and it sent {@code expectedMessages}.
 *
 * @param id a short name for processes.json
 * @param label what the report calls it
 * @param mainClass the class to run; {@link #BGP} is the bgp command, run as {@code java -jar
 *     bgp.jar} when the report runs from that jar
 * @param jvmOptions options for the JVM, none for the command as a user runs it
 * @param args the program's arguments
 * @param repetitions how many times to run it
 * @param expectedMessages the logical messages a correct run sends
 */
record ProcessProbe(String id, String label, String mainClass, List<String> jvmOptions, List<String> args,
    int repetitions, long expectedMessages) {

  /** The bgp command's main class. */
  static final String BGP = "io.github.bgp.cli.Main";

  ProcessProbe {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(mainClass, "mainClass");
    jvmOptions = List.copyOf(jvmOptions);
    args = List.copyOf(args);
    if (repetitions < 1) {
      throw new IllegalArgumentException("repetitions must be at least 1, got " + repetitions);
    }
  }

  /** {@code bgp args...}, as a user runs it. */
  static ProcessProbe bgp(String id, String label, int repetitions, long expectedMessages, String... args) {
    return new ProcessProbe(id, label, BGP, List.of(), List.of(args), repetitions, expectedMessages);
  }

  /** {@code bgp args...} with {@code jvmOptions} for its JVM (the launcher's {@code BGP_JAVA_OPTS}). */
  static ProcessProbe bgp(String id, String label, int repetitions, long expectedMessages, List<String> jvmOptions,
      String... args) {
    return new ProcessProbe(id, label, BGP, jvmOptions, List.of(args), repetitions, expectedMessages);
  }

  /**
   * How the report shows the command: {@code bgp om --generals 19 ...} (with
   * {@code BGP_JAVA_OPTS=...} in front if it has JVM options) or {@code java -Xmx6g Main args}.
   */
  String display() {
    StringBuilder s = new StringBuilder();
    if (mainClass.equals(BGP)) {
      if (!jvmOptions.isEmpty()) {
        s.append("BGP_JAVA_OPTS=").append(String.join(" ", jvmOptions)).append(' ');
      }
      s.append("bgp");
    } else {
      s.append("java");
      jvmOptions.forEach(o -> s.append(' ').append(o));
      s.append(' ').append(mainClass.substring(mainClass.lastIndexOf('.') + 1));
    }
    args.forEach(a -> s.append(' ').append(a));
    return s.toString();
  }
}
