package io.github.bgp.sm.internal;

import io.github.bgp.api.AgreementSpec;
import io.github.bgp.api.DropReason;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Value;
import io.github.bgp.sm.SignedValue;
import io.github.bgp.spi.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A lieutenant's side of a round in the protocols that sign chains (SM(m), Dolev-Strong): who it
 * hears from, the frame size it takes, and each received message checked on its own
 * ({@link VerifiedSignatures#admits}), a bad one rejected and counted while the rest of its frame
 * still counts. What a lieutenant does with a message it admits (SM's set V, Dolev-Strong's
 * extracted set) and when it decides stay with each protocol.
 *
 * @since 0.1.0
 */
public final class SignedRounds {

  private SignedRounds() {}

  /**
   * The lieutenants of {@code spec} other than {@code self}, in id order: whom it relays to, and
   * from whom it hears after the first round.
   *
   * @param spec the instance's generals
   * @param self the lieutenant
   * @return its peers, unmodifiable
   */
  public static List<NodeId> peers(AgreementSpec spec, NodeId self) {
    List<NodeId> others = new ArrayList<>();
    for (NodeId l : spec.lieutenants()) {
      if (!l.equals(self)) {
        others.add(l);
      }
    }
    return List.copyOf(others);
  }

  /**
   * Whether a frame of {@code messages} is dropped whole: the commander sends one order in round
   * 1, a loyal lieutenant at most {@code mostRelayed} values in a round after it.
   *
   * @param round the round the frame arrived in, from 1
   * @param messages the frame's messages
   * @param mostRelayed the most values a loyal lieutenant relays
   * @return {@link DropReason#WRONG_SIZE} if the frame holds more than a loyal general sends
   */
  public static Optional<DropReason> check(int round, List<SignedValue> messages, int mostRelayed) {
    int most = round == 1 ? 1 : mostRelayed;
    return messages.size() > most ? Optional.of(DropReason.WRONG_SIZE) : Optional.empty();
  }

  /**
   * Checks every message of the round's {@code frames}, sender by sender in the map's order:
   * each one {@code verified} admits goes to {@code accept}, each other is counted
   * ({@code messages.rejected}).
   *
   * @param <F> the protocol's frame
   * @param round the round, from 1
   * @param frames the frames received in it, by sender
   * @param messages a frame's signed values
   * @param verified the lieutenant's verified signatures
   * @param kind the kind of value the instance agrees on
   * @param refused signers a chain must not name (see {@link VerifiedSignatures#admits})
   * @param context the lieutenant's context, where verifications and rejections are counted
   * @param accept what takes one admitted message, with its sender
   */
  public static <F> void receive(int round, Map<NodeId, F> frames, Function<F, List<SignedValue>> messages,
      VerifiedSignatures verified, Value.Kind kind, Set<NodeId> refused, Node.Context<?> context,
      BiConsumer<NodeId, SignedValue> accept) {
    for (Map.Entry<NodeId, F> e : frames.entrySet()) {
      for (SignedValue m : messages.apply(e.getValue())) {
        if (verified.admits(e.getKey(), round, m, kind, refused, context)) {
          accept.accept(e.getKey(), m);
        } else {
          context.count("messages.rejected", 1);
        }
      }
    }
  }
}
