package io.github.bgp.generals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import java.util.List;
import org.junit.jupiter.api.Test;

class LossPatternTest {

  @Test
  void writesAndParsesBack() {
    Property.forAll(Gen.lists(Gen.booleans(), 0, LossPattern.MAX_LENGTH)).tries(300).check(lost -> {
      StringBuilder text = new StringBuilder();
      lost.forEach(l -> text.append(l ? 'x' : '.'));
      LossPattern p = LossPattern.parse(text.toString());
      for (int i = 1; i <= lost.size(); i++) {
        assertEquals(lost.get(i - 1), p.lost(i));
      }
      return p.toString().equals(text.toString()) && p.length() == lost.size()
          && p.lostCount() == lost.stream().filter(l -> l).count()
          && LossPattern.of(p.length(), p.lostMessengers().stream().mapToInt(Integer::intValue).toArray()).equals(p);
    });
  }

  @Test
  void allNoneAndPrefixes() {
    assertEquals("xxx", LossPattern.all(3).toString());
    assertEquals("...", LossPattern.none(3).toString());
    assertEquals(LossPattern.MAX_LENGTH, LossPattern.all(LossPattern.MAX_LENGTH).lostCount());
    assertEquals("", LossPattern.all(0).toString());
    assertEquals(".x", LossPattern.parse(".x.x").prefix(2).toString());
    assertEquals(List.of(2, 4), LossPattern.parse(".x.x").lostMessengers());
    assertTrue(LossPattern.parse("x").lost(1));
    assertFalse(LossPattern.parse("x.").lost(2));
  }

  @Test
  void refusesWhatItCannotMean() {
    assertThrows(IllegalArgumentException.class, () -> LossPattern.parse("x0"));
    assertThrows(IllegalArgumentException.class, () -> LossPattern.of(3, 4));
    assertThrows(IllegalArgumentException.class, () -> new LossPattern(2, 0b100));
    assertThrows(IllegalArgumentException.class, () -> new LossPattern(64, 0));
    assertEquals("a loss pattern of 2 messengers says nothing about messenger 3",
        assertThrows(IllegalArgumentException.class, () -> LossPattern.none(2).lost(3)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> Valley.run(new Messengers(3), LossPattern.none(2)),
        "a pattern too short for the run");
  }
}
