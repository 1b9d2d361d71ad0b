package org.actbench.engine.optim;

import java.util.List;

/** The learning rate as a function of the step (iteration, from 0). */
public sealed interface LrSchedule
    permits LrSchedule.Constant, LrSchedule.Steps, LrSchedule.Cosine {

  double at(long step);

  record Constant(double lr) implements LrSchedule {
    @Override
    public double at(long step) {
      return lr;
    }
  }

  /**
   * Piecewise constant by iteration: {@code rates[0]} before {@code boundaries[0]}, then {@code
   * rates[i]} from {@code boundaries[i−1]}. The paper's CIFAR-100 schedule is {@link #paper}.
   */
  record Steps(List<Long> boundaries, List<Double> rates) implements LrSchedule {
    public Steps {
      boundaries = List.copyOf(boundaries);
      rates = List.copyOf(rates);
      if (rates.size() != boundaries.size() + 1) {
        throw new IllegalArgumentException("a step schedule needs one more rate than boundaries");
      }
    }

    /** 0–35k: 0.01; 35k–85k: 0.005; 85k–135k: 0.0005; from 135k: 0.00005 (Clevert et al. §4.2). */
    public static Steps paper() {
      return new Steps(List.of(35_000L, 85_000L, 135_000L), List.of(0.01, 0.005, 0.0005, 0.00005));
    }

    /**
     * The paper's schedule shape for a run of {@code totalSteps} starting at {@code lr}: the
     * boundaries scaled by totalSteps/165k (at least 1 step apart), the rates lr × 1, ½, 1/20,
     * 1/200.
     */
    public static Steps paperScaledTo(long totalSteps, double lr) {
      double f = totalSteps / 165_000.0;
      long b1 = Math.max(1, Math.round(35_000 * f));
      long b2 = Math.max(b1 + 1, Math.round(85_000 * f));
      long b3 = Math.max(b2 + 1, Math.round(135_000 * f));
      return new Steps(List.of(b1, b2, b3), List.of(lr, lr * 0.5, lr * 0.05, lr * 0.005));
    }

    @Override
    public double at(long step) {
      int i = 0;
      while (i < boundaries.size() && step >= boundaries.get(i)) {
        i++;
      }
      return rates.get(i);
    }
  }

  /** Cosine decay from {@code lr} to {@code minLr} over {@code steps}, then {@code minLr}. */
  record Cosine(double lr, double minLr, long steps) implements LrSchedule {
    @Override
    public double at(long step) {
      double progress = Math.min(1.0, (double) step / Math.max(1, steps));
      return minLr + 0.5 * (lr - minLr) * (1 + Math.cos(Math.PI * progress));
    }
  }
}
