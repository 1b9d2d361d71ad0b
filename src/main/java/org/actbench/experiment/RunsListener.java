package org.actbench.experiment;

/**
 * Where an experiment's runs stand, one after another ({@link DepthMeans}, {@link Counterfactual}):
 * for a progress bar and logs.
 */
public interface RunsListener {
  /** Run {@code index} of {@code total} (from 1) starts. */
  void runStarted(int index, int total, TrainSpec spec);

  /** The running run finished {@code step} of its {@code steps}, at this training loss. */
  void step(long step, long steps, double loss);
}
