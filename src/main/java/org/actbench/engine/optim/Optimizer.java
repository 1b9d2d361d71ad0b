package org.actbench.engine.optim;

import java.util.List;
import org.actbench.engine.Param;

/**
 * Updates parameters in place from their gradients. Order of use: construct, then {@link #step}
 * once per batch after backward. State (velocities, moments) is allocated on the first step, once.
 */
public sealed interface Optimizer permits Sgd, Adam {

  /** One update with learning rate {@code lr}. Gradients may be overwritten. */
  void step(List<Param> params, double lr);

  /**
   * The state a checkpoint must keep, by name ({@code conv1.W.velocity}): the live arrays,
   * allocated now if no step has run, so a restore can assign into them.
   */
  java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> state(List<Param> params);

  /** Updates made so far (Adam's bias correction counts them). */
  default long updates() {
    return 0;
  }

  default void setUpdates(long updates) {}

  /** Whether {@link #setMomentum} applies (SGD's momentum; Adam's moments are its own). */
  default boolean hasMomentum() {
    return false;
  }

  /**
   * Changes the momentum from the next step on (a live change).
   *
   * @throws IllegalArgumentException if this optimiser has none, or the value is outside [0, 1)
   */
  default void setMomentum(double value) {
    throw new IllegalArgumentException("this optimiser has no momentum to change (Adam)");
  }
}
