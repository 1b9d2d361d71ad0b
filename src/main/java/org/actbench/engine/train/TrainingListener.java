package org.actbench.engine.train;

/**
 * Receives a run's measurements on the training thread. Knows nothing of JavaFX: the window puts
 * its own throttled door behind it; files append and flush.
 *
 * <p>Order per step: {@link #onStep}, then (at evaluation steps) {@link #onEvaluation}, then
 * {@link #onStepEnd} once everything about the step has been reported: the place for checkpoints.
 */
public interface TrainingListener {
  default void onStep(StepRecord step) {}

  default void onEvaluation(EvalRecord eval) {}

  /** Every record of {@code step} has been delivered, and the parameters are finite there. */
  default void onStepEnd(long step) {}

  default void onFinish(RunResult result) {}

  /** Calls several listeners in order. */
  static TrainingListener all(TrainingListener... listeners) {
    return new TrainingListener() {
      @Override
      public void onStep(StepRecord step) {
        for (TrainingListener l : listeners) {
          l.onStep(step);
        }
      }

      @Override
      public void onEvaluation(EvalRecord eval) {
        for (TrainingListener l : listeners) {
          l.onEvaluation(eval);
        }
      }

      @Override
      public void onStepEnd(long step) {
        for (TrainingListener l : listeners) {
          l.onStepEnd(step);
        }
      }

      @Override
      public void onFinish(RunResult result) {
        for (TrainingListener l : listeners) {
          l.onFinish(result);
        }
      }
    };
  }
}
