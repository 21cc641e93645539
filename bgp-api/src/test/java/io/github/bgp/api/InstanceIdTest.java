package io.github.bgp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstanceIdTest {

  @Test
  void toStringIsSixteenHexDigitsAndParsesBack() {
    Property.forAll(Gen.longs()).tries(1000).check(v -> {
      String text = InstanceId.of(v).toString();
      return text.length() == 16 && text.matches("[0-9a-f]{16}") && InstanceId.parse(text).equals(InstanceId.of(v))
          && InstanceId.parse(text.toUpperCase(Locale.ROOT)).value() == v;
    });
    assertEquals("0000000000000001", InstanceId.of(1).toString());
    assertEquals("ffffffffffffffff", InstanceId.of(-1).toString());
    assertEquals("8000000000000000", InstanceId.of(Long.MIN_VALUE).toString());
  }

  @Test
  void shortFormsParse() {
    assertEquals(InstanceId.of(0), InstanceId.parse("0"));
    assertEquals(InstanceId.of(0xab), InstanceId.parse("AB"));
    assertEquals(InstanceId.of(0x1d5eed), InstanceId.parse("1d5eed"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "g", "12345678901234567", "-1", "+1", "0x10", "12 34", "ffffffffffffffffff", "ab.c"})
  void badTextIsRejectedNamingIt(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InstanceId.parse(text));
    assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
  }

  @Test
  void nullIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> InstanceId.parse(null));
  }

  @Test
  void instancesFromSeedsAreDeterministicAndDistinct() {
    Property.forAll(Gen.lists(Gen.longs(), 2, 2)).tries(1000).check(p ->
        InstanceId.fromSeed(p.get(0)).equals(InstanceId.fromSeed(p.get(0)))
            && (p.get(0).equals(p.get(1)) || !InstanceId.fromSeed(p.get(0)).equals(InstanceId.fromSeed(p.get(1)))));
    assertNotEquals(InstanceId.fromSeed(1), InstanceId.fromSeed(2));
    assertNotEquals(InstanceId.of(1), InstanceId.fromSeed(1), "the seed is mixed, not used as is");
  }
}
