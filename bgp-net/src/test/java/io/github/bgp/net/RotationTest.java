package io.github.bgp.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.bgp.api.Decision;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Value;
import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RotationTest {

  @Test
  void theCommandingNodeIsProtocolNodeZeroAndTheMapsInvertEachOther() {
    Property.forAll(Gen.ints(2, 40).flatMap(n -> Gen.ints(0, n - 1).flatMap(shift -> Gen.ints(0, n - 1)
        .map(c -> new int[] {n, shift, c})))).tries(500).check(t -> {
          Rotation r = new Rotation(t[0], t[1]);
          NodeId cluster = NodeId.of(t[2]);
          return r.toCluster(r.toProtocol(cluster)).equals(cluster)
              && r.toProtocol(NodeId.of(t[1])).equals(NodeId.COMMANDER);
        });
  }

  @Test
  void aDecisionNamesClusterNodes() {
    Rotation r = new Rotation(4, 2);
    TreeMap<NodeId, Value> heard = new TreeMap<>(Map.of(NodeId.COMMANDER, Value.number(5), NodeId.of(3),
        Value.number(6)));
    Decision d = r.toCluster(new Decision(Value.number(5), heard));
    assertEquals(Map.of(NodeId.of(2), Value.number(5), NodeId.of(1), Value.number(6)), d.heard());
    assertThrows(IllegalArgumentException.class, () -> new Rotation(4, 4));
  }
}
