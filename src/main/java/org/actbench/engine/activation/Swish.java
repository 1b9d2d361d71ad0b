package org.actbench.engine.activation;

import static org.actbench.engine.activation.Elementwise.add;
import static org.actbench.engine.activation.Elementwise.mul;
import static org.actbench.engine.activation.Elementwise.subtractFrom;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Swish / SiLU: f(x) = x·σ(x); f'(x) = σ(x) + f(x)(1 − σ(x)). */
public record Swish() implements Activation {
  @Override
  public ActivationKind kind() {
    return ActivationKind.SWISH;
  }

  @Override
  public String label() {
    return "Swish (SiLU)";
  }

  @Override
  public double f(double x) {
    return x / (1 + Math.exp(-x));
  }

  @Override
  public double df(double x) {
    double s = 1 / (1 + Math.exp(-x));
    return s + x * s * (1 - s);
  }

  @Override
  public double lowerBound() {
    return -0.2785;
  }

  @Override
  public Bound bind(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
    INDArray s = z.like(); // σ(z), kept from forward for backward
    INDArray u = z.like();
    Elementwise forward =
        Elementwise.of(
            new org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid(z, s), mul(z, s, a));
    Elementwise backward =
        Elementwise.of(subtractFrom(1, s, u), mul(u, a, u), add(u, s, u), mul(dLda, u, dLdz));
    return new Pointwise(forward, backward);
  }
}
