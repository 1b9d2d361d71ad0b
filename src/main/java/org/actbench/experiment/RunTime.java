package org.actbench.experiment;

import org.actbench.data.Cifar10;
import org.actbench.data.Progress;
import org.actbench.engine.Kernels;
import org.actbench.engine.train.StepRecord;
import org.actbench.engine.train.TrainingSink;

/**
 * How long a run takes on this machine, measured rather than guessed: a few training steps of its
 * network (with the measurements a run makes) and one evaluation of a test set.
 *
 * @param stepSeconds one training step, measurements included
 * @param evalSecondsPerImage the test-set evaluation, per test image
 */
public record RunTime(double stepSeconds, double evalSecondsPerImage) {
  private static final int WARMUP = 2;

  /**
   * Trains {@code spec}'s network on {@code data} for {@code WARMUP + steps} steps, times the last
   * {@code steps} and one evaluation, and writes nothing. Any 32x32 data times alike (the sample
   * set is quick to read); the preprocessing is standardisation whatever the spec says, because a
   * ZCA fit takes far longer than the steps and does not change their time.
   */
  public static RunTime measure(TrainSpec spec, Cifar10 data, int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("measure at least one step, got " + steps);
    }
    TrainSpec timed =
        spec.toBuilder()
            .steps(WARMUP + steps + 1)
            .evalEvery(WARMUP + steps + 1)
            .perClass(0)
            .preprocessing(PreprocessingKind.STANDARDIZE)
            .kernels(Kernels.preferred())
            .build();
    Runner runner = new Runner(timed, data, null, Progress.NONE);
    long[] at = new long[2];
    long[] done = {0};
    TrainingSink clock =
        event -> {
          if (event instanceof StepRecord s) {
            done[0] = s.step();
            if (s.step() == WARMUP) {
              at[0] = System.nanoTime();
            } else if (s.step() == WARMUP + steps) {
              at[1] = System.nanoTime();
            }
          }
        };
    runner.run(clock, () -> done[0] >= WARMUP + steps);
    long evalStart = System.nanoTime();
    runner.loop().evaluate(0);
    double eval = (System.nanoTime() - evalStart) / 1e9;
    return new RunTime((at[1] - at[0]) / 1e9 / steps, eval / data.test().size());
  }

  /** Seconds for one run of {@code spec} on data with {@code testImages} test images. */
  public double seconds(TrainSpec spec, int testImages) {
    int evaluations =
        spec.steps() / spec.evalEvery() + (spec.steps() % spec.evalEvery() == 0 ? 0 : 1);
    return spec.steps() * stepSeconds + evaluations * testImages * evalSecondsPerImage;
  }

  /**
   * Seconds until a queue that trains {@code atOnce} runs at a time, in order, has finished runs
   * taking these times: the queue divides the cores among the runs it trains at once, so each takes
   * as long as it was measured to with the threads it gets.
   */
  public static double queued(java.util.List<Double> runSeconds, int atOnce) {
    java.util.PriorityQueue<Double> free = new java.util.PriorityQueue<>();
    for (int i = 0; i < atOnce; i++) {
      free.add(0.0);
    }
    double end = 0;
    for (double s : runSeconds) {
      double done = free.poll() + s;
      end = Math.max(end, done);
      free.add(done);
    }
    return end;
  }
}
