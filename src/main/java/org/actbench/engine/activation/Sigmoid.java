package org.actbench.engine.activation;

import static org.actbench.engine.activation.Elementwise.mul;
import static org.actbench.engine.activation.Elementwise.subtractFrom;

import java.util.Optional;
import java.util.function.DoublePredicate;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Logistic sigmoid: f(x) = 1 / (1 + e⁻ˣ); f'(x) = f(x)(1 − f(x)), computed from the output. */
public record Sigmoid() implements Activation {
  @Override
  public ActivationKind kind() {
    return ActivationKind.SIGMOID;
  }

  /** f' = a(1 − a). */
  @Override
  public Optional<DoublePredicate> saturatedBelow(double slope) {
    return Optional.of(a -> a * (1 - a) < slope);
  }

  @Override
  public String label() {
    return "sigmoid";
  }

  @Override
  public double f(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  @Override
  public double df(double x) {
    double s = f(x);
    return s * (1 - s);
  }

  @Override
  public double lowerBound() {
    return 0;
  }

  @Override
  public Bound bind(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
    INDArray s = z.like();
    return new Pointwise(
        Elementwise.of(new org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid(z, a)),
        Elementwise.of(subtractFrom(1, a, s), mul(s, a, s), mul(dLda, s, dLdz)));
  }
}
