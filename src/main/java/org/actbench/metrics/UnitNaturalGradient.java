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
   * Per-unit results; vectors of unit i are row i.
   *
   * @param mu μ: [m, d]
   * @param g plain weight gradient: [m, d]
   * @param g0 plain bias gradient: [m]
   * @param c E[δ²] per unit: [m]
   * @param gTilde natural weight gradient: [m, d]
   * @param g0Tilde natural bias gradient: [m]
   * @param shift bias-shift term t in the weights: [m, d]
   */
  public record Result(
      INDArray mu,
      INDArray g,
      double[] g0,
      double[] c,
      INDArray gTilde,
      double[] g0Tilde,
      INDArray shift) {

    public int units() {
      return g0.length;
    }

    /** μᵀg: how far a plain weight step moves the mean net input (the bias shift). */
    public double biasShift(int i) {
      return mu.getRow(i).mul(g.getRow(i)).sumNumber().doubleValue();
    }

    /**
     * ρ = |μᵀg| / (|μᵀg| + |g₀|): the share of a plain step's mean-net change that is bias shift.
     * NaN for a unit that gets no gradient; every per-unit value is NaN where c = 0.
     */
    public double rho(int i) {
      double beta = Math.abs(biasShift(i));
      double total = beta + Math.abs(g0[i]);
      return total == 0 ? Double.NaN : beta / total; // no gradient at all: undefined
    }

    /** Cosine between (g, g₀) and (g̃, g̃₀). */
    public double cosine(int i) {
      INDArray a = g.getRow(i);
      INDArray b = gTilde.getRow(i);
      double dot = a.mul(b).sumNumber().doubleValue() + g0[i] * g0Tilde[i];
      double na = Math.sqrt(a.mul(a).sumNumber().doubleValue() + g0[i] * g0[i]);
      double nb = Math.sqrt(b.mul(b).sumNumber().doubleValue() + g0Tilde[i] * g0Tilde[i]);
      return na == 0 || nb == 0 ? Double.NaN : dot / (na * nb);
    }

    /** ‖t‖ / ‖g̃‖: how large the bias-shift correction is against the whole natural step. */
    public double shiftRatio(int i) {
      double t = shift.getRow(i).norm2Number().doubleValue();
      double n = gTilde.getRow(i).norm2Number().doubleValue();
      return n == 0 ? Double.NaN : t / n;
    }

    public double muNorm(int i) {
      return mu.getRow(i).norm2Number().doubleValue();
    }
  }

  /** Whether every incoming value and signal is finite: a diverging run's are not. */
  public static boolean isFinite(INDArray a, INDArray delta) {
    return Double.isFinite(a.sumNumber().doubleValue())
        && Double.isFinite(delta.sumNumber().doubleValue());
  }

  /**
   * @param a incoming values, one sample per row: [R, d]
   * @param delta backpropagated signal per sample and unit, ∂ℓ/∂net: [R, m]
   * @param damping ε as a fraction of the mean eigenvalue tr(Σ)/d; 0 for none
   */
  public static Result compute(INDArray a, INDArray delta, Covariance covariance, double damping) {
    a = a.castTo(DataType.DOUBLE);
    delta = delta.castTo(DataType.DOUBLE);
    long rows = a.size(0);
    long d = a.size(1);
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
    INDArray sSum = s.sum(0); // [m]
    INDArray g = Nd4j.create(DataType.DOUBLE, m, d);
    Nd4j.gemm(delta, a, g, true, false, 1.0 / rows, 0.0); // [m, R] x [R, d]
    double[] g0 = delta.mean(0).toDoubleVector();
    double[] c = sSum.div(rows).toDoubleVector();

    // Σ = ZᵀZ with Z the centred (and, per unit, δ²-weighted) samples; never formed when R < d.
    INDArray mu;
    INDArray solvedV;
    INDArray solvedMu;
    if (covariance == Covariance.UNIT) {
      mu = Nd4j.create(DataType.DOUBLE, m, d);
      Nd4j.gemm(s, a, mu, true, false, 1.0, 0.0); // [m, R] x [R, d]
      mu.diviColumnVector(sSum.reshape(m, 1));
      solvedV = Nd4j.create(DataType.DOUBLE, m, d);
      solvedMu = solvedV.like();
      for (int i = 0; i < m; i++) {
        if (!(sSum.getDouble(i) > 0)) { // no signal reaches this unit (a dead unit): undefined
          solvedV.putRow(i, Nd4j.valueArrayOf(new long[] {d}, Double.NaN, DataType.DOUBLE));
          solvedMu.putRow(i, Nd4j.valueArrayOf(new long[] {d}, Double.NaN, DataType.DOUBLE));
          continue;
        }
        INDArray weight = Transforms.sqrt(s.getColumn(i).div(sSum.getDouble(i))).reshape(rows, 1);
        INDArray z = a.subRowVector(mu.getRow(i)).muliColumnVector(weight);
        DampedGramSolver solver = solver(z, damping);
        INDArray v = mu.getRow(i).mul(-g0[i]).addi(g.getRow(i)); // g − g₀μ
        solvedV.putRow(i, Nd4j.createFromArray(solver.solve(v.toDoubleVector())));
        solvedMu.putRow(i, Nd4j.createFromArray(solver.solve(mu.getRow(i).toDoubleVector())));
      }
    } else {
      INDArray mean = a.mean(0); // [d]
      mu = Nd4j.create(DataType.DOUBLE, m, d).addiRowVector(mean);
      DampedGramSolver solver = solver(a.subRowVector(mean).divi(Math.sqrt(rows)), damping);
      solvedV = Nd4j.create(DataType.DOUBLE, m, d);
      double[] muSolved = solver.solve(mean.toDoubleVector());
      solvedMu = Nd4j.create(DataType.DOUBLE, m, d).addiRowVector(Nd4j.createFromArray(muSolved));
      for (int i = 0; i < m; i++) {
        INDArray v = mean.mul(-g0[i]).addi(g.getRow(i));
        solvedV.putRow(i, Nd4j.createFromArray(solver.solve(v.toDoubleVector())));
      }
    }
    INDArray invC = Nd4j.createFromArray(c).rdiv(1.0).reshape(m, 1);
    INDArray gTilde = solvedV.mulColumnVector(invC);
    INDArray shift =
        solvedMu.mulColumnVector(Nd4j.createFromArray(g0).reshape(m, 1).mul(invC)).negi();
    double[] g0Tilde = new double[m];
    for (int i = 0; i < m; i++) {
      g0Tilde[i] = g0[i] / c[i] - mu.getRow(i).mul(gTilde.getRow(i)).sumNumber().doubleValue();
    }
    return new Result(mu, g, g0, c, gTilde, g0Tilde, shift);
  }

  /** A solver for ZᵀZ + εI with ε = damping·tr(ZᵀZ)/d. */
  private static DampedGramSolver solver(INDArray z, double damping) {
    double trace = z.mul(z).sumNumber().doubleValue();
    return new DampedGramSolver(z, damping * trace / z.size(1));
  }
}
