package org.actbench.engine.activation;

import java.util.Locale;
import org.actbench.engine.layer.PRelu;
import org.apache.commons.math3.special.Erf;

/**
 * What an activation does to a standard normal input x ~ N(0, 1): the moments of f(x), the
 * quantities a unit's mean is read against (with batch norm a unit's input is close to N(0, 1), so
 * its output mean is close to E[f(x)]).
 *
 * <p>Closed forms, with φ the standard normal density and Φ its distribution function:
 *
 * <ul>
 *   <li>ReLU: E[max(0, x)] = φ(0) = 1/√(2π) ≈ 0.399;
 *   <li>leaky ReLU with slope s (PReLU at its initial slope 0.25): (1 − s)/√(2π);
 *   <li>ELU: E = φ(0) + α(e^{1/2}·Φ(−1) − 1/2), since ∫_{−∞}^0 eˣφ(x)dx = e^{1/2}Φ(−1); α = 1:
 *       0.1605;
 *   <li>SELU: λ times ELU's with SELU's α, which its constants make 0 (the fixed point: mean 0,
 *       variance 1);
 *   <li>shifted ReLU max(−1, x): E[x] + E[(−1 − x)⁺] = φ(1) − Φ(−1) ≈ 0.0833;
 *   <li>tanh: 0 (odd); sigmoid: 1/2 (σ(x) − 1/2 is odd);
 *   <li>softplus, GELU (tanh form) and Swish: by {@link #moments numerical integration}.
 * </ul>
 *
 * The tests check each closed form against the integral.
 */
public final class UnderNormal {
  private static final double PHI_0 = 1 / Math.sqrt(2 * Math.PI);

  private UnderNormal() {}

  /** Φ(x), the standard normal distribution function. */
  static double cdf(double x) {
    return 0.5 * Erf.erfc(-x / Math.sqrt(2));
  }

  /** φ(x), the standard normal density. */
  static double density(double x) {
    return Math.exp(-x * x / 2) * PHI_0;
  }

  /**
   * {E[f(x)], Var[f(x)], P(|f′(x)| &lt; {@code flatSlope})} for x ~ N(0, 1), by Simpson's rule on
   * [−10, 10] with 4,000 intervals (the tails beyond carry less than 10⁻²² of the mass).
   */
  public static double[] moments(Activation f, double flatSlope) {
    int n = 4000;
    double h = 20.0 / n;
    double m1 = 0;
    double m2 = 0;
    double flat = 0;
    for (int k = 0; k <= n; k++) {
      double x = -10 + k * h;
      double w = (k == 0 || k == n ? 1 : k % 2 == 1 ? 4 : 2) * h / 3 * density(x);
      double y = f.f(x);
      m1 += w * y;
      m2 += w * y * y;
      flat += Math.abs(f.df(x)) < flatSlope ? w : 0;
    }
    return new double[] {m1, m2 - m1 * m1, flat};
  }

  /**
   * E[f(x)] for x ~ N(0, 1): the closed form where there is one, else the integral.
   *
   * @param alpha ELU's α (null: 1)
   * @param slope leaky ReLU's slope (null: the paper's 0.1); PReLU uses its initial slope
   */
  public static double mean(ActivationKind kind, Double alpha, Double slope) {
    return switch (kind) {
      case RELU -> PHI_0;
      case LRELU -> leakyMean(slope == null ? LeakyRelu.PAPER_SLOPE : slope);
      case PRELU -> leakyMean(PRelu.INITIAL_SLOPE);
      case ELU -> eluMean(alpha == null ? 1 : alpha);
      case SELU -> Selu.LAMBDA * eluMean(Selu.ALPHA);
      case SRELU -> density(1) - cdf(-1);
      case TANH -> 0;
      case SIGMOID -> 0.5;
      case SOFTPLUS, GELU, SWISH -> moments(kind.activation(alpha, slope), 0)[0];
    };
  }

  /** What the value is, for a chart's label: "ReLU: E[f(x)] = 0.399", "SELU: fixed point 0". */
  public static String label(ActivationKind kind, Double alpha, Double slope) {
    String value = String.format(Locale.ROOT, "%.3f", clean(mean(kind, alpha, slope)));
    return switch (kind) {
      case PRELU -> "PReLU at its initial slope 0.25: E[f(x)] = " + value;
      case SELU -> "SELU: fixed point " + value;
      default -> kind.activation(alpha, slope).label() + ": E[f(x)] = " + value;
    };
  }

  /** −0.0000 and rounding noise such as SELU's 1e-9 read as 0. */
  private static double clean(double v) {
    return Math.abs(v) < 5e-5 ? 0.0 : v;
  }

  private static double leakyMean(double s) {
    return (1 - s) * PHI_0;
  }

  private static double eluMean(double alpha) {
    return PHI_0 + alpha * (Math.exp(0.5) * cdf(-1) - 0.5);
  }
}
