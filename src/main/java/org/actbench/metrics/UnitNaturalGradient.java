package org.actbench.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The unit natural gradient of one layer's units and its bias-shift term (docs/bias-shift.md,
 * paper-notes §2), from R samples of the values fed into the layer and of each unit's
 * backpropagated signal. In double precision.
 *
 * <p>For unit i with incoming a ∈ ℝᵈ, bias input 1 and per-sample signal δ (s = δ²):
 *
 * <ul>
 *   <li>plain gradient g = E[δ a], g₀ = E[δ];
 *   <li>unit Fisher F = E[s ã ãᵀ] = c·[[Σ + μμᵀ, μ], [μᵀ, 1]] with c = E[s], μ = E[s a]/E[s] (the
 *       δ²-weighted mean of the incoming units) and Σ their δ²-weighted covariance, damped by εI
 *       with ε = damping·tr(Σ)/d;
 *   <li>unit natural gradient g̃ = c⁻¹Σ⁻¹(g − μ g₀), g̃₀ = c⁻¹g₀ − μᵀg̃ (F⁻¹(g; g₀), by the block
 *       inverse), solved with a Cholesky factor of Σ;
 *   <li>bias-shift term t = −c⁻¹Σ⁻¹μ g₀, and β = μᵀg, the change of the mean net input that a plain
 *       weight step causes (the bias shift); ρ = |β| / (|β| + |g₀|).
 * </ul>
 *
 * <p>{@link Covariance#SHARED} is the cheap variant: it assumes δ² independent of a, so μ and Σ are
 * the plain mean and covariance of the incoming units, one Cholesky for the whole layer.
 */
public final class UnitNaturalGradient {
  private UnitNaturalGradient() {}

  /** How the incoming units' mean and covariance are estimated. */
  public enum Covariance {
    /** Per unit, δ²-weighted: the exact unit Fisher. Costs m·R·d² per layer. */
    UNIT,
    /** One plain mean and covariance per layer (assumes δ² independent of a). Costs R·d². */
    SHARED;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Covariance parse(String id) {
      for (Covariance c : values()) {
        if (c.id().equals(id)) {
          return c;
        }
      }
      throw new org.actbench.engine.InvalidField(
          "covariance", "must be unit or shared, got '" + id + "'");
    }
  }

  /**
   * Per-unit results, on the Java heap (they are small: m x d); vectors of unit i are row i.
   *
   * @param mu μ: [m][d] (under {@link Covariance#SHARED} every row is the same array)
   * @param g plain weight gradient: [m][d]
   * @param g0 plain bias gradient: [m]
   * @param c E[δ²] per unit: [m]
   * @param gTilde natural weight gradient: [m][d]
   * @param g0Tilde natural bias gradient: [m]
   * @param shift bias-shift term t in the weights: [m][d]
   */
  public record Result(
      double[][] mu,
      double[][] g,
      double[] g0,
      double[] c,
      double[][] gTilde,
      double[] g0Tilde,
      double[][] shift) {

    public int units() {
      return g0.length;
    }

    /** μᵀg: how far a plain weight step moves the mean net input (the bias shift). */
    public double biasShift(int i) {
      return dot(mu[i], g[i]);
    }

    /**
     * ρ = |μᵀg| / (|μᵀg| + |g₀|): the share of a plain step's mean-net change that is bias shift.
     * NaN for a unit that gets no gradient; every per-unit value is NaN where c = 0.
     */
    public double rho(int i) {
      return UnitNaturalGradient.rho(biasShift(i), g0[i]);
    }

    /** Cosine between (g, g₀) and (g̃, g̃₀). */
    public double cosine(int i) {
      double dot = dot(g[i], gTilde[i]) + g0[i] * g0Tilde[i];
      double na = Math.sqrt(dot(g[i], g[i]) + g0[i] * g0[i]);
      double nb = Math.sqrt(dot(gTilde[i], gTilde[i]) + g0Tilde[i] * g0Tilde[i]);
      return na == 0 || nb == 0 ? Double.NaN : dot / (na * nb);
    }

    /** ‖t‖ / ‖g̃‖: how large the bias-shift correction is against the whole natural step. */
    public double shiftRatio(int i) {
      double n = Math.sqrt(dot(gTilde[i], gTilde[i]));
      return n == 0 ? Double.NaN : Math.sqrt(dot(shift[i], shift[i])) / n;
    }

    public double muNorm(int i) {
      return Math.sqrt(dot(mu[i], mu[i]));
    }
  }

  /**
   * ρ = |shift| / (|shift| + |g₀|), the share of a step's mean-net change that is bias shift; NaN
   * for a unit that gets no gradient at all (every probe computes it through here).
   */
  static double rho(double shift, double g0) {
    double beta = Math.abs(shift);
    double total = beta + Math.abs(g0);
    return total == 0 ? Double.NaN : beta / total;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int j = 0; j < a.length; j++) {
      sum += a[j] * b[j];
    }
    return sum;
  }

  /** Whether every incoming value and signal is finite: a diverging run's are not. */
  public static boolean isFinite(INDArray a, INDArray delta) {
    return Double.isFinite(a.sumNumber().doubleValue())
        && Double.isFinite(delta.sumNumber().doubleValue());
  }

  /**
   * The samples' products (the gradient, each unit's signal moments and, per unit, the δ²-weighted
   * sums) run natively on [R, ·] arrays; the solves and everything per unit run on the heap, where
   * an m x d result costs less than the calls it would take to reach it natively.
   *
   * @param a incoming values, one sample per row: [R, d]
   * @param delta backpropagated signal per sample and unit, ∂ℓ/∂net: [R, m]
   * @param damping ε as a fraction of the mean eigenvalue tr(Σ)/d; 0 for none
   */
  public static Result compute(INDArray a, INDArray delta, Covariance covariance, double damping) {
    a = a.castTo(DataType.DOUBLE);
    delta = delta.castTo(DataType.DOUBLE);
    long rows = a.size(0);
    int d = (int) a.size(1);
    int m = (int) delta.size(1);
    if (delta.size(0) != rows) {
      throw new IllegalArgumentException(
          "a has " + rows + " samples but delta has " + delta.size(0) + "; expected the same");
    }
    if (!isFinite(a, delta)) {
      throw new IllegalArgumentException(
          "the activations or gradients are not finite (has the run diverged?); nothing to measure");
    }
    INDArray s = delta.mul(delta); // [R, m]
    double[] sSum = s.sum(0).toDoubleVector(); // [m]
    INDArray gArray = Nd4j.create(DataType.DOUBLE, m, d);
    Nd4j.gemm(delta, a, gArray, true, false, 1.0 / rows, 0.0); // [m, R] x [R, d]
    double[][] g = gArray.toDoubleMatrix();
    double[] g0 = delta.mean(0).toDoubleVector();
    double[] c = new double[m];
    for (int i = 0; i < m; i++) {
      c[i] = sSum[i] / rows;
    }

    // Σ = ZᵀZ with Z the centred (and, per unit, δ²-weighted) samples; never formed when R < d.
    double[][] mu = new double[m][];
    double[][] solvedV = new double[m][]; // Σ⁻¹(g − g₀μ)
    double[][] solvedMu = new double[m][]; // Σ⁻¹μ
    if (covariance == Covariance.UNIT) {
      INDArray sums = Nd4j.create(DataType.DOUBLE, m, d);
      Nd4j.gemm(s, a, sums, true, false, 1.0, 0.0); // [m, R] x [R, d]
      double[][] weighted = sums.toDoubleMatrix();
      for (int i = 0; i < m; i++) {
        if (!(sSum[i] > 0)) { // no signal reaches this unit (a dead unit): undefined
          mu[i] = nan(d);
          solvedV[i] = nan(d);
          solvedMu[i] = nan(d);
          continue;
        }
        mu[i] = weighted[i];
        for (int j = 0; j < d; j++) {
          mu[i][j] /= sSum[i];
        }
        INDArray weight = Transforms.sqrt(s.getColumn(i).div(sSum[i])).reshape(rows, 1);
        INDArray z = a.subRowVector(Nd4j.createFromArray(mu[i])).muliColumnVector(weight);
        double[][] solved;
        try (DampedGramSolver solver = new DampedGramSolver(z, damping)) {
          solved = solver.solve(new double[][] {centred(g[i], g0[i], mu[i]), mu[i]});
        }
        solvedV[i] = solved[0];
        solvedMu[i] = solved[1];
      }
    } else {
      INDArray meanArray = a.mean(0); // [d]
      double[] mean = meanArray.toDoubleVector();
      double[][] rhs = new double[m + 1][];
      for (int i = 0; i < m; i++) {
        rhs[i] = centred(g[i], g0[i], mean);
      }
      rhs[m] = mean;
      double[][] solved; // one factor, every unit's right-hand side at once
      try (DampedGramSolver solver =
          new DampedGramSolver(a.subRowVector(meanArray).divi(Math.sqrt(rows)), damping)) {
        solved = solver.solve(rhs);
      }
      for (int i = 0; i < m; i++) {
        mu[i] = mean;
        solvedV[i] = solved[i];
        solvedMu[i] = solved[m];
      }
    }
    double[][] gTilde = new double[m][d];
    double[][] shift = new double[m][d];
    double[] g0Tilde = new double[m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < d; j++) {
        gTilde[i][j] = solvedV[i][j] / c[i];
        shift[i][j] = -solvedMu[i][j] * g0[i] / c[i];
      }
      g0Tilde[i] = g0[i] / c[i] - dot(mu[i], gTilde[i]);
    }
    return new Result(mu, g, g0, c, gTilde, g0Tilde, shift);
  }

  /** g − g₀μ. */
  private static double[] centred(double[] g, double g0, double[] mu) {
    double[] v = new double[g.length];
    for (int j = 0; j < v.length; j++) {
      v[j] = g[j] - g0 * mu[j];
    }
    return v;
  }

  private static double[] nan(int d) {
    double[] v = new double[d];
    java.util.Arrays.fill(v, Double.NaN);
    return v;
  }
}
