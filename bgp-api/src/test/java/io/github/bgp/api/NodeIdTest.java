package io.github.bgp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NodeIdTest {

  @ParameterizedTest
  @ValueSource(ints = {-1, -2, Integer.MIN_VALUE})
  void negativeIndexesAreRejected(int index) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NodeId.of(index));
    assertTrue(e.getMessage().contains(Integer.toString(index)), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new NodeId(index));
  }

  @Test
  void smallIdsAreShared() {
    for (int i = 0; i < 256; i++) {
      assertSame(NodeId.of(i), NodeId.of(i));
      assertEquals(i, NodeId.of(i).index());
    }
    assertSame(NodeId.COMMANDER, NodeId.of(0));
  }

  @Test
  void largeIdsAreEqualByIndex() {
    Property.forAll(Gen.ints(0, Integer.MAX_VALUE)).tries(500).check(i ->
        NodeId.of(i).equals(new NodeId(i)) && NodeId.of(i).hashCode() == new NodeId(i).hashCode()
            && NodeId.of(i).index() == i && NodeId.of(i).toString().equals(Integer.toString(i)));
  }

  @Test
  void idsAreOrderedByIndex() {
    Property.forAll(Gen.lists(Gen.ints(0, 1000), 2, 2)).tries(500).check(p ->
        Integer.signum(NodeId.of(p.get(0)).compareTo(NodeId.of(p.get(1)))) == Integer.signum(Integer.compare(p.get(0), p.get(1))));
    List<NodeId> ids = new ArrayList<>(List.of(NodeId.of(300), NodeId.of(2), NodeId.of(0), NodeId.of(17)));
    ids.sort(null);
    assertEquals(List.of(NodeId.of(0), NodeId.of(2), NodeId.of(17), NodeId.of(300)), ids);
  }

  @Test
  void theCommanderIsNodeZero() {
    assertEquals(0, NodeId.COMMANDER.index());
    assertEquals("0", NodeId.COMMANDER.toString());
  }
}
