package org.actbench.metrics;

/**
 * One layer's bias-shift measurements on the probe batch after {@code step} steps: medians over its
 * units (see {@link UnitNaturalGradient.Result}).
 *
 * @param rho median of ρ = |μᵀg| / (|μᵀg| + |g₀|), the share of a plain step's mean-net-input change
 *     that is bias shift
 * @param cosine median cosine between the plain and the unit natural gradient
 * @param shiftRatio median of ‖bias-shift term‖ / ‖g̃‖
 * @param muNorm median ‖μ‖ of the (δ²-weighted) mean of the incoming units
 */
public record BiasShiftRecord(
    long step, String layer, int units, double rho, double cosine, double shiftRatio, double muNorm) {

  /** A layer whose values were not finite (a diverging run): NaN, written as empty cells. */
  static BiasShiftRecord notMeasured(long step, String layer, int units) {
    return new BiasShiftRecord(step, layer, units, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
  }

  /** Medians over the units of one layer's result. */
  static BiasShiftRecord of(long step, String layer, UnitNaturalGradient.Result r) {
    int m = r.units();
    double[] rho = new double[m];
    double[] cos = new double[m];
    double[] ratio = new double[m];
    double[] mu = new double[m];
    for (int i = 0; i < m; i++) {
      rho[i] = r.rho(i);
      cos[i] = r.cosine(i);
      ratio[i] = r.shiftRatio(i);
      mu[i] = r.muNorm(i);
    }
    return new BiasShiftRecord(
        step, layer, m, Quantiles.median(rho), Quantiles.median(cos), Quantiles.median(ratio),
        Quantiles.median(mu));
  }
}
