package io.github.bgp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueTest {

  @ParameterizedTest
  @ValueSource(strings = {"ATTACK", "attack", "Attack", "aTtAcK"})
  void parsesAttackInAnyCase(String text) {
    assertSame(Value.ATTACK, Value.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"RETREAT", "retreat", "Retreat", "rEtReAt"})
  void parsesRetreatInAnyCase(String text) {
    assertSame(Value.RETREAT, Value.parse(text));
  }

  @Test
  void parsesDecimalIntegers() {
    assertEquals(Value.number(0), Value.parse("0"));
    assertEquals(Value.number(42), Value.parse("42"));
    assertEquals(Value.number(-17), Value.parse("-17"));
    assertEquals(Value.number(Long.MAX_VALUE), Value.parse(Long.toString(Long.MAX_VALUE)));
    assertEquals(Value.number(Long.MIN_VALUE), Value.parse(Long.toString(Long.MIN_VALUE)));
  }

  @Test
  void applicationValuesAreBytesComparedByContent() {
    Value a = Value.bytes(new byte[] {1, 2, 3});
    byte[] raw = {1, 2, 3};
    Value b = Value.bytes(raw);
    raw[0] = 9; // a value copies what it is given
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals(Value.Kind.BYTES, a.kind());
    assertEquals(3, a.size());
    assertEquals("0x010203", a.toString());
    assertEquals(a, Value.parse("0x010203"));
    assertEquals(Value.EMPTY, Value.parse("0x"));
    assertEquals(Value.EMPTY, Value.bytes(new byte[0]));
    byte[] out = a.bytes();
    out[0] = 7; // and hands out copies
    assertEquals(1, a.bytes()[0]);
    assertTrue(Value.bytes(new byte[] {(byte) 0x80}).compareTo(Value.bytes(new byte[] {1})) > 0, "unsigned order");
    assertThrows(IllegalStateException.class, a::code);
    assertThrows(IllegalStateException.class, a::number);
    assertThrows(IllegalStateException.class, Value.ATTACK::bytes);
    assertThrows(IllegalArgumentException.class, () -> a.compareTo(Value.number(1)));
    assertThrows(IllegalArgumentException.class, () -> Value.of(Value.Kind.BYTES, 0));
  }

  @Test
  void aValueCodecWrapsTheApplicationsType() {
    ValueCodec<String> utf8 = ValueCodec.utf8();
    Value v = utf8.toValue("Attack at dawn");
    assertEquals(Value.Kind.BYTES, v.kind());
    assertEquals("Attack at dawn", utf8.fromValue(v));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> utf8.fromValue(Value.bytes(new byte[] {(byte) 0xC3})));
    assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "attac", "charge", "1.5", "0x1", "0xzz", "9223372036854775808", "12abc", "ATTACK RETREAT"})
  void rejectsGarbageNamingTheText(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Value.parse(text));
    assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
  }

  @Test
  void rejectsNull() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Value.parse(null));
    assertTrue(e.getMessage().contains("null"), e.getMessage());
  }

  @Test
  void toStringRoundTripsThroughParse() {
    Property.forAll(ApiGens.ANY_VALUE).tries(1000).check(v -> Value.parse(v.toString()).equals(v));
    assertEquals("ATTACK", Value.ATTACK.toString());
    assertEquals("RETREAT", Value.RETREAT.toString());
    assertEquals("-5", Value.number(-5).toString());
  }

  @Test
  void ordersAreSingletonsWithCodesZeroAndOne() {
    assertSame(Value.RETREAT, Value.of(Value.Kind.ORDER, 0));
    assertSame(Value.ATTACK, Value.of(Value.Kind.ORDER, 1));
    assertEquals(0, Value.RETREAT.code());
    assertEquals(1, Value.ATTACK.code());
    assertTrue(Value.ATTACK.isOrder());
    assertEquals(Value.Kind.ORDER, Value.RETREAT.kind());
    assertFalse(Value.number(1).isOrder());
    assertEquals(Value.Kind.NUMBER, Value.number(1).kind());
  }

  @ParameterizedTest
  @ValueSource(longs = {2, -1, 100, Long.MIN_VALUE, Long.MAX_VALUE})
  void ofRejectsCodesThatAreNotOrders(long code) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Value.of(Value.Kind.ORDER, code));
    assertTrue(e.getMessage().contains(Long.toString(code)), e.getMessage());
  }

  @Test
  void ofAndCodeAreInversesWithinAKind() {
    Property.forAll(ApiGens.ANY_VALUE).tries(1000).check(v -> Value.of(v.kind(), v.code()).equals(v));
    Property.forAll(Gen.longs()).tries(500).check(x -> Value.of(Value.Kind.NUMBER, x).number() == x);
  }

  @Test
  void anOrderHasNoNumber() {
    assertThrows(IllegalStateException.class, Value.ATTACK::number);
    assertThrows(IllegalStateException.class, Value.RETREAT::number);
    assertEquals(7, Value.number(7).number());
  }

  @Test
  void retreatComesBeforeAttack() {
    assertTrue(Value.RETREAT.compareTo(Value.ATTACK) < 0);
    assertTrue(Value.ATTACK.compareTo(Value.RETREAT) > 0);
    assertEquals(0, Value.ATTACK.compareTo(Value.ATTACK));
  }

  @Test
  void numbersAreInNaturalOrder() {
    Gen<List<Value>> pairs = Gen.lists(ApiGens.ANY_NUMBER, 2, 2);
    Property.forAll(pairs).tries(1000).check(p -> {
      long a = p.get(0).number();
      long b = p.get(1).number();
      return Integer.signum(p.get(0).compareTo(p.get(1))) == Integer.signum(Long.compare(a, b))
          && (p.get(0).compareTo(p.get(1)) == 0) == p.get(0).equals(p.get(1));
    });
    List<Value> sorted = new ArrayList<>(List.of(Value.number(3), Value.number(-10), Value.number(Long.MAX_VALUE),
        Value.number(Long.MIN_VALUE), Value.number(0)));
    sorted.sort(null);
    assertEquals(List.of(Value.number(Long.MIN_VALUE), Value.number(-10), Value.number(0), Value.number(3),
        Value.number(Long.MAX_VALUE)), sorted);
  }

  @Test
  void comparingAcrossKindsThrows() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Value.ATTACK.compareTo(Value.number(1)));
    assertTrue(e.getMessage().contains("ATTACK") && e.getMessage().contains("1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Value.number(0).compareTo(Value.RETREAT));
    List<Value> mixed = new ArrayList<>(List.of(Value.number(0), Value.RETREAT));
    assertThrows(IllegalArgumentException.class, () -> mixed.sort(null));
  }

  @Test
  void equalsAndHashCodeFollowKindAndCode() {
    assertEquals(Value.number(5), Value.number(5));
    assertEquals(Value.number(5).hashCode(), Value.number(5).hashCode());
    assertEquals(Value.number(5), Value.of(Value.Kind.NUMBER, 5));
    assertNotEquals(Value.number(6), Value.number(5));
    // Same code, different kind: not equal.
    assertNotEquals(Value.number(0), Value.RETREAT);
    assertNotEquals(Value.number(1), Value.ATTACK);
    assertNotEquals(Value.RETREAT, Value.number(0));
    assertNotEquals(Value.ATTACK, Value.RETREAT);
    assertNotEquals(Value.ATTACK, "ATTACK");
    assertFalse(Value.ATTACK.equals(null));
    Property.forAll(ApiGens.ANY_VALUE).tries(500).check(v -> {
      Value copy = Value.parse(v.toString());
      return copy.equals(v) && v.equals(copy) && copy.hashCode() == v.hashCode();
    });
  }

  @Test
  void aValueOfNoKindIsAnError() {
    assertThrows(NullPointerException.class, () -> Value.of(null, 0));
  }

  @Test
  void onlyAsciiDigitsMakeANumber() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Value.parse("\uFF11\uFF12"));
    assertTrue(e.getMessage().contains("not a value"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Value.parse("99999999999999999999"));
    assertEquals(Value.number(-12), Value.parse("-12"));
    assertEquals(Value.number(12), Value.parse("+12"));
  }
}
