package org.actbench.engine.train;

import java.util.concurrent.atomic.AtomicReference;
import org.actbench.engine.Network;
import org.actbench.engine.optim.Optimizer;

/**
 * A training run's state copied when a reader asks: the reader (any thread) {@link #ask}s, the
 * training thread copies its state into a {@link Snapshot} at the next step end ({@link #offer}),
 * and the reader {@link #take}s the latest copy. Latest wins: a copy not taken is replaced.
 *
 * <p>Why on request and not every step: a copy of every parameter costs far more than a step of a
 * small net; asked for at most a few times a second (the activation maps while they are shown), the
 * training thread pays one volatile read per step and copies only then.
 */
public final class StateOnRequest {
  private volatile boolean asked;
  private final AtomicReference<Snapshot> latest = new AtomicReference<>();

  /** Asks for a copy at the training thread's next step end. */
  public void ask() {
    asked = true;
  }

  /** Whether a copy has been asked for and not yet made (the training thread, every step end). */
  public boolean asked() {
    return asked;
  }

  /** The training thread: copies the state after {@code start.step()} steps, if asked. */
  public void offer(Start start, Network network, Optimizer optimizer) {
    if (asked) {
      asked = false;
      latest.set(Snapshot.take(start, network, optimizer));
    }
  }

  /** The latest copy not taken yet, or null; taking it leaves none. */
  public Snapshot take() {
    return latest.getAndSet(null);
  }
}
