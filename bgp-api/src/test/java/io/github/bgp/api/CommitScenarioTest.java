package io.github.bgp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Setup;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A workload's tolerance F, which reaches its spec, and the nodes a commit protocol says it runs. */
class CommitScenarioTest {

  @Test
  void theToleranceReachesTheSpecAndDefaultsToZero() {
    CommitScenario s = CommitScenario.builder(3).tolerance(2).commit(1, 0).build();
    assertEquals(2, s.tolerance());
    assertEquals(new CommitSpec(3, 2, CommitScenario.Timeouts.DEFAULT), s.spec());
    assertEquals(4, s.nodes(), "the coordinator and the participants");
    CommitScenario plain = new CommitScenario(3, s.transactions(), s.timeouts(), s.seed());
    assertEquals(0, plain.tolerance(), "the four-part form is F = 0, two-phase commit's");
    assertEquals(plain.withTolerance(2), s);
    assertEquals(0, CommitScenario.builder(2).build().spec().tolerance());
  }

  @Test
  void aNegativeToleranceIsRefusedSayingSo() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CommitScenario.builder(2).tolerance(-1).build());
    assertTrue(e.getMessage().contains("tolerance F is at least 0, got -1"), e.getMessage());
  }

  @Test
  void aCommitProtocolRunsTheCoordinatorAndTheParticipantsUnlessItSaysMore() {
    CommitProtocol plain = new CommitProtocol() {
      @Override
      public String name() {
        return "plain";
      }

      @Override
      public String summary() {
        return "a protocol that says nothing of its nodes";
      }

      @Override
      public Setup<?> create(CommitSpec spec, Environment environment) {
        throw new UnsupportedOperationException();
      }

      @Override
      public CommitOutcome outcome(CommitSpec spec, Map<NodeId, List<byte[]>> logs, Set<NodeId> down,
          Set<Long> expected) {
        throw new UnsupportedOperationException();
      }

      @Override
      public boolean settled(CommitSpec spec, NodeId node, Set<Long> txns, List<byte[]> records) {
        return true;
      }

      @Override
      public Map<Long, List<String>> describeLog(List<byte[]> records) {
        return Map.of();
      }
    };
    assertEquals(6, plain.nodes(new CommitSpec(5, 3, CommitScenario.Timeouts.DEFAULT)));
  }
}
