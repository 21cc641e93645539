package io.github.bgp.api;

/**
 * A Byzantine agreement protocol: a commander sends an order to n-1 lieutenants, some of whom
 * (the commander included) may be traitors, and the loyal lieutenants must satisfy IC1 and IC2.
 * OM(m) and SM(m) are the two in this library; they are interchangeable by name.
 */
public interface AgreementProtocol extends Protocol {

  /** Whether this protocol guarantees IC1 and IC2 for the scenario, and why or why not. */
  Guarantee guarantee(Scenario scenario);

  /**
   * The protocol set up for one run of {@code scenario}.
   *
   * @throws IllegalArgumentException if the protocol cannot run the scenario at all (say, one too
   *     large to fit in memory), with a message that says why
   */
  Agreement<?> create(Scenario scenario, Environment environment);
}
