package io.github.bgp.cli;

/**
 * Bad input the user can fix: a scenario setting the library rejected, a malformed scenario
 * file, a run too large for memory. Reported as one line on stderr with exit code 2.
 */
final class UsageError extends RuntimeException {

  UsageError(String message) {
    super(message, null, false, false);
  }
}
