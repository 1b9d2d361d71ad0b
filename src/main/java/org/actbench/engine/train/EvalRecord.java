package org.actbench.engine.train;

/**
 * An evaluation on the whole test set after {@code step} steps.
 *
 * @param confusion counts, [true class][predicted class]
 */
public record EvalRecord(long step, double testLoss, double testAcc, int[][] confusion)
    implements TrainingEvent {
  /** Accuracy per true class. */
  public double[] perClassAccuracy() {
    double[] acc = new double[confusion.length];
    for (int c = 0; c < confusion.length; c++) {
      int total = 0;
      for (int n : confusion[c]) {
        total += n;
      }
      acc[c] = total == 0 ? Double.NaN : (double) confusion[c][c] / total;
    }
    return acc;
  }
}
