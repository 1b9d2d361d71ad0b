package org.actbench.metrics;

import java.util.function.DoublePredicate;
import org.actbench.engine.activation.Activation;
import org.actbench.engine.activation.Elu;
import org.actbench.engine.activation.Relu;
import org.actbench.engine.activation.Selu;
import org.actbench.engine.activation.ShiftedRelu;
import org.actbench.engine.activation.Sigmoid;
import org.actbench.engine.activation.Softplus;
import org.actbench.engine.activation.Tanh;

/**
 * Where an activation saturates: its slope f' is below {@value #SLOPE}, so the unit passes almost no
 * gradient. Read from the output a, with f' written in a: ReLU a ≤ 0; shifted ReLU a ≤ −1; ELU a + α;
 * SELU a + λα (a ≤ 0); sigmoid a(1 − a); tanh 1 − a²; softplus 1 − e^(−a). Leaky ReLU, PReLU, GELU and
 * Swish do not saturate this way (none).
 */
public final class Saturation {
  public static final double SLOPE = 0.05;

  private Saturation() {}

  /** The test on an output value, or null where the activation does not saturate. */
  static DoublePredicate of(Activation activation) {
    if (activation instanceof Relu) {
      return a -> a <= 0;
    } else if (activation instanceof ShiftedRelu) {
      return a -> a <= -1;
    } else if (activation instanceof Elu elu) {
      return a -> a <= 0 && a + elu.alpha() < SLOPE;
    } else if (activation instanceof Selu) {
      return a -> a <= 0 && a + Selu.LAMBDA * Selu.ALPHA < SLOPE;
    } else if (activation instanceof Sigmoid) {
      return a -> a * (1 - a) < SLOPE;
    } else if (activation instanceof Tanh) {
      return a -> 1 - a * a < SLOPE;
    } else if (activation instanceof Softplus) {
      return a -> -Math.expm1(-a) < SLOPE;
    }
    return null;
  }
}
