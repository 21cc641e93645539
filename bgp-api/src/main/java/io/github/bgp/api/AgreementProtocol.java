package io.github.bgp.api;

import io.github.bgp.spi.Adversary;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Setup;
import java.util.Optional;

/**
 * A Byzantine agreement protocol: a commander proposes a value to n-1 lieutenants, some of whom
 * (the commander included) may be traitors, and the loyal lieutenants must satisfy IC1 and IC2.
 * OM(m) and SM(m) are interchangeable by name.
 *
 * @since 0.1.0
 */
public interface AgreementProtocol extends Protocol {

  @Override
  default Family family() {
    return Family.AGREEMENT;
  }

  /**
   * Whether this protocol carries values of {@code kind}: orders and numbers by default; a protocol
   * that carries an application's bytes ({@link Value.Kind#BYTES}, bounded by
   * {@link AgreementSpec#maxValueBytes()}) says so, and {@link #create} refuses the kinds it does not carry.
   *
   * @param kind a kind of value
   * @return whether an instance of that kind can run
   */
  default boolean carries(Value.Kind kind) {
    return kind != Value.Kind.BYTES;
  }

  /**
   * Whether this protocol guarantees IC1 and IC2 for an instance with this many traitors, and why
   * or why not (for OM(m), n &gt; 3m and at most m traitors).
   *
   * @param spec the instance
   * @param traitors how many nodes are traitors, the commander included if it is one
   * @return the guarantee and its reason
   */
  Guarantee guarantee(AgreementSpec spec, int traitors);

  /**
   * Whether this protocol guarantees IC1 and IC2 for the scenario, and why or why not.
   *
   * @param scenario the scenario; its spec and its number of traitors decide
   * @return the guarantee and its reason
   */
  default Guarantee guarantee(Scenario scenario) {
    return guarantee(scenario.spec(), scenario.traitors().size());
  }

  /**
   * The protocol set up for one instance; the adversary's traitors get nodes that lie as it says.
   *
   * @param spec the instance every node knows alike
   * @param environment the cluster, the instance id, the round length and the keys, if any
   * @param adversary the traitors and how they lie; {@link Adversary#NONE} for none
   * @return the nodes, ready for a runtime to host
   * @throws IllegalArgumentException if the protocol cannot run the instance at all (say, one too
   *     large to fit in memory, or a kind of value it does not carry), with a message that says why
   */
  Setup<?> create(AgreementSpec spec, Environment environment, Adversary adversary);

  /**
   * The protocol set up for one instance in which every node is loyal: what a live node runs.
   *
   * @param spec the instance every node knows alike
   * @param environment the cluster, the instance id, the round length and the keys, if any
   * @return the nodes, ready for a runtime to host
   * @throws IllegalArgumentException if the protocol cannot run the instance, saying why
   */
  default Setup<?> create(AgreementSpec spec, Environment environment) {
    return create(spec, environment, Adversary.NONE);
  }

  /**
   * A closed-form evaluator of scenarios, for sizes no run can hold.
   *
   * @return the evaluator, or empty if the protocol has none (the default)
   */
  default Optional<Evaluator> evaluator() {
    return Optional.empty();
  }

  /**
   * Computes the outcome of a scenario without sending a message.
   *
   * @since 0.1.0
   */
  @FunctionalInterface
  interface Evaluator {
    /**
     * The outcome a run of {@code scenario} has.
     *
     * @param scenario the scenario, of this protocol
     * @return the same outcome a run of it gives
     * @throws IllegalArgumentException if the scenario is beyond what the evaluator handles, saying why
     */
    Outcome evaluate(Scenario scenario);
  }
}
