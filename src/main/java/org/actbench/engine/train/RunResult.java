package org.actbench.engine.train;

/**
 * How a run ended.
 *
 * @param steps steps completed (for a diverged run, the step whose loss was not finite)
 * @param finalTrainLoss the last finite training loss
 * @param testAcc the last test accuracy, NaN if never evaluated
 */
public record RunResult(Status status, long steps, double finalTrainLoss, double testAcc)
    implements TrainingEvent {
  public enum Status {
    FINISHED,
    DIVERGED,
    CANCELLED;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
