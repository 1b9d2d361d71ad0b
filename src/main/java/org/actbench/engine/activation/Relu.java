package org.actbench.engine.activation;

import static org.actbench.engine.activation.Elementwise.max;
import static org.actbench.engine.activation.Elementwise.mul;
import static org.actbench.engine.activation.Elementwise.step;

import java.util.Optional;
import java.util.function.DoublePredicate;
import org.nd4j.linalg.api.ndarray.INDArray;

/** ReLU: f(x) = max(0, x); f'(x) = 1 if x &gt; 0 else 0. */
public record Relu() implements Activation {
  @Override
  public ActivationKind kind() {
    return ActivationKind.RELU;
  }

  /** f' = 0 where a ≤ 0. */
  @Override
  public Optional<DoublePredicate> saturatedBelow(double slope) {
    return Optional.of(a -> a <= 0);
  }

  @Override
  public String label() {
    return "ReLU";
  }

  @Override
  public double f(double x) {
    return Math.max(0, x);
  }

  @Override
  public double df(double x) {
    return x > 0 ? 1 : 0;
  }

  @Override
  public double lowerBound() {
    return 0;
  }

  @Override
  public Bound bind(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
    INDArray s = z.like();
    Elementwise forward = Elementwise.of(max(z, 0, a));
    // ND4J's relu_bp measured 3.0 ms on 2M floats; step + multiply 0.3 ms.
    Elementwise backward = Elementwise.of(step(a, 0, s), mul(dLda, s, dLdz));
    return new Pointwise(forward, backward);
  }
}
