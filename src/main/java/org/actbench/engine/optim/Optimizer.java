package org.actbench.engine.optim;

import java.util.List;
import org.actbench.engine.Param;

/**
 * Updates parameters in place from their gradients. Order of use: construct, then {@link #step} once
 * per batch after backward. State (velocities, moments) is allocated on the first step, once.
 */
public sealed interface Optimizer permits Sgd, Adam {

  /** One update with learning rate {@code lr}. Gradients may be overwritten. */
  void step(List<Param> params, double lr);
}
