package org.actbench.engine.train;

import java.util.function.BooleanSupplier;
import org.actbench.data.Batch;
import org.actbench.data.BatchLoader;
import org.actbench.engine.Network;
import org.actbench.engine.TrainingStep;
import org.actbench.engine.optim.LrSchedule;
import org.actbench.engine.optim.Optimizer;

/**
 * Trains a network on the calling thread: {@code steps} minibatches, a test-set evaluation every
 * {@code evalEvery} steps and at the end, reporting its {@link TrainingEvent}s to a {@link
 * TrainingSink}.
 *
 * <p>Between batches it checks {@code cancelled}; a loss or parameters that are NaN or infinite
 * stop the run as {@link RunResult.Status#DIVERGED} at that step.
 */
public final class TrainingLoop {
  private final Network network;
  private final TrainingStep step;
  private final LrSchedule schedule;
  private final BatchLoader train;
  private final BatchLoader test;
  private final int classes;
  private final Optimizer optimizer;
  private LiveSettings live;

  public TrainingLoop(
      Network network,
      Optimizer optimizer,
      LrSchedule schedule,
      BatchLoader train,
      BatchLoader test,
      int classes) {
    this.network = network;
    this.step = new TrainingStep(network, optimizer);
    this.optimizer = optimizer;
    this.schedule = schedule;
    this.train = train;
    this.test = test;
    this.classes = classes;
  }

  public Network network() {
    return network;
  }

  /** The training loader (a resumed run moves it past the batches already trained on). */
  public BatchLoader trainLoader() {
    return train;
  }

  /** The step object, whose bound layers hold this batch's activations (for the metrics). */
  public TrainingStep trainingStep() {
    return step;
  }

  public Optimizer optimizer() {
    return optimizer;
  }

  /** Lets the learning rate and momentum change while it trains ({@code momentum}: the start's). */
  public LiveSettings live(double momentum) {
    if (live == null) {
      live = new LiveSettings(schedule, optimizer, momentum);
    }
    return live;
  }

  /** The live settings, if {@link #live(double)} made them; else null. */
  public LiveSettings live() {
    return live;
  }

  /**
   * Trains from {@code start} up to {@code steps} steps (the training loader must already stand at
   * batch {@code start.step()}), evaluating every {@code evalEvery} steps and at the end.
   *
   * <p>A run diverges when its loss is not finite (at that step) or when its parameters are not:
   * they are read every {@code verifyEvery} steps (0: never in between) and at the end, before
   * {@link StepEnd}, so a checkpoint taken there never holds NaN. Seconds count training time only:
   * the time {@code cancelled} blocks (a paused run) is left out.
   *
   * @param measure measures each step after its {@link StepRecord}, reporting to {@code sink}
   */
  public RunResult run(
      Start start,
      long steps,
      long evalEvery,
      long verifyEvery,
      TrainingSink sink,
      StepMeasurement measure,
      BooleanSupplier cancelled) {
    long trainingNanos = 0;
    double lastLoss = start.lastTrainLoss();
    double lastAcc = start.lastTestAcc();
    long done = start.step();
    while (done < steps) {
      if (cancelled.getAsBoolean()) {
        return finish(sink, RunResult.Status.CANCELLED, done, lastLoss, lastAcc);
      }
      long began = System.nanoTime();
      double lr;
      if (live != null) {
        live.applyDue(done, optimizer, sink);
        lr = live.lr(schedule, done);
      } else {
        lr = schedule.at(done);
      }
      Batch batch = train.next();
      TrainingStep.Result r = step.train(batch.x(), batch.y(), lr, null);
      if (!Double.isFinite(r.loss())) {
        return finish(sink, RunResult.Status.DIVERGED, done + 1, lastLoss, lastAcc);
      }
      done++;
      lastLoss = r.loss();
      double seconds = start.seconds() + (trainingNanos + System.nanoTime() - began) / 1e9;
      StepRecord record =
          new StepRecord(
              done, batch.epoch(), r.loss(), (double) r.correct() / r.size(), lr, seconds);
      sink.accept(record);
      measure.measure(record, sink);
      if (done % evalEvery == 0 || done == steps) {
        EvalRecord eval = evaluate(done);
        lastAcc = eval.testAcc();
        sink.accept(eval);
      }
      boolean verify = done == steps || (verifyEvery > 0 && done % verifyEvery == 0);
      if (verify && !network.allFinite()) {
        return finish(sink, RunResult.Status.DIVERGED, done, lastLoss, lastAcc);
      }
      sink.accept(new StepEnd(done));
      trainingNanos += System.nanoTime() - began;
    }
    return finish(sink, RunResult.Status.FINISHED, done, lastLoss, lastAcc);
  }

  /** Loss, accuracy and confusion matrix over the whole test set, inference mode. */
  public EvalRecord evaluate(long atStep) {
    int[][] confusion = new int[classes][classes];
    double lossSum = 0;
    int n = 0;
    int correct = 0;
    for (int b = 0; b < test.batchesPerEpoch(); b++) {
      Batch batch = test.next();
      TrainingStep.Result r = step.evaluate(batch.x(), batch.y());
      int[] predicted = step.predictions(batch.size());
      for (int i = 0; i < batch.size(); i++) {
        confusion[batch.labels()[i]][predicted[i]]++;
      }
      lossSum += r.loss() * r.size();
      correct += r.correct();
      n += r.size();
    }
    return new EvalRecord(atStep, lossSum / n, (double) correct / n, confusion);
  }

  private static RunResult finish(
      TrainingSink sink, RunResult.Status status, long steps, double loss, double acc) {
    RunResult result = new RunResult(status, steps, loss, acc);
    sink.accept(result);
    return result;
  }
}
