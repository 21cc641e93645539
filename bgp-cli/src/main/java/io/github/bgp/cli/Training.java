package io.github.bgp.cli;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * The run the {@code ./bgp} launcher records a class-data archive from
 * ({@code -XX:ArchiveClassesAtExit}), once per build and JDK: a few typical commands in one JVM,
 * their output thrown away, so that the archive holds the classes those commands load and
 * every later start maps them instead of loading, parsing and verifying them again. It reads
 * no input, writes no file and opens no socket.
 */
public final class Training {

  /** The commands run; small scenarios that load what the big ones load. */
  static final List<List<String>> COMMANDS = List.of(
      List.of("om", "--generals", "7", "--m", "2", "--json"),
      List.of("om", "--generals", "7", "--m", "2", "--traitors", "1,6", "--strategy", "random"),
      List.of("om", "--generals", "7", "--m", "2", "--evaluate", "--json"),
      List.of("sm", "--generals", "5", "--m", "1", "--json"),
      List.of("--help"));

  private Training() {}

  /**
   * Runs the {@link #COMMANDS}; exits with 1 if one of them did not succeed.
   *
   * @param args none are taken
   */
  public static void main(String[] args) {
    if (args.length > 0) {
      throw new IllegalArgumentException("the training run takes no arguments, got " + List.of(args));
    }
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true);
    int failed = 0;
    for (List<String> command : COMMANDS) {
      int exit = Main.run(command.toArray(String[]::new), new ByteArrayInputStream(new byte[0]), nowhere, nowhere);
      if (exit != Main.OK) {
        System.err.println("bgp: the training command 'bgp " + String.join(" ", command) + "' exited with " + exit);
        failed++;
      }
    }
    System.exit(failed == 0 ? Main.OK : Main.INTERNAL_ERROR);
  }
}
