package io.github.bgp.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bgp.api.LogicalMessage;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class TracesTest {

  private static List<NodeId> ids(int... ids) {
    return java.util.Arrays.stream(ids).mapToObj(NodeId::of).toList();
  }

  @Test
  void rendersTheSeedsNotationAsATreePerReceiver() {
    Scenario s = Scenario.builder(4).m(1).traitors(0).build();
    List<LogicalMessage> trace = List.of(
        new LogicalMessage(5, 6, NodeId.of(2), NodeId.of(3), 2, 0, Value.ATTACK, ids(0, 2), ids(1)),
        new LogicalMessage(2, 3, NodeId.of(0), NodeId.of(3), 1, 1, Value.RETREAT, ids(0), ids(1, 2)),
        new LogicalMessage(4, 7, NodeId.of(1), NodeId.of(3), 2, 0, Value.RETREAT, ids(0, 1), ids(2)));
    assertEquals("""
        0::<- (level=2, value=ATTACK: path [], others: [1 2 3]), forward to: [1 2 3]   (a traitor)
        - 3::<- (level=1, value=RETREAT: path [0], others: [1 2]), forward to: [1 2]   [lamport 2 -> 3]
          - 3::<- (level=0, value=RETREAT: path [0 1], others: [2]), final   [lamport 4 -> 7]
          - 3::<- (level=0, value=ATTACK: path [0 2], others: [1]), final   [lamport 5 -> 6]
        """, Traces.render(s, 2, trace));
  }

  @Test
  void idsAreWrittenAsTheSeedsWriteThem() {
    assertEquals("[0 2 5]", Traces.ids(ids(0, 2, 5)));
    assertEquals("[]", Traces.ids(List.of()));
  }
}
