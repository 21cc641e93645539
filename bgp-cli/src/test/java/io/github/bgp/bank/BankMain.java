package io.github.bgp.bank;

/**
 * A stand-in for the bank jar's program, under the name {@code bgp 2pc bank} runs: it prints what
 * it was given, on standard error as progress and on standard output as the result, and exits 3
 * when asked to kill participant-2 (as the real one does when a run breaks an invariant). Only
 * the JDK: the tests run it from bgp-cli's test classes.
 */
public final class BankMain {

  private BankMain() {}

  public static void main(String[] args) {
    System.err.println("fake bank: starting");
    System.out.println("fake bank: args=" + String.join(" ", args));
    System.exit(String.join(" ", args).contains("participant-2") ? 3 : 0);
  }
}
