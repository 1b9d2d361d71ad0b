package org.actbench.engine.layer;

import java.util.List;
import org.actbench.engine.Param;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One step of a network, forward beside backward.
 *
 * <p>Order of use: {@link #bind} once per batch size, giving the arrays it reads (its input and the
 * gradient array it writes for the layer below); the {@link Bound} it returns owns the layer's
 * output and the array the layer above writes the output's gradient into. Then per batch: {@code
 * forward}, and after the layers above have run backward, {@code backward}. Parameter gradients are
 * overwritten (not accumulated) by each backward.
 */
public sealed interface Layer
    permits Conv2d,
        Pool2d,
        GlobalAvgPool,
        Dense,
        Dropout,
        AlphaDropout,
        BatchNorm,
        Flatten,
        ActivationLayer,
        PRelu {

  /** A short unique name, e.g. {@code conv2}, used in dumps, metrics and charts. */
  String name();

  /** Output shape of one example, given the input shape of one example ([C, H, W] or [F]). */
  long[] outputShape(long[] inputShape);

  /** Trainable parameters; empty for most layers. */
  default List<Param> params() {
    return List.of();
  }

  /**
   * Allocates the layer's buffers for inputs of shape {@code x.shape()}.
   *
   * @param x input, [N, ...]
   * @param dLdx where backward writes the gradient of the input, same shape as x; null for the
   *     first layer, whose input gradient nobody needs
   */
  Bound bind(INDArray x, INDArray dLdx);

  /** A layer bound to its buffers. */
  interface Bound {
    /** The output y, [N, ...]: written by forward. */
    INDArray y();

    /** The gradient of the loss with respect to y: written by the layer above (or the loss). */
    INDArray dLdy();

    void forward(boolean training);

    /** Writes dL/dx (if bound) and the parameter gradients. */
    void backward();
  }
}
