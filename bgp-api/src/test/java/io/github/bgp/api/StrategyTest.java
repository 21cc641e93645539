package io.github.bgp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import io.github.bgp.spi.Builtin;
import io.github.bgp.spi.Entropy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrategyTest {

  private static final Value A = Value.ATTACK;
  private static final Value R = Value.RETREAT;

  /** A message as a protocol would describe it. */
  record Msg(NodeId from, NodeId to, int round, List<NodeId> path, Value honest, long entropy)
      implements Strategy.Outgoing {}

  /** A message whose path must not be asked for. */
  record NoPath(NodeId from, NodeId to, int round, Value honest, long entropy) implements Strategy.Outgoing {
    @Override
    public List<NodeId> path() {
      throw new AssertionError("a built-in strategy asked for the path");
    }
  }

  private static Msg msg(Value honest, int to, long entropy) {
    return new Msg(NodeId.of(3), NodeId.of(to), 2, List.of(NodeId.of(0), NodeId.of(3)), honest, entropy);
  }

  private static List<NodeId> path(int... ids) {
    List<NodeId> out = new ArrayList<>();
    for (int id : ids) {
      out.add(NodeId.of(id));
    }
    return out;
  }

  private static Value n(long x) {
    return Value.number(x);
  }

  /** An honest value, a recipient and the message's entropy. */
  record Input(Value honest, int to, long entropy) {
    Msg msg() {
      return StrategyTest.msg(honest, to, entropy);
    }
  }

  private static final Gen<Input> ORDER_INPUTS = ApiGens.ORDERS.flatMap(h -> Gen.ints(0, 300)
      .flatMap(to -> Gen.longs().map(e -> new Input(h, to, e))));

  /** Numbers away from the ends of the long range (see the report on overflow at the extremes). */
  private static final Gen<Input> NUMBER_INPUTS = Gen.longs().map(x -> x / 4).map(Value::number)
      .flatMap(h -> Gen.ints(0, 300).flatMap(to -> Gen.longs().map(e -> new Input(h, to, e))));

  private static final Gen<Input> INPUTS = Gen.booleans().flatMap(order -> order ? ORDER_INPUTS : NUMBER_INPUTS);

  // --- honest ------------------------------------------------------------------------------

  @Test
  void honestSendsTheHonestValue() {
    Property.forAll(INPUTS).tries(500).check(in -> Strategy.HONEST.send(in.msg()).equals(Optional.of(in.honest())));
  }

  // --- flip --------------------------------------------------------------------------------

  @Test
  void flipSwapsTheOrders() {
    for (int to = 0; to < 5; to++) {
      assertEquals(Optional.of(R), Strategy.FLIP.send(msg(A, to, to * 31L)));
      assertEquals(Optional.of(A), Strategy.FLIP.send(msg(R, to, -to)));
    }
  }

  @Test
  void flipMapsANumberToItsComplement() {
    assertEquals(Optional.of(n(-1)), Strategy.FLIP.send(msg(n(0), 1, 0)));
    assertEquals(Optional.of(n(-6)), Strategy.FLIP.send(msg(n(5), 1, 0)));
    assertEquals(Optional.of(n(4)), Strategy.FLIP.send(msg(n(-5), 2, 0)));
    assertEquals(Optional.of(n(Long.MIN_VALUE)), Strategy.FLIP.send(msg(n(Long.MAX_VALUE), 2, 0)));
    Property.forAll(ApiGens.ANY_NUMBER).tries(1000).check(v ->
        Builtin.FLIP.apply(v, NodeId.of(1), 0).number() == -v.number() - 1);
  }

  @Test
  void flipAlwaysDiffersAndIsAnInvolution() {
    Property.forAll(ApiGens.ANY_VALUE.flatMap(v -> Gen.ints(0, 50).flatMap(to -> Gen.longs().map(e -> new Input(v, to, e)))))
        .tries(1000).check(in -> {
          Value once = Builtin.FLIP.apply(in.honest(), NodeId.of(in.to()), in.entropy());
          Value twice = Builtin.FLIP.apply(once, NodeId.of(in.to()), in.entropy());
          return !once.equals(in.honest()) && twice.equals(in.honest()) && once.kind() == in.honest().kind();
        });
  }

  @Test
  void flipReversesTheOrderOfNumbers() {
    Property.forAll(Gen.lists(ApiGens.ANY_NUMBER, 2, 2)).tries(1000).check(p -> {
      Value a = Builtin.FLIP.apply(p.get(0), NodeId.of(1), 0);
      Value b = Builtin.FLIP.apply(p.get(1), NodeId.of(1), 0);
      return Integer.signum(a.compareTo(b)) == -Integer.signum(p.get(0).compareTo(p.get(1)));
    });
  }

  // --- split -------------------------------------------------------------------------------

  @Test
  void splitSendsAttackToOddRecipientsAndRetreatToEvenOnes() {
    Property.forAll(ORDER_INPUTS).tries(1000).check(in ->
        Strategy.SPLIT.send(in.msg()).equals(Optional.of(in.to() % 2 == 1 ? A : R)));
    assertEquals(Optional.of(A), Strategy.SPLIT.send(msg(R, 1, 0)));
    assertEquals(Optional.of(R), Strategy.SPLIT.send(msg(A, 2, 0)));
    assertEquals(Optional.of(R), Strategy.SPLIT.send(msg(A, 0, 0)));
  }

  @Test
  void splitAddsOneForOddRecipientsAndSubtractsOneForEvenOnes() {
    Property.forAll(NUMBER_INPUTS).tries(1000).check(in ->
        Strategy.SPLIT.send(in.msg()).orElseThrow().number() == in.honest().number() + (in.to() % 2 == 1 ? 1 : -1));
    assertEquals(Optional.of(n(11)), Strategy.SPLIT.send(msg(n(10), 3, 0)));
    assertEquals(Optional.of(n(9)), Strategy.SPLIT.send(msg(n(10), 4, 0)));
  }

  // --- silent ------------------------------------------------------------------------------

  @Test
  void silentSendsNothing() {
    Property.forAll(INPUTS).tries(300).check(in -> Strategy.SILENT.send(in.msg()).isEmpty());
    assertThrows(IllegalStateException.class, () -> Builtin.SILENT.apply(A, NodeId.of(1), 0));
    assertThrows(IllegalStateException.class, () -> Builtin.SILENT.applyCode(Value.Kind.NUMBER, 5, 1, 0));
  }

  // --- random ------------------------------------------------------------------------------

  @Test
  void randomOrdersFollowTheTopBitOfTheEntropy() {
    Property.forAll(ORDER_INPUTS).tries(1000).check(in ->
        Strategy.RANDOM.send(in.msg()).equals(Optional.of(in.entropy() < 0 ? A : R)));
    assertEquals(Optional.of(A), Strategy.RANDOM.send(msg(R, 1, Long.MIN_VALUE)));
    assertEquals(Optional.of(R), Strategy.RANDOM.send(msg(A, 1, Long.MAX_VALUE)));
  }

  @Test
  void randomNumbersAreTheHonestValuePlusAnOffsetOfAtMostOneHundred() {
    assertEquals(100, Builtin.RANDOM_SPREAD);
    Property.forAll(NUMBER_INPUTS).tries(1000).check(in -> {
      long offset = Strategy.RANDOM.send(in.msg()).orElseThrow().number() - in.honest().number();
      return offset >= -100 && offset <= 100;
    });
  }

  @Test
  void randomNumbersReachEveryOffset() {
    Set<Long> offsets = new HashSet<>();
    for (long e = 0; e < 5_000; e++) {
      offsets.add(Builtin.RANDOM.apply(n(1000), NodeId.of(1), Entropy.mix(e)).number() - 1000);
    }
    assertEquals(201, offsets.size(), "offsets seen: " + offsets.size());
  }

  @Test
  void randomIsAFunctionOfTheEntropy() {
    Property.forAll(INPUTS).tries(500).check(in -> Strategy.RANDOM.send(in.msg()).equals(Strategy.RANDOM.send(in.msg()))
        && Strategy.RANDOM.send(in.msg()).equals(
            Strategy.RANDOM.send(new Msg(NodeId.of(9), NodeId.of(in.to()), 7, path(0, 9), in.honest(), in.entropy()))));
    Set<Value> orders = new HashSet<>();
    for (long e = 0; e < 50; e++) {
      orders.add(Strategy.RANDOM.send(msg(A, 1, Entropy.mix(e))).orElseThrow());
    }
    assertEquals(Set.of(A, R), orders);
  }

  // --- every built-in --------------------------------------------------------------------------

  @Test
  void applyCodeApplyAndSendAgreeForEveryBuiltin() {
    Gen<Builtin> talkers = Gen.elements(List.of(Builtin.HONEST, Builtin.FLIP, Builtin.SPLIT, Builtin.RANDOM));
    record Case(Builtin strategy, Input in) {}
    Property.forAll(talkers.flatMap(s -> INPUTS.map(in -> new Case(s, in)))).tries(1000).check(c -> {
      Input in = c.in();
      Value applied = c.strategy().apply(in.honest(), NodeId.of(in.to()), in.entropy());
      long code = c.strategy().applyCode(in.honest().kind(), in.honest().code(), in.to(), in.entropy());
      return applied.code() == code && applied.kind() == in.honest().kind()
          && c.strategy().send(in.msg()).equals(Optional.of(applied));
    });
  }

  @Test
  void builtinsDoNotNeedThePath() {
    for (Builtin s : Builtin.all()) {
      for (Value honest : List.of(A, R, n(12))) {
        s.send(new NoPath(NodeId.of(2), NodeId.of(3), 1, honest, 123456789L));
      }
    }
  }

  @Test
  void theBuiltinsHaveTheirNamesInDeclarationOrder() {
    List<String> names = Builtin.all().stream().map(Strategy::name).toList();
    assertEquals(List.of("honest", "flip", "split", "silent", "random"), names);
    assertEquals(List.of(Strategy.HONEST, Strategy.FLIP, Strategy.SPLIT, Strategy.SILENT, Strategy.RANDOM),
        Builtin.all());
    assertEquals(Builtin.Kind.SPLIT, Builtin.SPLIT.kind());
    assertEquals("flip", Strategy.FLIP.toString());
    assertThrows(UnsupportedOperationException.class, () -> Builtin.all().add(Builtin.HONEST));
  }

  @ParameterizedTest
  @ValueSource(strings = {"honest", "flip", "split", "silent", "random"})
  void byNameIsCaseInsensitive(String name) {
    Strategy expected = Strategy.byName(name);
    assertEquals(name, expected.name());
    assertSame(expected, Strategy.byName(name.toUpperCase(java.util.Locale.ROOT)));
    assertSame(expected, Strategy.byName(Character.toUpperCase(name.charAt(0)) + name.substring(1)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"liar", "", "scripted", "flips"})
  void byNameRejectsUnknownNamesListingTheFive(String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Strategy.byName(name));
    assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
    for (String known : List.of("honest", "flip", "split", "silent", "random")) {
      assertTrue(e.getMessage().contains(known), e.getMessage());
    }
  }

  @Test
  void byNameRejectsNull() {
    assertThrows(IllegalArgumentException.class, () -> Strategy.byName(null));
  }

  // --- scripted ------------------------------------------------------------------------------

  private static Strategy.Lie lie(List<NodeId> path, int to, Value value) {
    return new Strategy.Lie(path, NodeId.of(to), Optional.ofNullable(value));
  }

  @Test
  void aScriptedLieIsToldAndEverythingElseFollowsTheFallback() {
    Strategy s = Strategy.scripted(List.of(
        lie(path(0), 1, A),
        lie(path(0), 2, null),
        lie(path(0, 3), 1, R)), Strategy.FLIP);
    // Table hits.
    assertEquals(Optional.of(A), s.send(new Msg(NodeId.of(0), NodeId.of(1), 1, path(0), R, 0)));
    assertEquals(Optional.empty(), s.send(new Msg(NodeId.of(0), NodeId.of(2), 1, path(0), R, 0)));
    assertEquals(Optional.of(R), s.send(new Msg(NodeId.of(3), NodeId.of(1), 2, path(0, 3), R, 0)));
    // Misses: another recipient, another path.
    assertEquals(Optional.of(A), s.send(new Msg(NodeId.of(0), NodeId.of(3), 1, path(0), R, 0)));
    assertEquals(Optional.of(R), s.send(new Msg(NodeId.of(3), NodeId.of(2), 2, path(0, 3), A, 0)));
    assertEquals(Optional.of(A), s.send(new Msg(NodeId.of(3), NodeId.of(1), 3, path(0, 2, 3), R, 0)));
    assertEquals("scripted", s.name());
  }

  @Test
  void theTableIsMatchedByPathContentsWhateverTheListType() {
    Strategy s = Strategy.scripted(List.of(lie(path(0, 2), 3, n(99))), Strategy.HONEST);
    List<NodeId> other = new java.util.LinkedList<>(path(0, 2));
    assertEquals(Optional.of(n(99)), s.send(new Msg(NodeId.of(2), NodeId.of(3), 2, other, n(1), 0)));
  }

  @Test
  void aScriptedTableKeepsItsLiesInOrder() {
    Strategy.Lie first = lie(path(0), 2, A);
    Strategy.Lie second = lie(path(0), 1, R);
    Strategy.Scripted s = (Strategy.Scripted) Strategy.scripted(List.of(first, second), Strategy.SILENT);
    assertEquals(List.of(first, second), s.lies());
    assertSame(Strategy.SILENT, s.otherwise());
    assertEquals(s, Strategy.scripted(List.of(first, second), Strategy.SILENT));
    assertEquals(s.hashCode(), Strategy.scripted(List.of(first, second), Strategy.SILENT).hashCode());
    assertNotEquals(s, Strategy.scripted(List.of(first), Strategy.SILENT));
    assertNotEquals(s, Strategy.scripted(List.of(first, second), Strategy.FLIP));
  }

  @Test
  void twoLiesForTheSameMessageAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Strategy.scripted(List.of(
        lie(path(0, 2), 3, A), lie(path(0, 1), 3, A), lie(path(0, 2), 3, R)), Strategy.HONEST));
    assertTrue(e.getMessage().contains("[0, 2]") && e.getMessage().contains("3"), e.getMessage());
  }

  @Test
  void aLieToANodeOnItsOwnPathIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lie(path(0, 2), 2, A));
    assertTrue(e.getMessage().contains("[0, 2]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> lie(path(0, 2), 0, A));
    assertThrows(IllegalArgumentException.class, () -> lie(path(), 1, A));
  }

  @Test
  void aLieCopiesItsPathAndNamesItsTeller() {
    List<NodeId> p = new ArrayList<>(path(0, 4));
    Strategy.Lie l = lie(p, 1, A);
    p.add(NodeId.of(5));
    assertEquals(path(0, 4), l.path());
    assertEquals(NodeId.of(4), l.from());
    assertThrows(UnsupportedOperationException.class, () -> l.path().add(NodeId.of(6)));
    assertThrows(NullPointerException.class, () -> new Strategy.Lie(path(0), null, Optional.of(A)));
    assertThrows(NullPointerException.class, () -> new Strategy.Lie(path(0), NodeId.of(1), null));
  }

  @Test
  void aScriptedValueOfTheWrongKindIsRejectedWhenSent() {
    Strategy numbersForOrders = Strategy.scripted(List.of(lie(path(0), 1, n(5))), Strategy.HONEST);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> numbersForOrders.send(new Msg(NodeId.of(0), NodeId.of(1), 1, path(0), A, 0)));
    assertTrue(e.getMessage().contains("ORDER"), e.getMessage());
    Strategy ordersForNumbers = Strategy.scripted(List.of(lie(path(0), 1, A)), Strategy.HONEST);
    assertThrows(IllegalArgumentException.class,
        () -> ordersForNumbers.send(new Msg(NodeId.of(0), NodeId.of(1), 1, path(0), n(3), 0)));
    // A scripted silence has no kind, and a miss is not checked against the table.
    Strategy silence = Strategy.scripted(List.of(lie(path(0), 1, null)), Strategy.HONEST);
    assertEquals(Optional.empty(), silence.send(new Msg(NodeId.of(0), NodeId.of(1), 1, path(0), n(3), 0)));
    assertEquals(Optional.of(n(3)), numbersForOrders.send(new Msg(NodeId.of(0), NodeId.of(2), 1, path(0), n(3), 0)));
  }

  @Test
  void aScriptNeedsAFallback() {
    assertThrows(NullPointerException.class, () -> Strategy.scripted(List.of(), null));
  }

  @Test
  void numericLiesAreHeldAtTheEndsOfTheLongRangeInsteadOfWrapping() {
    assertEquals(Long.MAX_VALUE, Builtin.SPLIT.apply(Value.number(Long.MAX_VALUE), NodeId.of(1), 0).number());
    assertEquals(Long.MIN_VALUE, Builtin.SPLIT.apply(Value.number(Long.MIN_VALUE), NodeId.of(2), 0).number());
    Property.forAll(Gen.longs()).tries(500).check(e ->
        Builtin.RANDOM.apply(Value.number(Long.MAX_VALUE), NodeId.of(1), e).number() >= Long.MAX_VALUE - 100
            && Builtin.RANDOM.apply(Value.number(Long.MIN_VALUE), NodeId.of(1), e).number() <= Long.MIN_VALUE + 100);
  }
}
