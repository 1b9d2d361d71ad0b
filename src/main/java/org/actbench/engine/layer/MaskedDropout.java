package org.actbench.engine.layer;

import org.actbench.engine.Ops;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What {@link Dropout} and {@link AlphaDropout} share: in training a 0/1 mask m ~ Bernoulli(keep)
 * from the layer's own seeded generator, turned by the layer's ops into y and into the backward
 * factor (left in the mask array), so dL/dx = dL/dy ⊙ factor; at inference y = x and dL/dx = dL/dy.
 */
final class MaskedDropout {
  private MaskedDropout() {}

  /** The ops that write y from x and the fresh mask, leaving dy/dx in the mask array. */
  @FunctionalInterface
  interface MaskOps {
    Object[] build(INDArray x, INDArray mask, INDArray y);
  }

  static void checkRate(String what, double p) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException(what + " rate must be in [0, 1), got " + p);
    }
  }

  static Random generator(long seed) {
    return Nd4j.getRandomFactory().getNewRandomInstance(seed);
  }

  static Layer.Bound bind(INDArray x, INDArray dLdx, double p, Random rng, MaskOps ops) {
    INDArray y = Nd4j.createUninitialized(x.dataType(), x.shape());
    INDArray dLdy = y.like();
    INDArray mask = y.like();
    BernoulliDistribution draw = new BernoulliDistribution(mask, 1 - p);
    Object[] forward = ops.build(x, mask, y);
    MulOp backward = dLdx == null ? null : new MulOp(dLdy, mask, dLdx);
    boolean[] lastTraining = {true};
    return new Wired(
        y,
        dLdy,
        training -> {
          lastTraining[0] = training;
          if (training) {
            Nd4j.getExecutioner().exec(draw, rng);
            Ops.run(forward);
          } else {
            y.assign(x);
          }
        },
        () -> {
          if (backward == null) {
            return;
          }
          if (lastTraining[0]) {
            Nd4j.exec(backward);
          } else {
            dLdx.assign(dLdy); // after an inference pass y = x
          }
        });
  }
}
