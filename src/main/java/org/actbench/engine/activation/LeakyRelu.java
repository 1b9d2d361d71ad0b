package org.actbench.engine.activation;

import static org.actbench.engine.activation.Elementwise.add;
import static org.actbench.engine.activation.Elementwise.mul;
import static org.actbench.engine.activation.Elementwise.scale;
import static org.actbench.engine.activation.Elementwise.step;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;

/**
 * Leaky ReLU: f(x) = x if x &gt; 0 else βx; f'(x) = 1 if x &gt; 0 else β. The paper uses β = 0.1.
 */
public record LeakyRelu(double slope) implements Activation {
  public static final double PAPER_SLOPE = 0.1;

  public LeakyRelu {
    if (!(slope >= 0 && slope < 1)) {
      throw new IllegalArgumentException("leaky ReLU slope must be in [0, 1), got " + slope);
    }
  }

  @Override
  public ActivationKind kind() {
    return ActivationKind.LRELU;
  }

  @Override
  public String label() {
    return "LReLU (slope=" + slope + ")"; // "slope", as the form and the explorer name it
  }

  @Override
  public double f(double x) {
    return x > 0 ? x : slope * x;
  }

  @Override
  public double df(double x) {
    return x > 0 ? 1 : slope;
  }

  @Override
  public double lowerBound() {
    return slope == 0 ? 0 : Double.NEGATIVE_INFINITY;
  }

  @Override
  public Bound bind(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
    INDArray s = z.like();
    Elementwise forward = Elementwise.of(new LeakyReLU(z, a, slope));
    Elementwise backward =
        Elementwise.of(
            step(z, 0, s), // [z > 0]
            scale(s, 1 - slope, s),
            add(s, slope, s), // β + (1 − β)[z > 0]
            mul(dLda, s, dLdz));
    return new Pointwise(forward, backward);
  }
}
