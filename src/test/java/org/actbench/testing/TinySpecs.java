package org.actbench.testing;

import org.actbench.experiment.TrainSpec;
import org.actbench.metrics.MetricsSettings;

/** Runs small enough for tests: a plain net of width 4, batch 16, SGD at 0.01 on the sample set. */
public final class TinySpecs {
  private TinySpecs() {}

  /**
   * @param metrics what is measured, or null for the defaults
   */
  public static TrainSpec of(
      String activation, int depth, long seed, int steps, int evalEvery, MetricsSettings metrics) {
    return builder()
        .activation(activation)
        .depth(depth)
        .steps(steps)
        .evalEvery(evalEvery)
        .seed(seed)
        .metrics(metrics)
        .build();
  }

  /** The defaults of every tiny run (width 4, batch 16, the sample set), to add the rest to. */
  public static TrainSpec.Builder builder() {
    return TrainSpec.builder().width(4).batch(16).data("sample");
  }
}
