package org.actbench.engine.layer;

import org.actbench.engine.activation.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Applies an {@link Activation} pointwise: y = f(x), dL/dx = dL/dy ⊙ f'(x). Any shape. */
public record ActivationLayer(String name, Activation activation) implements Layer {

  @Override
  public long[] outputShape(long[] in) {
    return in.clone();
  }

  @Override
  public Bound bind(INDArray x, INDArray dLdx) {
    INDArray y = Nd4j.createUninitialized(x.dataType(), x.shape());
    INDArray dLdy = y.like();
    Activation.Bound kernels = activation.bind(x, y, dLdy, dLdx != null ? dLdx : x.like());
    return new Wired(
        y,
        dLdy,
        training -> {
          kernels.forward();
        },
        () -> {
          if (dLdx != null) {
            kernels.backward();
          }
        });
  }
}
