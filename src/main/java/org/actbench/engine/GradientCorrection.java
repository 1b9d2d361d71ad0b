package org.actbench.engine;

/**
 * Changes a training step's parameter gradients after its backward pass and before the optimiser's
 * update ({@code metrics.BiasShiftCorrection}: the bias-shift term of the unit natural gradient).
 * It reads the pass's activations and gradients, so a step that is corrected keeps them readable
 * ({@link Network.Bound#observe}).
 */
@FunctionalInterface
public interface GradientCorrection {
  /** Changes nothing: the plain gradient goes to the optimiser. */
  GradientCorrection NONE = pass -> {};

  /**
   * Corrects the gradients in the network's {@link Param}s, from the pass just back-propagated.
   *
   * @param pass the bound network whose forward and backward just ran on the step's batch
   */
  void correct(Network.Bound pass);
}
