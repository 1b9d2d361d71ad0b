package org.actbench.metrics;

import java.util.function.DoublePredicate;
import org.actbench.engine.activation.Activation;

/**
 * Where an activation saturates: its slope f' is below {@value #SLOPE}, so the unit passes almost
 * no gradient. Each activation says where, from its output ({@link Activation#saturatedBelow});
 * leaky ReLU, PReLU, GELU and Swish do not saturate this way (none).
 */
public final class Saturation {
  public static final double SLOPE = 0.05;

  private Saturation() {}

  /** The test on an output value, or null where the activation does not saturate. */
  static DoublePredicate of(Activation activation) {
    return activation.saturatedBelow(SLOPE).orElse(null);
  }
}
