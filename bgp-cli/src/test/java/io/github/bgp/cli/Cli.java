package io.github.bgp.cli;

import io.github.bgp.api.Protocol;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;

/** Runs the command in-process and captures what it printed. */
final class Cli {

  private Cli() {}

  /** What one run printed, and its exit code. */
  record Result(int exit, String out, String err) {
    List<String> outLines() {
      return out.lines().toList();
    }

    List<String> errLines() {
      return err.lines().toList();
    }
  }

  static Result run(String... args) {
    return runWithInput("", args);
  }

  static Result runWithInput(String stdin, String... args) {
    InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    return capture((out, err) -> Main.run(args, in, out, err));
  }

  /** Runs {@code args} as if {@code protocols} were the providers on the class path. */
  static Result runWith(List<Protocol> protocols, String... args) {
    InputStream in = new ByteArrayInputStream(new byte[0]);
    return capture((out, err) -> Main.run(args, in, out, err, () -> protocols));
  }

  /** Runs {@code args} on a command tree the test built (to add a subcommand, say). */
  static Result runOn(CommandLine bgp, String... args) {
    return capture((out, err) -> Main.execute(bgp, args, out, err));
  }

  private interface Body {
    int run(PrintStream out, PrintStream err);
  }

  private static Result capture(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = body.run(o, e);
    }
    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
