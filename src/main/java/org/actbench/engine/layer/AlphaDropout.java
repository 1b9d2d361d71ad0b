package org.actbench.engine.layer;

import org.actbench.engine.activation.Selu;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.rng.Random;

/**
 * Alpha dropout for SELU (Klambauer et al. 2017): dropped units are set to α' = −λα, the SELU's
 * saturation, then an affine map restores mean 0 and variance 1: y = A(x ⊙ m + α'(1 − m)) + B with
 * m ~ Bernoulli(1 − p), A = ((1 − p)(1 + pα'²))^(−1/2), B = −Aα'p. dL/dx = dL/dy ⊙ A·m.
 */
public final class AlphaDropout implements Layer {
  static final double ALPHA_PRIME = -Selu.LAMBDA * Selu.ALPHA;
  private final String name;
  private final double p;
  private final Random rng;

  public AlphaDropout(String name, double p, long seed) {
    MaskedDropout.checkRate("alpha-dropout", p);
    this.name = name;
    this.p = p;
    this.rng = MaskedDropout.generator(seed);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long[] outputShape(long[] in) {
    return in.clone();
  }

  @Override
  public Bound bind(INDArray x, INDArray dLdx) {
    double a = 1 / Math.sqrt((1 - p) * (1 + p * ALPHA_PRIME * ALPHA_PRIME));
    double b = -a * ALPHA_PRIME * p;
    INDArray shift = x.like(); // Aα'(1 − m) + B
    return MaskedDropout.bind(
        x,
        dLdx,
        p,
        rng,
        (in, mask, y) ->
            new Object[] {
              new ScalarMultiplication(mask, null, shift, -a * ALPHA_PRIME),
              new ScalarAdd(shift, null, shift, a * ALPHA_PRIME + b),
              new ScalarMultiplication(mask, null, mask, a), // A·m, the backward factor
              new MulOp(in, mask, y),
              new AddOp(y, shift, y)
            });
  }
}
