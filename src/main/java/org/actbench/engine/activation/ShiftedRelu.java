package org.actbench.engine.activation;

import static org.actbench.engine.activation.Elementwise.max;
import static org.actbench.engine.activation.Elementwise.mul;
import static org.actbench.engine.activation.Elementwise.step;

import java.util.Optional;
import java.util.function.DoublePredicate;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The ELU paper's shifted ReLU, f(x) = max(−1, x), which the paper calls "SReLU" (not the S-shaped
 * ReLU of Jin et al.); f'(x) = 1 if x &gt; −1 else 0.
 */
public record ShiftedRelu() implements Activation {
  @Override
  public ActivationKind kind() {
    return ActivationKind.SRELU;
  }

  /** f' = 0 where a ≤ −1. */
  @Override
  public Optional<DoublePredicate> saturatedBelow(double slope) {
    return Optional.of(a -> a <= -1);
  }

  @Override
  public String label() {
    return "SReLU (shifted ReLU, max(−1, x))";
  }

  @Override
  public double f(double x) {
    return Math.max(-1, x);
  }

  @Override
  public double df(double x) {
    return x > -1 ? 1 : 0;
  }

  @Override
  public double lowerBound() {
    return -1;
  }

  @Override
  public Bound bind(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
    INDArray s = z.like();
    return new Pointwise(
        Elementwise.of(max(z, -1, a)), Elementwise.of(step(z, -1, s), mul(dLda, s, dLdz)));
  }
}
