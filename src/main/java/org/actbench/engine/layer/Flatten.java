package org.actbench.engine.layer;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * [N, C, H, W] → [N, C·H·W] in C order, as views: no copy forward or backward (the layer above
 * writes its input gradient straight into the gradient array of the layer below).
 */
public record Flatten(String name) implements Layer {

  @Override
  public long[] outputShape(long[] in) {
    long n = 1;
    for (long d : in) {
      n *= d;
    }
    return new long[] {n};
  }

  @Override
  public Bound bind(INDArray x, INDArray dLdx) {
    long features = x.length() / x.size(0);
    INDArray y = x.reshape('c', x.size(0), features);
    INDArray dLdy =
        dLdx != null
            ? dLdx.reshape('c', x.size(0), features)
            : y.like(); // views of contiguous arrays
    return new Wired(y, dLdy, training -> {}, () -> {}); // views: nothing to compute
  }
}
