package org.actbench.engine.activation;

import static org.actbench.engine.activation.Elementwise.add;
import static org.actbench.engine.activation.Elementwise.mul;
import static org.actbench.engine.activation.Elementwise.scale;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;

/**
 * GELU, tanh form (Hendrycks &amp; Gimpel 2016): f(x) = ½x(1 + t), t = tanh(u), u = c(x + kx³), c =
 * √(2/π), k = 0.044715; f'(x) = ½(1 + t) + ½x(1 − t²)·c(1 + 3kx²).
 *
 * <p>Computed as f(x) = x·s and f'(x) = s + 2c·x(1 + 3kx²)·s(1 − s) with s = σ(2u) and 1 − s =
 * σ(−2u), which is the same function (½(1 + t) = σ(2u)) without subtracting nearly equal numbers:
 * written with t, 1 + t loses every digit for x below about −5 (f(−7.2) came out 100 % wrong in
 * float, though only 5e-7 in absolute terms) and so did 1 − t² for large |x|.
 */
public record Gelu() implements Activation {
  static final double C = Math.sqrt(2 / Math.PI);
  static final double K = 0.044715;

  @Override
  public ActivationKind kind() {
    return ActivationKind.GELU;
  }

  @Override
  public String label() {
    return "GELU";
  }

  @Override
  public double f(double x) {
    return x * sigmoid(2 * C * (x + K * x * x * x));
  }

  @Override
  public double df(double x) {
    double v = 2 * C * (x + K * x * x * x);
    double s = sigmoid(v);
    return s + 2 * C * x * (1 + 3 * K * x * x) * s * sigmoid(-v);
  }

  private static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }

  @Override
  public double lowerBound() {
    return -0.17;
  }

  @Override
  public Bound bind(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
    INDArray v = z.like(); // 2u = 2c(z + kz³), kept from forward for backward
    INDArray s = z.like(); // σ(2u), kept too
    INDArray t = z.like();
    Elementwise forward =
        Elementwise.of(
            mul(z, z, v),
            scale(v, K, v),
            add(v, 1, v),
            mul(v, z, v), // z + kz³
            scale(v, 2 * C, v),
            new Sigmoid(v, s),
            mul(z, s, a));
    Elementwise backward =
        Elementwise.of(
            scale(v, -1, t),
            new Sigmoid(t, t), // 1 − s = σ(−2u)
            mul(t, s, t), // s(1 − s)
            mul(z, z, dLdz), // dLdz as scratch until the last op
            scale(dLdz, 3 * K, dLdz),
            add(dLdz, 1, dLdz),
            mul(dLdz, z, dLdz),
            scale(dLdz, 2 * C, dLdz), // 2c·z(1 + 3kz²)
            mul(dLdz, t, t),
            add(t, s, t), // f'(z)
            mul(dLda, t, dLdz));
    return new Pointwise(forward, backward);
  }
}
