package io.github.bgp.bench.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one report run measured; sections build their claims, tables and charts from it
 * and from nothing else.
 *
 * @param suite which suite ran
 * @param jmh the JMH results
 * @param counts logical messages counted by running scenarios once
 * @param processes the whole-process probes
 * @param machine where it ran
 */
record Results(Suite suite, JmhResults jmh, List<MessageCount> counts, List<ProcessResult> processes, Machine machine) {

  Results {
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(jmh, "jmh");
    counts = List.copyOf(counts);
    processes = List.copyOf(processes);
    Objects.requireNonNull(machine, "machine");
  }

  Optional<MessageCount> count(String protocol, int n, int m, String traitors) {
    return counts.stream().filter(c -> c.is(protocol, n, m, traitors)).findFirst();
  }

  Optional<ProcessResult> process(String id) {
    return processes.stream().filter(p -> p.probe().id().equals(id)).findFirst();
  }
}
