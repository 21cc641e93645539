package io.github.bgp.bench;

import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;

/** The scenarios the benchmarks and the report measure, defined once. */
public final class Benchmarks {

  private Benchmarks() {}

  /**
   * n generals running OM(m); with {@code traitors}, m lieutenants spread evenly over the
   * ids (for n = 3m + 1: 1, 4, 7, ...) lie with {@code strategy}; without, everyone is loyal.
   */
  public static Scenario scenario(int n, int m, boolean traitors, Strategy strategy) {
    Scenario.Builder b = Scenario.builder(n).m(m).strategy(strategy).seed(1982);
    if (traitors && m > 0) {
      int[] ids = new int[m];
      for (int i = 0; i < m; i++) {
        ids[i] = 1 + i * (n - 1) / m;
      }
      b.traitors(ids);
    }
    return b.build();
  }

  /** {@code "16:5"} as n=16, m=5. */
  public static int[] size(String nm) {
    String[] parts = nm.split(":");
    if (parts.length != 2) {
      throw new IllegalArgumentException("a size is n:m, like 16:5, not '" + nm + "'");
    }
    return new int[] {Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip())};
  }
}
