package org.actbench.engine.layer;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.AvgPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.MaxPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Max or average pooling, k x k windows with stride s, no padding: y[n, c, i, j] = max (or mean) of
 * x[n, c, si..si+k−1, sj..sj+k−1]. Backward sends dL/dy to the window's maximum (max) or spreads it
 * evenly over the window (average).
 *
 * <p>Shapes: x [N, C, H, W], y [N, C, ⌊(H−k)/s⌋+1, ⌊(W−k)/s⌋+1].
 */
public final class Pool2d implements Layer {
  private final String name;
  private final boolean max;
  private final int kernel;
  private final int stride;
  private final Pooling2DConfig config;

  public Pool2d(String name, boolean max, int kernel, int stride) {
    this.name = name;
    this.max = max;
    this.kernel = kernel;
    this.stride = stride;
    this.config =
        Pooling2DConfig.builder()
            .kH(kernel)
            .kW(kernel)
            .sH(stride)
            .sW(stride)
            .dH(1)
            .dW(1)
            .paddingMode(PaddingMode.VALID)
            .type(max ? Pooling2D.Pooling2DType.MAX : Pooling2D.Pooling2DType.AVG)
            .divisor(Pooling2D.Divisor.INCLUDE_PADDING)
            .isNHWC(false)
            .build();
  }

  @Override
  public String name() {
    return name;
  }

  public boolean isMax() {
    return max;
  }

  public int kernel() {
    return kernel;
  }

  public int stride() {
    return stride;
  }

  @Override
  public long[] outputShape(long[] in) {
    return new long[] {in[0], (in[1] - kernel) / stride + 1, (in[2] - kernel) / stride + 1};
  }

  @Override
  public Bound bind(INDArray x, INDArray dLdx) {
    long[] out = outputShape(new long[] {x.size(1), x.size(2), x.size(3)});
    INDArray y = Nd4j.createUninitialized(x.dataType(), x.size(0), out[0], out[1], out[2]);
    INDArray dLdy = y.like();
    DynamicCustomOp forward = max ? new MaxPooling2D(x, y, config) : new AvgPooling2D(x, y, config);
    DynamicCustomOp backward =
        dLdx == null
            ? null
            : DynamicCustomOp.builder(max ? "maxpool2d_bp" : "avgpool2d_bp")
                .addInputs(x, dLdy)
                .addOutputs(dLdx)
                .addIntegerArguments(Conv2d.toInts(forward.iArgs()))
                .build();
    return new Wired(
        y,
        dLdy,
        training -> {
          Nd4j.exec(forward);
        },
        () -> {
          if (backward != null) {
            Nd4j.exec(backward);
          }
        });
  }
}
