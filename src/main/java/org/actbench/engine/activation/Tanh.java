package org.actbench.engine.activation;

import static org.actbench.engine.activation.Elementwise.mul;
import static org.actbench.engine.activation.Elementwise.subtractFrom;

import java.util.Optional;
import java.util.function.DoublePredicate;
import org.nd4j.linalg.api.ndarray.INDArray;

/** tanh: f(x) = tanh x; f'(x) = 1 − f(x)², computed from the output. */
public record Tanh() implements Activation {
  @Override
  public ActivationKind kind() {
    return ActivationKind.TANH;
  }

  /** f' = 1 − a². */
  @Override
  public Optional<DoublePredicate> saturatedBelow(double slope) {
    return Optional.of(a -> 1 - a * a < slope);
  }

  @Override
  public String label() {
    return "tanh";
  }

  @Override
  public double f(double x) {
    return Math.tanh(x);
  }

  @Override
  public double df(double x) {
    double t = Math.tanh(x);
    return 1 - t * t;
  }

  @Override
  public double lowerBound() {
    return -1;
  }

  @Override
  public Bound bind(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
    INDArray s = z.like();
    return new Pointwise(
        Elementwise.of(new org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh(z, a)),
        Elementwise.of(mul(a, a, s), subtractFrom(1, s, s), mul(dLda, s, dLdz)));
  }
}
