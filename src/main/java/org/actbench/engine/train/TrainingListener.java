package org.actbench.engine.train;

/**
 * Receives a run's measurements on the training thread. Knows nothing of JavaFX: the window puts
 * its own throttled door behind it; files append and flush.
 */
public interface TrainingListener {
  default void onStep(StepRecord step) {}

  default void onEvaluation(EvalRecord eval) {}

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
      public void onFinish(RunResult result) {
        for (TrainingListener l : listeners) {
          l.onFinish(result);
        }
      }
    };
  }
}
