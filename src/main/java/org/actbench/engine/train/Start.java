package org.actbench.engine.train;

/**
 * Where a run (re)starts: after {@code step} steps that took {@code seconds} of training time, with
 * the last training loss and test accuracy reached by then (NaN if none yet).
 */
public record Start(long step, double seconds, double lastTrainLoss, double lastTestAcc) {
  public static final Start FRESH = new Start(0, 0, Double.NaN, Double.NaN);

  public Start {
    if (step < 0 || !(seconds >= 0)) {
      throw new IllegalArgumentException(
          "a start needs step >= 0 and seconds >= 0, got " + step + " and " + seconds);
    }
  }
}
