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
 * {@code evalEvery} steps and at the end, reporting through a {@link TrainingListener}.
 *
 * <p>Between batches it checks {@code cancelled}; a loss that is NaN or infinite stops the run as
 * {@link RunResult.Status#DIVERGED} at that step.
 */
public final class TrainingLoop {
  private final Network network;
  private final TrainingStep step;
  private final LrSchedule schedule;
  private final BatchLoader train;
  private final BatchLoader test;
  private final int classes;
  private final Optimizer optimizer;

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

  public RunResult run(
      long steps, long evalEvery, TrainingListener listener, BooleanSupplier cancelled) {
    return run(0, steps, evalEvery, listener, cancelled);
  }

  /**
   * Continues a run restored after {@code from} steps (see {@link Checkpoint}); the training loader
   * must already stand at batch {@code from}.
   */
  public RunResult run(
      long from, long steps, long evalEvery, TrainingListener listener, BooleanSupplier cancelled) {
    long start = System.nanoTime();
    double lastLoss = Double.NaN;
    double lastAcc = Double.NaN;
    long done = from;
    while (done < steps) {
      if (cancelled.getAsBoolean()) {
        return finish(listener, RunResult.Status.CANCELLED, done, lastLoss, lastAcc);
      }
      Batch batch = train.next();
      double lr = schedule.at(done);
      TrainingStep.Result r = step.train(batch.x(), batch.y(), lr, null);
      if (!Double.isFinite(r.loss())) {
        return finish(listener, RunResult.Status.DIVERGED, done + 1, lastLoss, lastAcc);
      }
      done++;
      lastLoss = r.loss();
      listener.onStep(
          new StepRecord(
              done,
              batch.epoch(),
              r.loss(),
              (double) r.correct() / r.size(),
              lr,
              (System.nanoTime() - start) / 1e9));
      if (done % evalEvery == 0 || done == steps) {
        EvalRecord eval = evaluate(done);
        lastAcc = eval.testAcc();
        listener.onEvaluation(eval);
      }
    }
    return finish(listener, RunResult.Status.FINISHED, done, lastLoss, lastAcc);
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
      TrainingListener listener, RunResult.Status status, long steps, double loss, double acc) {
    RunResult result = new RunResult(status, steps, loss, acc);
    listener.onFinish(result);
    return result;
  }
}
