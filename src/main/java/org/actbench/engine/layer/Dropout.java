package org.actbench.engine.layer;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout: in training y = x ⊙ m / (1 − p) with m ~ Bernoulli(1 − p), dL/dx = dL/dy ⊙ m /
 * (1 − p); at inference y = x. The mask comes from the layer's own seeded generator, so runs repeat.
 */
public final class Dropout implements Layer {
  private final String name;
  private final double p;
  private final Random rng;

  public Dropout(String name, double p, long seed) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + p);
    }
    this.name = name;
    this.p = p;
    this.rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
  }

  @Override
  public String name() {
    return name;
  }

  public double rate() {
    return p;
  }

  @Override
  public long[] outputShape(long[] in) {
    return in.clone();
  }

  @Override
  public Bound bind(INDArray x, INDArray dLdx) {
    INDArray y = Nd4j.createUninitialized(x.dataType(), x.shape());
    INDArray dLdy = y.like();
    INDArray mask = y.like(); // m / (1 − p)
    BernoulliDistribution draw = new BernoulliDistribution(mask, 1 - p);
    Object[] forward = {new ScalarMultiplication(mask, null, mask, 1 / (1 - p)), new MulOp(x, mask, y)};
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
