package org.actbench.testing;

import org.actbench.engine.ActivationSpec;
import org.actbench.experiment.TrainSpec;
import org.actbench.metrics.MetricsSettings;

/** Runs small enough for tests: a plain net of width 4, batch 16, SGD at 0.01 on the sample set. */
public final class TinySpecs {
  private TinySpecs() {}

  /** @param metrics what is measured, or null for the defaults */
  public static TrainSpec of(
      String activation, int depth, long seed, int steps, int evalEvery, MetricsSettings metrics) {
    return new TrainSpec("plain", ActivationSpec.of(activation), depth, 4, false, 0, "auto", "sgd",
        0.01, 0, 0, "constant", 16, steps, evalEvery, seed, "sample", 0, "standardize", false, null,
        metrics);
  }
}
