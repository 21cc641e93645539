package io.github.bgp.runtime;

import io.github.bgp.api.HeuristicException;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.Resource;
import io.github.bgp.spi.Call;
import io.github.bgp.spi.Input;
import java.util.Optional;

/**
 * Carries out a node's {@link Call} on its {@link Resource}: the one place that turns what a
 * resource did (a vote, a failure, a heuristic outcome) into the {@link Input.Answer} the node
 * gets back. A runtime decides where and when to run it (off the node's thread, in virtual time).
 *
 * @since 0.1.0
 */
public final class Calls {

  private Calls() {}

  /**
   * Makes {@code call} on {@code resource}, for transactions of {@code cluster}'s instance
   * {@code instance}, and says what happened. Never throws for what the resource does: a
   * {@link HeuristicException} becomes a heuristic answer, any other exception a failed one.
   * It blocks as long as the resource does: call it off the node's thread. An {@link Error} is
   * not caught.
   *
   * @param resource the node's resource
   * @param call the call the node asked for
   * @param cluster the cluster's name, for an in-doubt query
   * @param instance the commit instance, for an in-doubt query
   * @return the answer, to give the node as its input
   */
  public static Input.Answer make(Resource resource, Call call, String cluster, InstanceId instance) {
    try {
      switch (call.kind()) {
        case PREPARE:
          return Input.Answer.ok(call, Optional.of(resource.prepare(call.transaction().orElseThrow())));
        case COMMIT:
          resource.commit(call.transaction().orElseThrow());
          return Input.Answer.ok(call, Optional.empty());
        case ABORT:
          resource.abort(call.transaction().orElseThrow());
          return Input.Answer.ok(call, Optional.empty());
        default:
          return Input.Answer.inDoubt(call, resource.inDoubt(cluster, instance));
      }
    } catch (HeuristicException h) {
      return Input.Answer.heuristic(call, h.getMessage());
    } catch (Exception failure) {
      return Input.Answer.failed(call, String.valueOf(failure));
    } catch (Error e) {
      throw e;
    }
  }
}
