package org.actbench.engine.layer;

import org.actbench.engine.activation.Selu;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

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
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException("alpha-dropout rate must be in [0, 1), got " + p);
    }
    this.name = name;
    this.p = p;
    this.rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
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
    INDArray y = Nd4j.createUninitialized(x.dataType(), x.shape());
    INDArray dLdy = y.like();
    INDArray mask = y.like(); // m, then A·m
    INDArray shift = y.like(); // Aα'(1 − m) + B
    BernoulliDistribution draw = new BernoulliDistribution(mask, 1 - p);
    Object[] forward = {
      new ScalarMultiplication(mask, null, shift, -a * ALPHA_PRIME),
      new ScalarAdd(shift, null, shift, a * ALPHA_PRIME + b),
      new ScalarMultiplication(mask, null, mask, a),
      new MulOp(x, mask, y),
      new AddOp(y, shift, y)
    };
    Object[] backward = {new MulOp(dLdy, mask, dLdx != null ? dLdx : y.like())};
    return new Wired(
        y,
        dLdy,
        training -> {
          if (training) {
            Nd4j.getExecutioner().exec(draw, rng);
            Ops.run(forward);
          } else {
            y.assign(x);
          }
        },
        () -> {
          if (dLdx != null) {
            Ops.run(backward);
          }
        });
  }
}
