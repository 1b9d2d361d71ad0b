package org.actbench.metrics.bench;

import java.util.ArrayList;
import java.util.List;
import org.actbench.engine.GradientCorrection;
import org.actbench.engine.Init;
import org.actbench.engine.Kernels;
import org.actbench.engine.Network;
import org.actbench.engine.NetworkSpec;
import org.actbench.engine.Threads;
import org.actbench.engine.TrainingStep;
import org.actbench.engine.bench.ReferenceBenchmark;
import org.actbench.engine.optim.Sgd;
import org.actbench.metrics.BiasShiftCorrection;
import org.actbench.metrics.UnitNaturalGradient.Covariance;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the bias-shift correction costs per step: plain, shared-corrected and unit-corrected steps
 * on one network and random batch, in blocks that alternate round by round (so the machine's
 * drifting speed hits all three alike); medians over rounds of each block's mean step.
 */
public final class CorrectionBenchmark {
  private CorrectionBenchmark() {}

  /** Median milliseconds per step: plain, corrected with shared means, with per-unit means. */
  public record Result(double plainMillis, double sharedMillis, double unitMillis) {}

  public static Result run(
      NetworkSpec spec, Kernels kernels, int batch, int rounds, int block, int threads) {
    Threads.set(threads);
    // LeCun's scale keeps many steps on one random batch finite
    Network network = Network.build(spec.withInit(Init.LECUN), 0, kernels);
    TrainingStep step = new TrainingStep(network, new Sgd(0, false, 0));
    INDArray[] xy = ReferenceBenchmark.randomBatch(batch);
    GradientCorrection[] modes = {
      GradientCorrection.NONE,
      new BiasShiftCorrection(network, Covariance.SHARED),
      new BiasShiftCorrection(network, Covariance.UNIT)
    };
    List<List<Double>> times = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (GradientCorrection mode : modes) { // warm every path
      step.correctWith(mode);
      step.bound(batch).observe(mode != GradientCorrection.NONE);
      step.train(xy[0], xy[1], 1e-3, null);
    }
    for (int r = 0; r < rounds; r++) {
      for (int m = 0; m < modes.length; m++) {
        step.correctWith(modes[m]);
        step.bound(batch).observe(false); // a plain step runs unobserved, as in training
        long t0 = System.nanoTime();
        for (int i = 0; i < block; i++) {
          step.train(xy[0], xy[1], 1e-3, null);
        }
        times.get(m).add((System.nanoTime() - t0) / 1e6 / block);
      }
    }
    return new Result(
        InstrumentationBenchmark.median(times.get(0)),
        InstrumentationBenchmark.median(times.get(1)),
        InstrumentationBenchmark.median(times.get(2)));
  }
}
