package org.actbench.engine.activation;

import static org.actbench.engine.activation.Elementwise.add;
import static org.actbench.engine.activation.Elementwise.mul;
import static org.actbench.engine.activation.Elementwise.scale;
import static org.actbench.engine.activation.Elementwise.subtractFrom;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * GELU, tanh form (Hendrycks &amp; Gimpel 2016): f(x) = ½x(1 + t), t = tanh(c(x + kx³)), c =
 * √(2/π), k = 0.044715; f'(x) = ½(1 + t) + ½x(1 − t²)·c(1 + 3kx²).
 */
public record Gelu() implements Activation {
  static final double C = Math.sqrt(2 / Math.PI);
  static final double K = 0.044715;

  @Override
  public String id() {
    return "gelu";
  }

  @Override
  public String label() {
    return "GELU";
  }

  @Override
  public double f(double x) {
    return 0.5 * x * (1 + Math.tanh(C * (x + K * x * x * x)));
  }

  @Override
  public double df(double x) {
    double t = Math.tanh(C * (x + K * x * x * x));
    return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * C * (1 + 3 * K * x * x);
  }

  @Override
  public double lowerBound() {
    return -0.17;
  }

  @Override
  public Bound bind(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
    INDArray t = z.like(); // tanh(c(z + kz³)), kept from forward for backward
    INDArray u = z.like();
    INDArray v = z.like();
    Elementwise forward =
        Elementwise.of(
            mul(z, z, u),
            scale(u, K, u),
            add(u, 1, u),
            mul(u, z, u), // z + kz³
            scale(u, C, u),
            new org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh(u, t),
            add(t, 1, a),
            mul(a, z, a),
            scale(a, 0.5, a));
    Elementwise backward =
        Elementwise.of(
            mul(t, t, u),
            subtractFrom(1, u, u), // 1 − t²
            mul(z, z, v),
            scale(v, 3 * K, v),
            add(v, 1, v),
            scale(v, 0.5 * C, v), // ½c(1 + 3kz²)
            mul(u, v, u),
            mul(u, z, u),
            add(t, 1, v),
            scale(v, 0.5, v), // ½(1 + t)
            add(u, v, u),
            mul(dLda, u, dLdz));
    return new Pointwise(forward, backward);
  }
}
