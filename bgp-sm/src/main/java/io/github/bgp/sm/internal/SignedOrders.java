package io.github.bgp.sm.internal;

import io.github.bgp.api.AgreementSpec;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.sm.Signatures;
import io.github.bgp.sm.SignedValue;
import io.github.bgp.spi.Adversary;
import io.github.bgp.spi.Entropy;
import io.github.bgp.spi.Node;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The commander's first round in the protocols that sign chains (SM(m), Dolev-Strong): its order,
 * signed, to every lieutenant, each distinct value signed once. Ed25519 is deterministic, so the
 * signature a loyal commander would make for each lieutenant is the same bytes every time: it signs
 * its order once and sends that one signed value to all. A traitor sends each lieutenant what its
 * strategy says, or nothing; it may send different lieutenants different values, and signs each
 * value it sends (once, however many lieutenants receive it).
 *
 * @since 0.1.0
 */
public final class SignedOrders {

  private SignedOrders() {}

  /**
   * Signs and hands out the commander's orders of one instance, counting each signature made
   * ({@code signatures.made}).
   *
   * @param order the order the commander's application proposed, already checked against {@code spec}
   * @param spec the instance's generals and kind of value
   * @param adversary who is a traitor, and their strategies
   * @param signatures the instance's keys, the commander's among them
   * @param context the commander's context, where signatures are counted
   * @param send what sends one lieutenant its signed order (in the protocol's own frame)
   * @throws IllegalStateException if a traitor's strategy answers a value of another kind than the order's
   */
  public static void send(Value order, AgreementSpec spec, Adversary adversary, Signatures signatures,
      Node.Context<?> context, BiConsumer<NodeId, SignedValue> send) {
    boolean traitor = adversary.isTraitor(NodeId.COMMANDER);
    Strategy strategy = traitor ? adversary.strategy(NodeId.COMMANDER) : Strategy.HONEST;
    Map<Value, SignedValue> signed = new HashMap<>(4);
    List<NodeId> path = List.of(NodeId.COMMANDER);
    for (NodeId to : spec.lieutenants()) {
      Optional<Value> value = Optional.of(order);
      if (traitor) {
        long entropy = Entropy.message(adversary.seed(), 1, NodeId.COMMANDER, to, path);
        value = strategy.send(new Strategy.Message(NodeId.COMMANDER, to, 1, path, order, entropy));
        if (value.isPresent() && value.get().kind() != order.kind()) {
          throw new IllegalStateException("strategy '" + strategy.name() + "' answered " + value.get()
              + " in a run of " + order.kind().name().toLowerCase(Locale.ROOT) + "s");
        }
      }
      if (value.isPresent()) {
        send.accept(to, signed.computeIfAbsent(value.get(), v -> {
          context.count("signatures.made", 1);
          return new SignedValue(v, List.of(signatures.sign(NodeId.COMMANDER, v, List.of())));
        }));
      }
    }
  }
}
