package io.github.bgp.net;

import io.github.bgp.runtime.Frame;
import io.github.bgp.runtime.Transport;
import java.util.ArrayList;
import java.util.List;

/**
 * A transport that holds what its node sends until the test opens it: in one JVM, where every
 * node is set up one after the other, it plays the part a start in the future plays between
 * processes (no frame leaves before every node has registered its instances), without a test
 * depending on a wall-clock lead being long enough.
 */
final class Gate implements Transport {

  private final Transport inner;
  private final List<Frame> held = new ArrayList<>();
  private boolean open;

  Gate(Transport inner) {
    this.inner = inner;
  }

  /** Sends what was held, and from now on everything at once. */
  synchronized void open() {
    open = true;
    held.forEach(inner::send);
    held.clear();
  }

  @Override
  public io.github.bgp.api.NodeId self() {
    return inner.self();
  }

  @Override
  public synchronized void send(Frame frame) {
    if (open) {
      inner.send(frame);
    } else {
      held.add(frame);
    }
  }

  @Override
  public void onReceive(Receiver receiver) {
    inner.onReceive(receiver);
  }

  @Override
  public void consumed(Frame frame) {
    inner.consumed(frame);
  }

  @Override
  public void close() {
    inner.close();
  }
}
