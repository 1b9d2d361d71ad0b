package org.actbench.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.actbench.data.Cifar10Format;
import org.actbench.data.DatasetLocator;
import org.actbench.data.Progress;
import org.actbench.engine.train.EvalRecord;
import org.actbench.engine.train.StepRecord;
import org.actbench.experiment.Runner;
import org.actbench.experiment.TrainSpec;

/**
 * Estimates a sweep's time the way {@code bench} measures: each distinct network (the spec less its
 * seed and data) trains a few steps after a warm-up on this machine, with the run's measurements,
 * on the bundled sample set (a step costs the same on any 32×32 images, and the sample set is read
 * in a second and small, where holding CIFAR-10 for every network timed would not be), and the
 * median step and one evaluation are timed. A run's estimate is steps × step + evaluations ×
 * evaluation, an evaluation scaled from the sample's 1,000 test images to the run's (CIFAR-10:
 * 10,000).
 */
public final class StepTimer {
  static final int WARMUP = 2;
  static final int TIMED = 5;

  private final Datasets datasets;
  private final Map<String, double[]> measured = new HashMap<>();

  StepTimer(Datasets datasets) {
    this.datasets = datasets;
  }

  /** Times with the sample set that {@code locator} reads. */
  public static StepTimer on(DatasetLocator locator) {
    return new StepTimer(new Datasets(locator));
  }

  /** Seconds for the whole run on this machine, one run at a time. */
  public double estimate(TrainSpec spec) {
    TrainSpec probe = withSteps(spec, WARMUP + TIMED);
    double[] t = measured.computeIfAbsent(Sweep.canonical(probe), k -> time(probe));
    int evaluations =
        spec.steps() / spec.evalEvery() + (spec.steps() % spec.evalEvery() == 0 ? 0 : 1);
    double sampleTest = datasets.read(DatasetLocator.SAMPLE).test().size();
    double runTest =
        spec.data().equals(DatasetLocator.SAMPLE)
            ? sampleTest
            : Cifar10Format.OFFICIAL_RECORDS_PER_FILE;
    return spec.steps() * t[0] + evaluations * t[1] * runTest / sampleTest;
  }

  /** {median step seconds, evaluation seconds}. */
  private double[] time(TrainSpec spec) {
    Runner runner =
        new Runner(spec, datasets.read(spec.data()), datasets.cacheDir(), Progress.NONE);
    long[] at = new long[WARMUP + TIMED + 1];
    long[] evalAt = {0};
    at[0] = System.nanoTime();
    runner.run(
        event -> {
          if (event instanceof StepRecord s) {
            at[(int) s.step()] = System.nanoTime();
          } else if (event instanceof EvalRecord) {
            evalAt[0] = System.nanoTime();
          }
        },
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
    tree.put("data", DatasetLocator.SAMPLE);
    try {
      return Sweep.MAPPER.treeToValue(tree, TrainSpec.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
