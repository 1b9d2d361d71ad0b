package org.actbench.engine.activation;

import static org.actbench.engine.activation.Elementwise.expm1;
import static org.actbench.engine.activation.Elementwise.mul;
import static org.actbench.engine.activation.Elementwise.scale;

import java.util.Optional;
import java.util.function.DoublePredicate;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SoftPlus;

/**
 * Softplus: f(x) = ln(1 + eˣ); f'(x) = 1 / (1 + e⁻ˣ), which is also 1 − e⁻ᶠ⁽ˣ⁾, written as
 * −expm1(−a) so that it stays accurate where a is small.
 */
public record Softplus() implements Activation {
  @Override
  public ActivationKind kind() {
    return ActivationKind.SOFTPLUS;
  }

  /** f' = σ(z) = 1 − e^(−a). */
  @Override
  public Optional<DoublePredicate> saturatedBelow(double slope) {
    return Optional.of(a -> -Math.expm1(-a) < slope);
  }

  @Override
  public String label() {
    return "softplus";
  }

  @Override
  public double f(double x) {
    return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  }

  @Override
  public double df(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  @Override
  public double lowerBound() {
    return 0;
  }

  @Override
  public Bound bind(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
    INDArray s = z.like();
    return new Pointwise(
        Elementwise.of(new SoftPlus(z, a)),
        Elementwise.of(
            new org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid(z, s), mul(dLda, s, dLdz)));
  }

  @Override
  public Runnable bindFromOutput(INDArray a, INDArray dLda, INDArray dLdz) {
    INDArray t = a.like();
    return Elementwise.of(scale(a, -1, t), expm1(t, t), scale(t, -1, t), mul(dLda, t, dLdz))::run;
  }
}
