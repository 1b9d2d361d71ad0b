package org.actbench.engine.layer;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.rng.Random;

/**
 * Inverted dropout: in training y = x ⊙ m / (1 − p) with m ~ Bernoulli(1 − p), dL/dx = dL/dy ⊙ m /
 * (1 − p); at inference y = x. The mask comes from the layer's own seeded generator, so runs
 * repeat.
 */
public final class Dropout implements Layer {
  private final String name;
  private final double p;
  private final Random rng;

  public Dropout(String name, double p, long seed) {
    MaskedDropout.checkRate("dropout", p);
    this.name = name;
    this.p = p;
    this.rng = MaskedDropout.generator(seed);
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
    return MaskedDropout.bind(
        x,
        dLdx,
        p,
        rng,
        (in, mask, y) ->
            new Object[] {
              new ScalarMultiplication(mask, null, mask, 1 / (1 - p)), // m / (1 − p)
              new MulOp(in, mask, y)
            });
  }
}
