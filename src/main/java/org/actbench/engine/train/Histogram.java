package org.actbench.engine.train;

/**
 * Activation values of one layer after {@code step} steps, in {@code counts.length} equal bins from
 * {@code lo} to {@code hi}. {@code lo} is the activation's lower bound where it has one (−α for
 * ELU, −1 for the shifted ReLU), else the smallest value seen, so the negative side is always
 * shown.
 */
public record Histogram(long step, String layer, double lo, double hi, long[] counts) {
  public double binWidth() {
    return (hi - lo) / counts.length;
  }

  public long total() {
    long t = 0;
    for (long c : counts) {
      t += c;
    }
    return t;
  }
}
