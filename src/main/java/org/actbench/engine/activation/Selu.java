package org.actbench.engine.activation;

import java.util.Optional;
import java.util.function.DoublePredicate;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SELU (Klambauer et al. 2017): f(x) = λx if x &gt; 0 else λα(eˣ − 1), with λ = 1.0507009873554805
 * and α = 1.6732632423543772, which make mean 0 and variance 1 a fixed point; f'(x) = λ if x &gt; 0
 * else f(x) + λα.
 */
public record Selu() implements Activation {
  public static final double LAMBDA = 1.0507009873554805;
  public static final double ALPHA = 1.6732632423543772;

  @Override
  public ActivationKind kind() {
    return ActivationKind.SELU;
  }

  /** f' = a + λα where a ≤ 0. */
  @Override
  public Optional<DoublePredicate> saturatedBelow(double slope) {
    return Optional.of(a -> a <= 0 && a + LAMBDA * ALPHA < slope);
  }

  @Override
  public String label() {
    return "SELU";
  }

  @Override
  public double f(double x) {
    return x > 0 ? LAMBDA * x : LAMBDA * ALPHA * Math.expm1(x);
  }

  @Override
  public double df(double x) {
    return x > 0 ? LAMBDA : f(x) + LAMBDA * ALPHA;
  }

  @Override
  public double lowerBound() {
    return -LAMBDA * ALPHA;
  }

  @Override
  public Bound bind(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
    return Elu.bindScaled(z, a, dLda, dLdz, LAMBDA, ALPHA);
  }

  @Override
  public Runnable bindFromOutput(INDArray a, INDArray dLda, INDArray dLdz) {
    return Elu.backwardScaled(a, dLda, dLdz, LAMBDA, ALPHA)::run;
  }
}
