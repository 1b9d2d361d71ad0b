package org.actbench.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.actbench.data.DataException;
import org.actbench.data.DatasetLocator;
import org.actbench.data.Progress;
import org.actbench.engine.train.EvalRecord;
import org.actbench.engine.train.StepRecord;
import org.actbench.engine.train.TrainingListener;
import org.actbench.experiment.Runner;
import org.actbench.experiment.TrainSpec;
import org.actbench.metrics.MetricsListener;

/**
 * Estimates a sweep's time the way {@code bench} measures: each distinct network (the spec less its
 * seed) trains a few steps after a warm-up on this machine, with the run's own data and
 * measurements, and the median step and the evaluation are timed. A run's estimate is steps × step
 * + evaluations × evaluation.
 */
public final class StepTimer {
  static final int WARMUP = 2;
  static final int TIMED = 5;

  private final Datasets datasets;
  private final Map<String, double[]> measured = new HashMap<>();

  private boolean sampleInstead;

  StepTimer(Datasets datasets) {
    this.datasets = datasets;
  }

  /** Times with the datasets that {@code locator} finds on this machine. */
  public static StepTimer on(DatasetLocator locator) {
    return new StepTimer(new Datasets(locator));
  }

  /** Whether a run's data was not here, so that the sample set (the same image size) stood in. */
  public boolean sampleInstead() {
    return sampleInstead;
  }

  /** Seconds for the whole run on this machine, one run at a time. */
  public double estimate(TrainSpec spec) {
    try {
      datasets.read(spec.data());
    } catch (DataException e) {
      sampleInstead = true;
      spec = spec.withData("sample");
    }
    TrainSpec probe = withSteps(spec, WARMUP + TIMED);
    double[] t = measured.computeIfAbsent(Sweep.canonical(probe), k -> time(probe));
    int evaluations =
        spec.steps() / spec.evalEvery() + (spec.steps() % spec.evalEvery() == 0 ? 0 : 1);
    return spec.steps() * t[0] + evaluations * t[1];
  }

  /** {median step seconds, evaluation seconds}. */
  private double[] time(TrainSpec spec) {
    Runner runner =
        new Runner(spec, datasets.read(spec.data()), datasets.cacheDir(), Progress.NONE);
    long[] at = new long[WARMUP + TIMED + 1];
    long[] evalAt = {0};
    at[0] = System.nanoTime();
    runner.run(
        new TrainingListener() {
          @Override
          public void onStep(StepRecord s) {
            at[(int) s.step()] = System.nanoTime();
          }

          @Override
          public void onEvaluation(EvalRecord e) {
            evalAt[0] = System.nanoTime();
          }
        },
        new MetricsListener() {},
        () -> false);
    double[] steps = new double[TIMED];
    for (int i = 0; i < TIMED; i++) {
      steps[i] = (at[WARMUP + i + 1] - at[WARMUP + i]) / 1e9;
    }
    Arrays.sort(steps);
    return new double[] {steps[TIMED / 2], Math.max(0, (evalAt[0] - at[WARMUP + TIMED]) / 1e9)};
  }

  /**
   * The same spec for {@code steps} steps, evaluated once at the end, seed 0 (timing needs no
   * other).
   */
  private static TrainSpec withSteps(TrainSpec spec, int steps) {
    ObjectNode tree = Sweep.MAPPER.valueToTree(spec);
    tree.put("steps", steps).put("evalEvery", steps).put("seed", 0);
    try {
      return Sweep.MAPPER.treeToValue(tree, TrainSpec.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
