package org.actbench.experiment;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.actbench.data.Augmentation;
import org.actbench.data.Batch;
import org.actbench.data.BatchLoader;
import org.actbench.data.Cifar10;
import org.actbench.data.ImageSet;
import org.actbench.data.Preprocessor;
import org.actbench.data.Progress;
import org.actbench.data.Subsets;
import org.actbench.engine.GradientCorrection;
import org.actbench.engine.Network;
import org.actbench.engine.train.Checkpoint;
import org.actbench.engine.train.RunResult;
import org.actbench.engine.train.Start;
import org.actbench.engine.train.StepMeasurement;
import org.actbench.engine.train.TrainingLoop;
import org.actbench.engine.train.TrainingSink;
import org.actbench.metrics.BiasShiftCorrection;
import org.actbench.metrics.Instrumentation;
import org.actbench.metrics.UnitNaturalGradient.Covariance;

/** Builds data, network and loop from a {@link TrainSpec} and runs it on the calling thread. */
public final class Runner {
  private final TrainSpec spec; // as run: its kernels are those that run, after any fallback
  private final TrainingLoop loop;
  private final BatchLoader probe;
  private final GradientCorrection correction;

  /**
   * @param data the dataset the spec's {@code data} names, already read
   * @param cacheDir where slow preprocessing fits are cached
   */
  public Runner(TrainSpec spec, Cifar10 data, Path cacheDir, Progress progress) {
    if (spec.network().classes() != data.classNames().size()) {
      throw new IllegalArgumentException(
          "the network has "
              + spec.network().classes()
              + " outputs, but "
              + data.origin()
              + " has "
              + data.classNames().size()
              + " classes");
    }
    Preprocessor pre = spec.preprocessing().preprocessing().fit(data.train(), cacheDir, progress);
    int[] indices =
        spec.perClass() > 0
            ? Subsets.stratified(data.train(), spec.perClass(), spec.seed())
            : Subsets.all(data.train());
    BatchLoader train =
        new BatchLoader(
            data.train(),
            indices,
            spec.batch(),
            pre,
            spec.augment() ? Augmentation.PAPER : Augmentation.NONE,
            spec.seed(),
            true);
    BatchLoader test = BatchLoader.evaluation(data.test(), 250, pre);
    int probeSize = Math.min(spec.metrics().probe().size(), data.train().size());
    // the first P images, fixed; a loader of just those (of all it copied 50,000 natively again)
    ImageSet probeImages = data.train().select(IntStream.range(0, probeSize).toArray());
    this.probe = BatchLoader.evaluation(probeImages, probeSize, pre);
    Network network = Network.build(spec.network(), spec.seed(), spec.kernels());
    this.spec = spec.withKernels(network.kernels());
    this.loop =
        new TrainingLoop(
            network, spec.newOptimizer(), spec.lrSchedule(), train, test, data.classNames().size());
    loop.live(spec.momentum()); // learning rate and momentum may change while it trains
    Covariance corrected = spec.correctBiasShift().covariance();
    this.correction =
        corrected == null ? GradientCorrection.NONE : new BiasShiftCorrection(network, corrected);
    loop.trainingStep().correctWith(correction);
  }

  /** The spec as it runs: the kernels are what runs the layers (ND4J's where oneDNN cannot). */
  public TrainSpec spec() {
    return spec;
  }

  public TrainingLoop loop() {
    return loop;
  }

  /** Trains from the start without measurements (what tests and benchmarks compare against). */
  public RunResult runUnmeasured(TrainingSink sink, BooleanSupplier cancelled) {
    loop.trainingStep().bound(spec.batch()).observe(false); // nothing reads the activations
    return loop.run(
        Start.FRESH, spec.steps(), spec.evalEvery(), 0, sink, StepMeasurement.NONE, cancelled);
  }

  /** Trains from the start with the spec's measurements, all events reported to {@code sink}. */
  public RunResult run(TrainingSink sink, BooleanSupplier cancelled) {
    return run(Start.FRESH, 0, sink, cancelled);
  }

  /**
   * Reads and checks a checkpoint for this run's network without touching it.
   *
   * @throws IllegalArgumentException naming what is damaged
   */
  public Checkpoint.Loaded load(Path checkpoint) {
    return Checkpoint.load(checkpoint, loop.network(), loop.optimizer());
  }

  /**
   * Restores a checked checkpoint (weights, BN statistics, optimiser state) and moves the training
   * data to the batch after it; the next run continues from there. Dropout masks after it are drawn
   * anew.
   */
  public void restore(Checkpoint.Loaded checkpoint) {
    checkpoint.applyTo(loop.network(), loop.optimizer());
    loop.trainLoader().skip(checkpoint.info().start().step());
  }

  /**
   * Trains from {@code start} with the spec's measurements running after every step; every event
   * goes to {@code sink}. The parameters are checked for NaN every {@code verifyEvery} steps (the
   * checkpoint interval) and at the end.
   */
  public RunResult run(Start start, int verifyEvery, TrainingSink sink, BooleanSupplier cancelled) {
    Batch probeBatch = probe.next();
    Instrumentation instruments =
        new Instrumentation(
            loop,
            spec.batch(),
            spec.metrics(),
            probeBatch.x(),
            probeBatch.y(),
            spec.seed(),
            correction,
            start.step(),
            spec.steps());
    return loop.run(
        start, spec.steps(), spec.evalEvery(), verifyEvery, sink, instruments, cancelled);
  }
}
